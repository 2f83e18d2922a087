import type { Diagnostic, DraftFinding, Fix, Location } from '../core/finding.ts';
import { redactSecrets } from '../sast/secrets/index.ts';
import { parseDockerfile } from './dockerfile/parse.ts';
import type { IacReport, IacRule, Span } from './rule.ts';
import { parseWorkflow } from './workflow/parse.ts';

export type IacFileKind = 'dockerfile' | 'workflow';

const DOCKERFILE = /(^|\/)((Dockerfile|Containerfile)(\.[^/]+)?|[^/]+\.(Dockerfile|Containerfile))$/i;
const WORKFLOW = /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/;

/** Which kind of infrastructure file a path is, if any. */
export function iacKindOf(path: string): IacFileKind | undefined {
  if (WORKFLOW.test(path)) return 'workflow';
  // `Dockerfile.md` or `.dockerignore`-like names are not Dockerfiles.
  if (DOCKERFILE.test(path) && !/\.(md|txt|dockerignore|json|ya?ml|sh)$/i.test(path)) return 'dockerfile';
  return undefined;
}

export interface IacFileResult {
  findings: DraftFinding[];
  diagnostics: Diagnostic[];
}

/**
 * Parse one file and run the rules for its kind. A rule that throws becomes a diagnostic; the
 * other rules still run. `kind` defaults to what the path says.
 */
export function runIacRules(
  path: string,
  text: string,
  rules: readonly IacRule[],
  kind: IacFileKind | undefined = iacKindOf(path),
): IacFileResult {
  const findings: DraftFinding[] = [];
  const diagnostics: Diagnostic[] = [];
  if (!kind) return { findings, diagnostics };
  const lines = text.split(/\r?\n/);
  const parsed = kind === 'dockerfile' ? parseDockerfile(path, text) : parseWorkflow(path, text);
  // Not `push(...list)`: a hostile file can yield more diagnostics than a call takes arguments.
  for (const d of parsed.diagnostics) diagnostics.push(d);
  if (parsed.diagnostics.some((d) => d.level === 'error')) return { findings, diagnostics };
  for (const rule of rules) {
    if (rule.fileKind !== kind) continue;
    const report = (r: IacReport) => findings.push(toFinding(rule, path, lines, r));
    try {
      if (rule.fileKind === 'dockerfile') rule.check(parsed as ReturnType<typeof parseDockerfile>, report);
      else rule.check(parsed as ReturnType<typeof parseWorkflow>, report);
    } catch (error) {
      diagnostics.push({
        level: 'error',
        source: 'config',
        path,
        message: `rule ${rule.meta.id} failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return { findings, diagnostics };
}

function toFinding(rule: IacRule, path: string, lines: readonly string[], r: IacReport): DraftFinding {
  const location = locationOf(path, lines, r.at, r.snippet);
  const description = r.fix?.description ?? rule.meta.fixHint;
  const replacement = r.fix?.replacement;
  const fix: Fix | undefined = description
    ? {
        description,
        ...(replacement
          ? {
              replacement: {
                location: locationOf(path, lines, replacement.at, regionText(lines, replacement.at)),
                text: replacement.text,
              },
            }
          : {}),
      }
    : undefined;
  return {
    ruleId: rule.meta.id,
    kind: 'config',
    severity: r.severity ?? rule.meta.severity,
    title: rule.meta.title,
    message: r.message,
    location,
    ...(rule.meta.cwe ? { cwe: rule.meta.cwe } : {}),
    ...(rule.meta.owasp ? { owasp: rule.meta.owasp } : {}),
    ...(fix ? { fix } : {}),
    ...(r.properties ? { properties: r.properties } : {}),
  };
}

/** A location with the flagged source line as its snippet, secrets masked. */
export function locationOf(path: string, lines: readonly string[], at: Span, snippet?: string): Location {
  const endLine = at.endLine ?? at.line;
  const lineText = lines[at.line - 1] ?? '';
  return {
    path,
    startLine: at.line,
    startColumn: at.column,
    endLine,
    endColumn:
      at.endColumn ?? (endLine === at.line ? lineText.length + 1 : (lines[endLine - 1] ?? '').length + 1),
    snippet: snippet ?? redactSecrets(lineText.trim()).slice(0, 400),
  };
}

/** The source text of a one-line region (a replacement's target). */
function regionText(lines: readonly string[], at: Span): string | undefined {
  if (at.endColumn === undefined || (at.endLine ?? at.line) !== at.line) return undefined;
  return (lines[at.line - 1] ?? '').slice(at.column - 1, at.endColumn - 1);
}
