import { readFile } from 'node:fs/promises';
import type { DraftFinding, Finding, Location, RuleMeta } from './finding.ts';
import { namesOf } from './rule-renames.ts';
import type { WalkedFile } from './scanner.ts';

/**
 * Inline suppressions, in any comment style (`//`, `/* *\/`, `#`, `<!-- -->`). Each names one or
 * more rule ids or advisory ids (GHSA-…, CVE-…), comma-separated, then ` -- ` and a reason:
 *
 *   // vigil-ignore-next-line js/eval, js/exec -- the input is a constant table
 *   run(); // vigil-ignore-line js/exec -- reviewed in #41
 *   # vigil-ignore-file GHSA-xxxx-xxxx-xxxx -- test fixture, never deployed
 *
 * A directive without an id or a reason suppresses nothing and is reported as
 * `vigil/invalid-suppression`. Directives are found in the text, so an example inside a string
 * that looks like a comment counts too (documentation is usually excluded from scans anyway).
 */
export type DirectiveKind = 'next-line' | 'line' | 'file';

export interface SuppressionDirective {
  kind: DirectiveKind;
  /** Lower-cased ids. */
  ids: string[];
  reason: string;
  /** 1-based line of the comment. */
  line: number;
  /** The line it covers (for `file`, 0). */
  targetLine: number;
  location: Location;
}

export const INVALID_SUPPRESSION_RULE: RuleMeta = {
  id: 'vigil/invalid-suppression',
  kind: 'config',
  title: 'Invalid suppression comment',
  severity: 'low',
  help:
    'A `vigil-ignore-*` comment must name the rule (or advisory) ids it suppresses and say why, after ' +
    '` -- `: `// vigil-ignore-next-line js/eval -- input is a constant table`. A comment missing either ' +
    'suppresses nothing, so the finding it meant to hide is still reported.',
  fixHint: 'Write the comment as `vigil-ignore-next-line <rule-id> -- <reason>`.',
};

/** Every directive contains this; files without it need no parsing. */
export const SUPPRESSION_MARKER = 'vigil-ignore-';
/** A comment opener at the line start or after whitespace/punctuation, then the directive. */
const DIRECTIVE = /(^|[\s;,(){}[\]])(\/\/+|\/\*+|#+|<!--)\s*vigil-ignore-(next-line|line|file)(?![\w-])(.*)$/;
const ID = /^[A-Za-z0-9@][A-Za-z0-9_.:/@-]*$/;

/**
 * `text` without a closing `*\/` or `-->` at its end and the blanks around it (what
 * `/\s*(\*+\/|-->)\s*$/` removed, by hand: that pattern is quadratic in a run of blanks or stars).
 */
function withoutCommentClose(text: string): string {
  const trimmed = text.trimEnd();
  let end = trimmed.length;
  if (trimmed.endsWith('-->')) end -= 3;
  else if (trimmed.endsWith('*/')) for (end -= 2; end > 0 && trimmed[end - 1] === '*';) end--;
  else return text;
  return trimmed.slice(0, end).trimEnd();
}

export interface ParsedFile {
  directives: SuppressionDirective[];
  problems: DraftFinding[];
}

/** Find every suppression directive in one file's text. */
export function parseSuppressions(path: string, text: string): ParsedFile {
  const directives: SuppressionDirective[] = [];
  const problems: DraftFinding[] = [];
  if (!text.includes(SUPPRESSION_MARKER)) return { directives, problems };
  const lines = text.split(/\r?\n/);
  const pendingNextLine: SuppressionDirective[] = [];
  lines.forEach((lineText, index) => {
    const line = index + 1;
    const m = lineText.includes(SUPPRESSION_MARKER) ? DIRECTIVE.exec(lineText) : null;
    if (!m) {
      // Stacked next-line comments all apply to the first line that is not one of them.
      for (const d of pendingNextLine.splice(0)) d.targetLine = line;
      return;
    }
    const kind = m[3] as DirectiveKind;
    const startColumn = (m.index ?? 0) + m[1]!.length + 1;
    const comment = lineText.slice(startColumn - 1).trimEnd();
    const location: Location = {
      path,
      startLine: line,
      startColumn,
      endLine: line,
      endColumn: startColumn + comment.length,
      snippet: comment,
    };
    const body = withoutCommentClose(m[4]!);
    const separator = body.indexOf('--');
    const idPart = (separator === -1 ? body : body.slice(0, separator)).trim();
    const reason = separator === -1 ? '' : body.slice(separator + 2).trim();
    const ids = idPart.split(/[\s,]+/).filter(Boolean);
    const problem =
      ids.length === 0
        ? 'names no rule id'
        : ids.find((id) => !ID.test(id))
          ? `has "${ids.find((id) => !ID.test(id))}" where a rule id should be`
          : reason === ''
            ? 'gives no reason after " -- "'
            : undefined;
    if (problem) {
      problems.push({
        ruleId: INVALID_SUPPRESSION_RULE.id,
        kind: 'config',
        severity: INVALID_SUPPRESSION_RULE.severity,
        title: INVALID_SUPPRESSION_RULE.title,
        message: `This vigil-ignore-${kind} comment ${problem}, so it suppresses nothing. Write it as "vigil-ignore-${kind} <rule-id> -- <reason>".`,
        location,
        fix: { description: INVALID_SUPPRESSION_RULE.fixHint! },
      });
      return;
    }
    const directive: SuppressionDirective = {
      kind,
      ids: ids.map((id) => id.toLowerCase()),
      reason,
      line,
      targetLine: kind === 'line' ? line : 0,
      location,
    };
    directives.push(directive);
    if (kind === 'next-line') pendingNextLine.push(directive);
  });
  return { directives, problems };
}

/** The directive that suppresses `finding`, if any (the finding must be in the same file). */
export function findDirective(
  finding: Finding,
  directives: readonly SuppressionDirective[],
): SuppressionDirective | undefined {
  const ids = namesOf(finding);
  const { startLine, endLine } = finding.location;
  return directives.find((d) => {
    if (!d.ids.some((id) => ids.includes(id))) return false;
    if (d.kind === 'file') return true;
    if (d.kind === 'line') return d.line === startLine || d.line === endLine;
    return d.targetLine === startLine;
  });
}

/** Mark findings covered by a directive as suppressed (kept, never dropped). */
export function applyDirectives(
  findings: Finding[],
  byPath: ReadonlyMap<string, SuppressionDirective[]>,
): Finding[] {
  return findings.map((finding) => {
    if (finding.suppression) return finding;
    const directives = byPath.get(finding.location.path);
    const directive = directives && findDirective(finding, directives);
    if (!directive) return finding;
    return {
      ...finding,
      suppression: { kind: 'inline' as const, justification: directive.reason, location: directive.location },
    };
  });
}

/** Read every walked file (bounded concurrency) and collect its directives and malformed ones. */
export async function collectSuppressions(
  files: readonly WalkedFile[],
  concurrency = 16,
): Promise<{ byPath: Map<string, SuppressionDirective[]>; problems: DraftFinding[] }> {
  const byPath = new Map<string, SuppressionDirective[]>();
  const problems: DraftFinding[] = [];
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      // An unreadable file was reported by whoever failed to read it; it holds no directives we can see.
      const text = await readFile(file.absPath, 'utf8').catch(() => '');
      const parsed = parseSuppressions(file.path, text);
      if (parsed.directives.length) byPath.set(file.path, parsed.directives);
      problems.push(...parsed.problems);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  problems.sort((a, b) =>
    a.location.path < b.location.path ? -1 : a.location.path > b.location.path ? 1 : 0,
  );
  return { byPath, problems };
}
