/**
 * Markdown for a PR comment or a job summary. Everything a scanned repository controls (paths,
 * messages, snippets, package names) is escaped: a file name must not close a table cell, open
 * an HTML tag or mention a user. The document can be bounded in length (GitHub: 65,535).
 */
import {
  belowPrecision,
  precisionOf,
  type Diagnostic,
  type Finding,
  type FindingKind,
} from '../core/finding.ts';
import type { ScanResult } from '../core/scanner.ts';
import { SEVERITIES } from '../core/severity.ts';
import type { Severity } from '../core/severity.ts';
import {
  FINDING_KINDS,
  MAX_DIAGNOSTICS_LISTED,
  describeDiagnosticCounts,
  diagnosticPlace,
  dependencyPaths,
  describeCounts,
  formatDependencyPath,
  formatLayer,
  formatLocation,
  formatPackage,
  packageFixes,
  plural,
  shownFindings,
  sortBySeverity,
  humanDiagnostics,
  summarize,
} from './model.ts';
import { incompleteLine, otherSources, type Summary } from './model.ts';
import type { Reporter, ReportOptions } from './reporter.ts';
import { describeReachability, reachabilityOf } from './reachability.ts';

/** GitHub's limit for a comment body, a check run summary and a job summary step. */
export const GITHUB_MARKDOWN_LIMIT = 65_535;

const MAX_CELL = 300;
const MAX_TOP_FIXES = 10;
const MAX_PATHS = 10;

const KIND_LABELS: Record<FindingKind, string> = {
  sast: 'Code (SAST)',
  secret: 'Secrets',
  sca: 'Dependencies (SCA)',
  container: 'Containers',
  config: 'Configuration',
};

const SEVERITY_ICONS: Record<Severity, string> = {
  critical: '🔴',
  high: '🟠',
  medium: '🟡',
  low: '🔵',
  info: '⚪',
};

/** For text inside HTML (`<summary>`), where Markdown is not parsed; `@` kept from mentioning. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/(^|[^A-Za-z0-9_.-])@/g, '$1@\u200b');
}

/**
 * For user text in Markdown (table cells, list items): one line, HTML neutralised, every
 * character that could start Markdown syntax here backslash-escaped (`[` and `]` escaped means no
 * link can form, so parentheses stay), `$` kept from starting math, `@` kept from mentioning.
 */
export function escapeMarkdown(text: string, max = MAX_CELL): string {
  const oneLine = text.replace(/[\r\n\t\u2028\u2029]+/g, ' ');
  const clipped = oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
  return escapeHtml(clipped).replace(/[\\`*_[\]#|~$]/g, (ch) => `\\${ch}`);
}

/** Code-looking user text: escaped like Markdown (a `|` in a code span would still split a table cell). */
function code(text: string, max = MAX_CELL): string {
  return `<code>${escapeMarkdown(text, max)}</code>`;
}

/** A fenced block that no backtick run in the content can close. */
function fenced(text: string, language = ''): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

function severityCell(severity: Severity): string {
  return `${SEVERITY_ICONS[severity]} ${severity}`;
}

function locationCell(f: Finding): string {
  if (f.image) {
    const layer = formatLayer(f.image);
    return `${code(f.image.ref)}${layer ? `<br>${escapeMarkdown(layer, 120)}` : ''}`;
  }
  return code(f.location.startLine > 0 ? `${f.location.path}:${f.location.startLine}` : f.location.path);
}

function findingRow(f: Finding, audit: boolean): string {
  const what = f.package
    ? `${escapeMarkdown(formatPackage(f.package))}: ${escapeMarkdown(f.message)}`
    : escapeMarkdown(f.message);
  // The SCA and container scanners already say "Fixed in X." in the message.
  const reach = reachabilityOf(f);
  const suppressed = f.suppression
    ? ' _(suppressed)_'
    : audit
      ? ` _(audit: precision ${precisionOf(f)}, not counted)_`
      : f.nonGating
        ? ` _(${reach?.verdict ?? 'non-gating'}: not counted)_`
        : reach
          ? ` _(${reach.verdict})_`
          : '';
  return `| ${severityCell(f.severity)} | ${code(f.ruleId, 120)} | ${locationCell(f)} | ${what}${suppressed} |`;
}

function findingDetails(f: Finding): string | undefined {
  const blocks: string[] = [];
  const flow = f.flow ?? [];
  if (flow.length > 0) {
    const steps = flow.map(
      (step, i) => `${i + 1}. ${code(formatLocation(step.location))} ${escapeMarkdown(step.message)}`,
    );
    blocks.push(`**Flow**\n\n${steps.join('\n')}`);
  }
  const others = otherSources(f);
  if (others.length > 0) {
    const list = others.map((at) => `- ${code(formatLocation(at))}`);
    blocks.push(`**Also reached from**\n\n${list.join('\n')}`);
  }
  const reach = reachabilityOf(f);
  if (reach) {
    const evidence = reach.evidence.map(
      (e) => `- ${code(`${e.path}:${e.line}`)}${e.snippet ? ` ${code(e.snippet, 160)}` : ''}`,
    );
    blocks.push(
      [`**Reachability: ${reach.verdict}** ${escapeMarkdown(reach.reason)}`, ...evidence].join('\n'),
    );
  }
  const paths = f.package ? dependencyPaths({ findings: [f] }) : [];
  if (paths.length > 0) {
    const shown = paths.slice(0, MAX_PATHS).map((p) => `- ${escapeMarkdown(formatDependencyPath(p))}`);
    if (paths.length > MAX_PATHS) shown.push(`- … ${plural(paths.length - MAX_PATHS, 'more path')}`);
    blocks.push(`**Dependency paths**\n\n${shown.join('\n')}`);
  }
  if (f.fix?.replacement) {
    blocks.push(
      `**Fix:** ${escapeMarkdown(f.fix.description)}\n\n${fenced(f.fix.replacement.text.slice(0, 2000))}`,
    );
  }
  if (blocks.length === 0) return undefined;
  const where = f.package ? `${f.package.name}@${f.package.version}` : formatLocation(f.location);
  return details(
    `${escapeHtml(f.ruleId)} ${f.package ? 'in' : 'at'} ${escapeHtml(where)}`,
    blocks.join('\n\n'),
  );
}

function summaryTable(summary: Summary): string {
  const header = `| | ${SEVERITIES.map((s) => severityCell(s)).join(' | ')} | total |`;
  const align = `|---|${SEVERITIES.map(() => '---:').join('|')}|---:|`;
  const rows = FINDING_KINDS.filter((k) => SEVERITIES.some((s) => summary.byKind[k][s] > 0)).map((k) => {
    const counts = summary.byKind[k];
    const total = SEVERITIES.reduce((n, s) => n + counts[s], 0);
    return `| ${KIND_LABELS[k]} | ${SEVERITIES.map((s) => counts[s]).join(' | ')} | ${total} |`;
  });
  const totals = `| **Total** | ${SEVERITIES.map((s) => `**${summary.bySeverity[s]}**`).join(' | ')} | **${summary.total}** |`;
  return [header, align, ...rows, totals].join('\n');
}

function statusLine(summary: Summary, options: ReportOptions): string {
  const parts: string[] = [];
  if (summary.failOn !== null && summary.failOn !== 'none') {
    parts.push(
      summary.thresholdMet
        ? `❌ **Failed:** ${plural(summary.failing, 'finding')} at or above \`${summary.failOn}\`.`
        : summary.incomplete.length > 0
          ? `⚠️ **Incomplete:** nothing at or above \`${summary.failOn}\` in what ran.`
          : `✅ **Passed:** nothing at or above \`${summary.failOn}\`.`,
    );
  }
  for (const i of summary.incomplete) parts.push(`⚠️ ${incompleteLine(i)}.`);
  if (summary.reachability) parts.push(`Reachability: ${describeReachability(summary.reachability)}.`);
  if (summary.nonGating > 0)
    parts.push(
      `${plural(summary.nonGating, 'finding')} in unreachable dependencies: one severity lower, not counted.`,
    );
  if (summary.audit > 0)
    parts.push(
      `${plural(summary.audit, 'audit finding')} (precision below \`${summary.minPrecision}\`) listed last, not counted.`,
    );
  if (summary.suppressed > 0) {
    parts.push(
      `${plural(summary.suppressed, 'suppressed finding')}${options.showSuppressed ? '' : ' not shown'}.`,
    );
  }
  return parts.join(' ');
}

function topFixes(findings: readonly Finding[]): string | undefined {
  const fixes = packageFixes(findings);
  if (fixes.length === 0) return undefined;
  const lines = fixes.slice(0, MAX_TOP_FIXES).map((fix) => {
    const from = fix.from.map((v) => code(v, 80)).join(', ');
    return `- Upgrade **${escapeMarkdown(fix.name, 120)}** (${escapeMarkdown(fix.ecosystem, 60)}) ${from} to ${code(fix.to, 80)}: fixes ${fix.fixes}`;
  });
  if (fixes.length > MAX_TOP_FIXES)
    lines.push(`- … ${plural(fixes.length - MAX_TOP_FIXES, 'more package')} to upgrade`);
  return `### Top fixes\n\n${lines.join('\n')}`;
}

function diagnosticsSection(
  diagnostics: readonly Diagnostic[],
  summary: Summary,
  verbose: boolean | undefined,
): string | undefined {
  if (diagnostics.length === 0) return undefined;
  const { listed, skipped } = humanDiagnostics(diagnostics, verbose);
  const max = verbose ? listed.length : MAX_DIAGNOSTICS_LISTED;
  const lines = listed.slice(0, max).map((d) => {
    const place = diagnosticPlace(d);
    const where = place ? `${code(place)} ` : '';
    return `- **${d.level}** ${where}${escapeMarkdown(d.message)}${d.source ? ` (${escapeMarkdown(d.source, 60)})` : ''}`;
  });
  if (listed.length > max) lines.push(`- … ${plural(listed.length - max, 'more diagnostic')}`);
  if (skipped) lines.push(`- **note** ${escapeMarkdown(skipped)} (listed in the JSON and SARIF reports)`);
  return `### Diagnostics\n\n${details(escapeHtml(describeDiagnosticCounts(summary)), lines.join('\n'))}`;
}

/** The report with the first `shown` findings (most serious first) and a line for the rest. */
function assemble(
  head: string[],
  rows: string[],
  blocks: (string | undefined)[],
  tail: string[],
  shown: number,
): string {
  const parts = [...head];
  if (rows.length > 0) {
    parts.push(
      '### Findings',
      ['| Severity | Rule | Location | Message |', '|---|---|---|---|', ...rows.slice(0, shown)].join('\n'),
    );
    if (shown < rows.length) parts.push(`_… ${plural(rows.length - shown, 'more finding')} not shown._`);
    const shownBlocks = blocks.slice(0, shown).filter((b): b is string => b !== undefined);
    if (shownBlocks.length > 0) parts.push('### Details', ...shownBlocks);
  }
  parts.push(...tail);
  return `${parts.join('\n\n')}\n`;
}

export const renderMarkdown: Reporter = (result: ScanResult, options: ReportOptions): string => {
  const summary = summarize(result, options.failOn, options.minPrecision);
  // Patterns below --min-precision are listed after the rest: an audit list, not what fails.
  const shown = sortBySeverity(shownFindings(result.findings, options.showSuppressed));
  const audit = new Set(shown.filter((f) => belowPrecision(f, summary.minPrecision)));
  const findings = [...shown.filter((f) => !audit.has(f)), ...shown.filter((f) => audit.has(f))];
  const title =
    summary.total === 0
      ? summary.incomplete.length > 0
        ? '## vigil: incomplete, no findings from what ran'
        : '## vigil: no findings'
      : `## vigil: ${plural(summary.total, 'finding')} (${describeCounts(summary.bySeverity)})`;
  const head = [title, summaryTable(summary), statusLine(summary, options), topFixes(result.findings)].filter(
    (part): part is string => part !== undefined && part !== '',
  );
  const tail = [diagnosticsSection(result.diagnostics, summary, options.verbose)].filter(
    (p): p is string => p !== undefined,
  );
  const rows = findings.map((f) => findingRow(f, audit.has(f)));
  const blocks = findings.map(findingDetails);
  const full = assemble(head, rows, blocks, tail, rows.length);
  const max = options.maxLength;
  if (max === undefined || full.length <= max) return full;
  // The length grows with the number of findings shown: find the most that fit.
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (assemble(head, rows, blocks, tail, mid).length <= max) lo = mid;
    else hi = mid - 1;
  }
  const fitted = assemble(head, rows, blocks, tail, lo);
  if (fitted.length <= max) return fitted;
  return hardTruncate(fitted, max, rows.length);
};

/** Last resort when even the summary does not fit: cut at a line and say so. */
function hardTruncate(text: string, max: number, findings: number): string {
  const note = `\n\n_Report truncated: ${plural(findings, 'finding')} not shown._\n`;
  if (note.length >= max) return note.trim().slice(0, Math.max(0, max));
  const room = text.slice(0, max - note.length);
  const cut = room.lastIndexOf('\n');
  return `${cut > 0 ? room.slice(0, cut) : room}${note}`;
}
