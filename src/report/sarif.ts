/**
 * SARIF 2.1.0, shaped for GitHub code scanning: one run per scanner group, each with its own
 * category (`runs[].automationDetails.id`), rule metadata with help and `security-severity`,
 * `partialFingerprints`, code flows for taint, fixes, and suppressed results kept as
 * `suppressions`. Valid against the OASIS schema and Microsoft's validator (see the tests).
 */
import { previousRuleIds } from '../core/rule-renames.ts';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { ScannerId } from '../core/config/types.ts';
import { SCANNER_IDS } from '../core/config/types.ts';
import {
  precisionOf,
  type Diagnostic,
  type Finding,
  type FindingKind,
  type Location,
  type RuleMeta,
} from '../core/finding.ts';
import type { ScanResult } from '../core/scanner.ts';
import { securitySeverityScore, severityRank } from '../core/severity.ts';
import type { Severity } from '../core/severity.ts';
import { compareStrings, cvssScore, printableProperties, sortByLocation } from './model.ts';
import { reachabilityOf } from './reachability.ts';
import type { Reporter } from './reporter.ts';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const VIGIL_INFORMATION_URI = 'https://www.npmjs.com/package/vigil';
export const SRCROOT = '%SRCROOT%';
export const FINGERPRINT_KEY = 'vigilFingerprint/v1';

/** Which finding kinds each run carries: secrets are found by the SAST scanner, so they upload with it. */
export const SARIF_GROUPS: Readonly<Record<ScannerId, readonly FindingKind[]>> = {
  sast: ['sast', 'secret'],
  sca: ['sca'],
  container: ['container'],
  config: ['config'],
};

/** The code scanning category of a group: `vigil/sast/`. */
export function sarifCategory(group: ScannerId): string {
  return `vigil/${group}/`;
}

export function groupOfKind(kind: FindingKind): ScannerId {
  return SCANNER_IDS.find((group) => SARIF_GROUPS[group].includes(kind)) ?? 'sast';
}

export interface SarifOptions {
  /**
   * The groups to emit, one run each (even when empty: an empty run tells code scanning that
   * every earlier alert of that category is fixed). Default: every scanner that ran plus every
   * group that has findings.
   */
  groups?: readonly ScannerId[];
}

export function sarifLevel(severity: Severity): Sarif.ReportingConfiguration.level {
  if (severityRank(severity) <= severityRank('high')) return 'error';
  return severity === 'medium' ? 'warning' : 'note';
}

/** A relative POSIX path as a URI reference: each segment percent-encoded (a `:` must not read as a scheme). */
export function pathToUri(path: string): string {
  return path
    .replace(/^\/+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/**
 * SARIF message text reads `[text](n)` as a link to related location n (or a URI), so brackets
 * from scanned code or advisories are escaped (SARIF §3.11.6): a message cannot forge a link.
 */
export function messageText(...candidates: string[]): string {
  return firstText(...candidates).replace(/[\\[\]]/g, (ch) => `\\${ch}`);
}

/** GitHub rejects empty message and description texts: the first candidate with words in it wins. */
function firstText(...candidates: string[]): string {
  return candidates.find((text) => text.trim() !== '') ?? 'No description.';
}

function positive(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) && n >= 1 ? Math.trunc(n) : undefined;
}

/** A region SARIF accepts whatever a scanner left: lines and columns from 1, the end not before the start. */
function region(l: Location, wholeLine: boolean): Sarif.Region {
  const startLine = positive(l.startLine) ?? 1;
  if (wholeLine) return { startLine };
  const startColumn = positive(l.startColumn) ?? 1;
  const endLine = Math.max(startLine, positive(l.endLine) ?? startLine);
  let endColumn = positive(l.endColumn);
  if (endColumn !== undefined && endLine === startLine && endColumn < startColumn) endColumn = undefined;
  return {
    startLine,
    startColumn,
    endLine,
    ...(endColumn !== undefined ? { endColumn } : {}),
    ...(l.snippet ? { snippet: { text: l.snippet } } : {}),
  };
}

function physicalLocation(l: Location, wholeLine = false): Sarif.PhysicalLocation {
  return { artifactLocation: { uri: pathToUri(l.path), uriBaseId: SRCROOT }, region: region(l, wholeLine) };
}

/** Package findings point at the lockfile line (or line 1): columns there mean nothing. */
function findingLocation(f: Finding): Sarif.Location {
  return { physicalLocation: physicalLocation(f.location, f.package !== undefined) };
}

function cweNumbers(cwe: readonly string[] | undefined): string[] {
  return (cwe ?? []).map((id) => /(\d+)/.exec(id)?.[1]).filter((n): n is string => n !== undefined);
}

function owaspTags(owasp: readonly string[] | undefined): string[] {
  return (owasp ?? [])
    .map((id) => /^(A\d{2}:\d{4})/i.exec(id)?.[1])
    .filter((id): id is string => id !== undefined)
    .map((id) => `external/owasp/${id.toLowerCase()}`);
}

function pascalCase(text: string): string {
  const words = text.match(/[A-Za-z0-9]+/g) ?? [];
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z]/.test(name) ? name : `Rule${name}`;
}

/** A rule no scanner described (typically one advisory): described from its findings. */
function ruleFromFindings(findings: readonly Finding[]): RuleMeta {
  const first = findings[0]!;
  const help = [
    first.title,
    first.advisoryIds?.length ? `Advisories: ${first.advisoryIds.join(', ')}.` : undefined,
    first.fix?.description,
  ].filter((part): part is string => part !== undefined);
  return {
    id: first.ruleId,
    kind: first.kind,
    title: first.title,
    severity: first.severity,
    ...(first.cwe ? { cwe: first.cwe } : {}),
    ...(first.owasp ? { owasp: first.owasp } : {}),
    help: help.join('\n\n'),
    precision: first.package ? 'very-high' : 'high',
  };
}

function firstParagraph(markdown: string): string {
  return (markdown.split(/\n\s*\n/)[0] ?? markdown).replace(/\s+/g, ' ').trim();
}

function reportingDescriptor(rule: RuleMeta, findings: readonly Finding[]): Sarif.ReportingDescriptor {
  // Config may have raised or lowered the rule; what was reported is what code scanning should rank.
  const severity = findings.reduce<Severity>(
    (worst, f) => (severityRank(f.severity) < severityRank(worst) ? f.severity : worst),
    findings[0]?.severity ?? rule.severity,
  );
  const title = firstText(rule.title, rule.id);
  const scores = findings.map(cvssScore).filter((s): s is number => s !== undefined);
  const securitySeverity =
    scores.length > 0 ? Math.max(...scores).toFixed(1) : securitySeverityScore(severity);
  const cwes = cweNumbers(rule.cwe);
  const tags = [
    ...new Set([
      'security',
      rule.kind,
      ...cwes.map((n) => `external/cwe/cwe-${n}`),
      ...owaspTags(rule.owasp),
      ...(rule.tags ?? []),
    ]),
  ];
  const references = [
    ...cwes.map((n) => `- [CWE-${n}](https://cwe.mitre.org/data/definitions/${n}.html)`),
    ...(rule.helpUri ? [`- [More about this rule](${rule.helpUri})`] : []),
  ];
  const markdown = [
    rule.help,
    rule.fixHint ? `**Fix:** ${rule.fixHint}` : undefined,
    references.length > 0 ? `**References**\n\n${references.join('\n')}` : undefined,
  ].filter((part): part is string => part !== undefined);
  const deprecatedIds = previousRuleIds(rule.id);
  return {
    id: rule.id,
    ...(deprecatedIds.length ? { deprecatedIds } : {}),
    name: pascalCase(title),
    shortDescription: { text: title },
    fullDescription: { text: firstText(firstParagraph(rule.help), title) },
    help: {
      text: firstText(
        [rule.help, rule.fixHint ? `Fix: ${rule.fixHint}` : undefined].filter(Boolean).join('\n\n'),
        title,
      ),
      markdown: firstText(markdown.join('\n\n'), title),
    },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    defaultConfiguration: { level: sarifLevel(severity) },
    properties: {
      tags,
      'security-severity': securitySeverity,
      precision: rule.precision ?? 'high',
      ...(rule.owasp?.length ? { owasp: rule.owasp } : {}),
    },
  };
}

function sarifResult(f: Finding, ruleIndex: number, rule: RuleMeta | undefined): Sarif.Result {
  // One codeFlow per source that reaches the sink; the first is the finding's own flow.
  const flows = [f.flow ?? [], ...(f.otherFlows ?? [])].filter((flow) => flow.length > 1);
  const sources = flows.map((flow) => flow[0]!);
  const properties = printableProperties(f);
  const reach = reachabilityOf(f);
  const sourceLinks =
    sources.length === 0
      ? ''
      : sources.length === 1
        ? ' The data comes from this [source](1).'
        : ` The data comes from ${sources.map((_, i) => `[source ${i + 1}](${i + 1})`).join(', ')}.`;
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: {
      text: `${messageText(f.message, f.title, f.ruleId)}${sourceLinks}`,
    },
    locations: [findingLocation(f)],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(flows.length
      ? {
          codeFlows: flows.map((flow) => ({
            message: { text: messageText(`${flow[0]!.message} → ${flow[flow.length - 1]!.message}`) },
            threadFlows: [
              {
                locations: flow.map((step, i) => ({
                  location: {
                    physicalLocation: physicalLocation(step.location),
                    message: { text: messageText(step.message, `Step ${i + 1}.`) },
                  },
                  executionOrder: i + 1,
                })),
              },
            ],
          })),
          relatedLocations: sources.map((source, i) => ({
            id: i + 1,
            physicalLocation: physicalLocation(source.location),
            message: { text: messageText(source.message, 'Source.') },
          })),
        }
      : {}),
    ...(f.fix?.replacement
      ? {
          fixes: [
            {
              description: { text: messageText(f.fix.description, 'Fix.') },
              artifactChanges: [
                {
                  artifactLocation: { uri: pathToUri(f.fix.replacement.location.path), uriBaseId: SRCROOT },
                  replacements: [
                    {
                      deletedRegion: region({ ...f.fix.replacement.location, snippet: undefined }, false),
                      insertedContent: { text: f.fix.replacement.text },
                    },
                  ],
                },
              ],
            },
          ],
        }
      : {}),
    // --baseline-commit: SARIF's own word for new and pre-existing results.
    ...(f.properties?.baseline === 'new' || f.properties?.baseline === 'existing'
      ? { baselineState: f.properties.baseline === 'new' ? ('new' as const) : ('unchanged' as const) }
      : {}),
    ...(f.suppression
      ? {
          suppressions: [
            {
              kind: f.suppression.kind === 'inline' ? 'inSource' : 'external',
              status: 'accepted',
              ...(f.suppression.justification ? { justification: f.suppression.justification } : {}),
              ...(f.suppression.location
                ? { location: { physicalLocation: physicalLocation(f.suppression.location) } }
                : {}),
            },
          ],
        }
      : {}),
    properties: {
      kind: f.kind,
      severity: f.severity,
      precision: precisionOf(f, rule),
      ...(f.advisoryIds?.length ? { advisoryIds: f.advisoryIds } : {}),
      ...(f.fix && !f.fix.replacement ? { fix: f.fix.description } : {}),
      ...(f.package ? { package: f.package } : {}),
      ...(f.image ? { image: f.image } : {}),
      ...(reach ? { reachability: reach } : {}),
      ...(f.nonGating ? { nonGating: f.nonGating } : {}),
      ...(properties ? { extra: properties } : {}),
    },
  };
}

/** Which group a diagnostic belongs to, from its source (`sast`, `sca:osv`…); unattributed ones go to every run. */
function diagnosticGroup(d: Diagnostic): ScannerId | undefined {
  const head = d.source?.split(/[/:. ]/, 1)[0]?.toLowerCase();
  if (head === 'secret') return 'sast';
  return SCANNER_IDS.find((id) => id === head);
}

function notification(d: Diagnostic): Sarif.Notification {
  const line = positive(d.line);
  return {
    level: d.level,
    message: { text: messageText(d.message, `${d.level}.`) },
    ...(d.path
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: pathToUri(d.path), uriBaseId: SRCROOT },
                ...(line ? { region: { startLine: line } } : {}),
              },
            },
          ],
        }
      : {}),
    ...(d.source ? { properties: { source: d.source } } : {}),
  };
}

function srcRootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function buildRun(result: ScanResult, group: ScannerId | undefined, findings: readonly Finding[]): Sarif.Run {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const kinds = group ? SARIF_GROUPS[group] : [];
  const metas = new Map<string, RuleMeta>();
  for (const rule of result.rules)
    if (kinds.includes(rule.kind) && !metas.has(rule.id)) metas.set(rule.id, rule);
  for (const [id, ruleFindings] of byRule) if (!metas.has(id)) metas.set(id, ruleFromFindings(ruleFindings));
  const ruleIds = [...metas.keys()].sort(compareStrings);
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const diagnostics = result.diagnostics.filter((d) => {
    const owner = diagnosticGroup(d);
    return owner === undefined || owner === group;
  });
  const { name, version } = result.tool;
  return {
    tool: {
      driver: {
        name,
        version,
        ...(/^\d+\.\d+\.\d+/.test(version) ? { semanticVersion: version } : {}),
        informationUri: VIGIL_INFORMATION_URI,
        rules: ruleIds.map((id) => reportingDescriptor(metas.get(id)!, byRule.get(id) ?? [])),
      },
    },
    automationDetails: { id: group ? sarifCategory(group) : 'vigil/' },
    originalUriBaseIds: { [SRCROOT]: { uri: srcRootUri(result.root) } },
    invocations: [
      {
        // Per-file errors leave the rest of the scan intact; a scanner-wide error (no path) or a
        // scanner that could not do its job (incomplete) fails it.
        executionSuccessful: !diagnostics.some(
          (d) => d.incomplete === true || (d.level === 'error' && !d.path),
        ),
        toolExecutionNotifications: diagnostics.map(notification),
      },
    ],
    columnKind: 'utf16CodeUnits',
    results: sortByLocation(findings).map((f) =>
      sarifResult(f, ruleIndex.get(f.ruleId)!, metas.get(f.ruleId)),
    ),
  };
}

/** The SARIF log for all findings, or for the groups asked for (one upload category each). */
export function buildSarifLog(result: ScanResult, options: SarifOptions = {}): Sarif.Log {
  const present = new Set<ScannerId>([
    ...result.stats.scanners,
    ...result.findings.map((f) => groupOfKind(f.kind)),
  ]);
  const groups = options.groups ? [...new Set(options.groups)] : SCANNER_IDS.filter((id) => present.has(id));
  const runs =
    groups.length > 0
      ? groups.map((group) =>
          buildRun(
            result,
            group,
            result.findings.filter((f) => SARIF_GROUPS[group].includes(f.kind)),
          ),
        )
      : [buildRun(result, undefined, [])];
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs };
}

export const renderSarif: Reporter = (result) => `${JSON.stringify(buildSarifLog(result), null, 2)}\n`;
