import pc from 'picocolors';
import {
  belowPrecision,
  lowPrecision,
  precisionOf,
  type Diagnostic,
  type Finding,
  type FlowStep,
} from '../core/finding.ts';
import type { ScanResult } from '../core/scanner.ts';
import type { Severity } from '../core/severity.ts';
import {
  MAX_DIAGNOSTICS_LISTED,
  describeCounts,
  describeDiagnosticCounts,
  diagnosticPlace,
  formatDependencyPath,
  formatLayer,
  formatLocation,
  formatPackage,
  dependencyPaths,
  groupFindings,
  plural,
  shownFindings,
  humanDiagnostics,
  summarize,
} from './model.ts';
import { incompleteLine, otherSources, type FindingSection, type Summary } from './model.ts';
import type { Reporter, ReportOptions } from './reporter.ts';
import { describeReachability, describeVerdict, reachabilityOf } from './reachability.ts';

type Colors = ReturnType<typeof pc.createColors>;

/** Lines of a snippet shown under a finding. */
const MAX_SNIPPET_LINES = 4;
const MAX_LINE_WIDTH = 240;

/**
 * Scanned files and messages are untrusted: a control character (an ANSI escape in a file name)
 * must not drive the terminal, so every one is shown as a visible escape.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

function clip(text: string, width = MAX_LINE_WIDTH): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** One line of user text: controls escaped, tabs and newlines folded, length bounded. */
function line(text: string): string {
  return clip(terminalSafe(text.replace(/\r?\n|\t/g, ' ')));
}

function badge(c: Colors, severity: Severity): string {
  const label = `[${severity.toUpperCase()}]`.padEnd(10);
  const paint: Record<Severity, (s: string) => string> = {
    critical: (s) => c.bold(c.magenta(s)),
    high: (s) => c.bold(c.red(s)),
    medium: c.yellow,
    low: c.blue,
    info: c.dim,
  };
  return paint[severity](label);
}

function renderFlow(c: Colors, flow: FlowStep[], indent: string): string[] {
  const width = String(flow.length).length;
  const out = [`${indent}${c.cyan('flow')}:`];
  flow.forEach((step, i) => {
    const n = `${String(i + 1).padStart(width)}.`;
    const label = i === 0 ? 'source' : i === flow.length - 1 ? 'sink' : 'step';
    out.push(
      `${indent}  ${n} ${c.dim(label.padEnd(6))} ${c.underline(line(formatLocation(step.location)))}  ${line(step.message)}`,
    );
  });
  return out;
}

function renderFinding(c: Colors, finding: Finding, indent: string, inPackage: boolean): string[] {
  // Inside an image the location is only an anchor for code scanning; the layer says more.
  const where =
    finding.location.startLine > 0 && !finding.image
      ? `${finding.location.startLine}:${finding.location.startColumn}`
      : '';
  const head = [
    badge(c, finding.severity),
    c.bold(line(finding.ruleId)),
    where ? c.dim(where) : '',
    line(finding.title),
    // A pattern that needs a human look says so; proven and dangerous-whatever-the-data ones need no label.
    lowPrecision(finding) ? c.dim(`precision ${precisionOf(finding)}`) : '',
  ]
    .filter((part) => part !== '')
    .join('  ');
  const out = [`${indent}${head}`];
  const more = `${indent}    `;
  out.push(`${more}${line(finding.message)}`);
  if (finding.suppression) {
    const why = finding.suppression.justification ? `: ${line(finding.suppression.justification)}` : '';
    out.push(`${more}${c.dim(`suppressed (${finding.suppression.kind})${why}`)}`);
  }
  if (finding.location.snippet && !inPackage) {
    const lines = finding.location.snippet.split(/\r?\n/);
    for (const text of lines.slice(0, MAX_SNIPPET_LINES)) out.push(`${more}${c.dim('│')} ${line(text)}`);
    if (lines.length > MAX_SNIPPET_LINES)
      out.push(`${more}${c.dim(`│ … ${lines.length - MAX_SNIPPET_LINES} more lines`)}`);
  }
  const reach = reachabilityOf(finding);
  if (reach) {
    out.push(`${more}${c.cyan('reachability')}: ${line(describeVerdict(reach))}`);
    if (finding.nonGating)
      out.push(`${more}${c.dim(`not counted against fail-on (${line(finding.nonGating)})`)}`);
  }
  if (finding.advisoryIds && finding.advisoryIds.length > 0) {
    out.push(`${more}${c.dim('advisories:')} ${line(finding.advisoryIds.join(', '))}`);
  }
  if (finding.cwe && finding.cwe.length > 0 && !inPackage) {
    out.push(`${more}${c.dim('cwe:')} ${line(finding.cwe.join(', '))}`);
  }
  if (finding.flow && finding.flow.length > 0) out.push(...renderFlow(c, finding.flow, more));
  const others = otherSources(finding);
  if (others.length > 0)
    out.push(`${more}${c.cyan('also from')}: ${line(others.map(formatLocation).join(', '))}`);
  if (finding.fix) {
    out.push(`${more}${c.green('fix')}: ${line(finding.fix.description)}`);
    const replacement = finding.fix.replacement;
    if (replacement) {
      for (const text of replacement.text.split(/\r?\n/).slice(0, MAX_SNIPPET_LINES)) {
        out.push(`${more}  ${c.green('+')} ${line(text)}`);
      }
    }
  }
  return out;
}

function renderSectionHeader(c: Colors, section: FindingSection): string | undefined {
  const pkg = section.package;
  if (!pkg) return undefined;
  const parts = [c.bold(line(formatPackage(pkg)))];
  if (pkg.direct !== undefined) parts.push(c.dim(pkg.direct ? 'direct' : 'transitive'));
  if (pkg.dev) parts.push(c.dim('dev'));
  parts.push(pkg.fixedVersion ? c.green(`fixed in ${line(pkg.fixedVersion)}`) : c.yellow('no fixed version'));
  if (pkg.fixWithinRange) parts.push(c.dim('(lockfile refresh suffices)'));
  return parts.join('  ');
}

/** Dependency paths and the layer are the package's, shown once per section. */
function renderSectionDetails(c: Colors, section: FindingSection, indent: string): string[] {
  const out: string[] = [];
  const first = section.findings[0];
  const image = first?.image;
  const layer = image ? formatLayer(image) : undefined;
  if (layer) out.push(`${indent}${c.dim('layer:')} ${line(layer)}`);
  const paths = dependencyPaths(section);
  for (const path of paths.slice(0, 5))
    out.push(`${indent}${c.dim('path:')} ${line(formatDependencyPath(path))}`);
  if (paths.length > 5) out.push(`${indent}${c.dim(`… ${plural(paths.length - 5, 'more path')}`)}`);
  return out;
}

function renderDiagnostics(
  c: Colors,
  diagnostics: Diagnostic[],
  summary: Summary,
  verbose?: boolean,
): string[] {
  if (diagnostics.length === 0) return [];
  const { listed, skipped } = humanDiagnostics(diagnostics, verbose);
  const max = verbose ? listed.length : MAX_DIAGNOSTICS_LISTED;
  const out = ['', c.bold(`Diagnostics: ${describeDiagnosticCounts(summary)}`)];
  const paint = { error: c.red, warning: c.yellow, note: c.dim };
  for (const d of listed.slice(0, max)) {
    const place = diagnosticPlace(d);
    const where = place ? `${line(place)}  ` : '';
    const source = d.source ? c.dim(` [${line(d.source)}]`) : '';
    out.push(`  ${paint[d.level](d.level.padEnd(7))}  ${where}${line(d.message)}${source}`);
  }
  if (listed.length > max) {
    out.push(`  … ${plural(listed.length - max, 'more diagnostic')}`);
  }
  if (skipped)
    out.push(
      `  ${c.dim('note'.padEnd(7))}  ${skipped} (--verbose lists them; JSON and SARIF carry every one)`,
    );
  return out;
}

function renderSummary(c: Colors, summary: Summary, options: ReportOptions): string[] {
  const counts = describeCounts(summary.bySeverity);
  let head = summary.total === 0 ? 'No findings' : `${plural(summary.total, 'finding')}: ${counts}`;
  if (summary.suppressed > 0) {
    head += ` (${summary.suppressed} suppressed${options.showSuppressed ? '' : ', not shown'})`;
  }
  const out = ['', c.bold(head)];
  if (summary.reachability) out.push(`Reachability: ${describeReachability(summary.reachability)}`);
  if (summary.nonGating > 0)
    out.push(
      c.dim(
        `${plural(summary.nonGating, 'finding')} in unreachable dependencies: one severity lower, not counted against fail-on (sca.reachability.unreachable: keep counts them)`,
      ),
    );
  if (summary.audit > 0)
    out.push(
      c.dim(
        `${plural(summary.audit, 'audit finding')} below precision ${summary.minPrecision}: not counted against fail-on (--min-precision low counts them)`,
      ),
    );
  if (summary.failOn !== null && summary.failOn !== 'none') {
    out.push(
      summary.thresholdMet
        ? c.red(
            `fail-on ${summary.failOn}: ${plural(summary.failing, 'finding')} at or above ${summary.failOn} — failed`,
          )
        : summary.incomplete.length > 0
          ? c.red(
              `fail-on ${summary.failOn}: nothing at or above ${summary.failOn}, but the scan is INCOMPLETE`,
            )
          : c.green(`fail-on ${summary.failOn}: nothing at or above ${summary.failOn} — passed`),
    );
  } else if (summary.failOn === 'none') {
    out.push(c.dim('fail-on none: findings never fail the run'));
  }
  for (const i of summary.incomplete) out.push(c.red(incompleteLine(i)));
  return out;
}

function renderGroups(c: Colors, findings: readonly Finding[]): string[] {
  const out: string[] = [];
  for (const group of groupFindings(findings)) {
    if (out.length > 0) out.push('');
    out.push(c.bold(c.underline(line(group.target))) + (group.image ? c.dim(' (image)') : ''));
    for (const section of group.sections) {
      const header = renderSectionHeader(c, section);
      const indent = header ? '    ' : '  ';
      if (header) out.push(`  ${header}`, ...renderSectionDetails(c, section, '    '));
      for (const finding of section.findings)
        out.push(...renderFinding(c, finding, indent, header !== undefined));
    }
  }
  return out;
}

export const renderText: Reporter = (result: ScanResult, options: ReportOptions): string => {
  const c = pc.createColors(options.color === true);
  const summary = summarize(result, options.failOn, options.minPrecision);
  const shown = shownFindings(result.findings, options.showSuppressed);
  // Patterns below --min-precision come last, apart: a list for a human, not what fails the run.
  const audit = shown.filter((f) => belowPrecision(f, summary.minPrecision));
  const inAudit = new Set(audit);
  const out = renderGroups(
    c,
    shown.filter((f) => !inAudit.has(f)),
  );
  if (audit.length > 0) {
    if (out.length > 0) out.push('');
    out.push(
      c.bold(
        `Audit: ${plural(audit.length, 'lower-precision finding')} (patterns below --min-precision ${summary.minPrecision}; not counted against fail-on)`,
      ),
      '',
      ...renderGroups(c, audit),
    );
  }
  out.push(...renderDiagnostics(c, result.diagnostics, summary, options.verbose));
  out.push(...renderSummary(c, summary, options));
  while (out[0] === '') out.shift();
  return `${out.join('\n')}\n`;
};
