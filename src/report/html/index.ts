/**
 * `--format html`: one self-contained page (styles, script and data inline; nothing fetched), to
 * open from disk, a CI artifact or an email. Counts and charts are drawn here; the findings list
 * is built in the page from the embedded JSON report, so it carries exactly what the JSON format
 * carries (secrets already masked).
 */
import { describeReachability } from '../reachability.ts';
import { SEVERITIES } from '../../core/severity.ts';
import { buildJsonReport } from '../json.ts';
import {
  compareStrings,
  FINDING_KINDS,
  MAX_DIAGNOSTICS_LISTED,
  plural,
  scannedCount,
  summarize,
  type Summary,
} from '../model.ts';
import type { Reporter } from '../reporter.ts';
import { barChart, type Bar } from './charts.ts';
import { CLIENT_SCRIPT } from './client.ts';
import { escapeHtml, jsonForScript } from './escape.ts';
import { STYLE } from './style.ts';

/** Rules drawn in the "by rule" chart; the rest are counted in the last bar. */
const TOP_RULES = 12;

type JsonReport = ReturnType<typeof buildJsonReport>;

function verdict(report: JsonReport): { text: string; tone: string } {
  const incomplete = report.diagnostics.filter((d) => d.incomplete);
  if (incomplete.length > 0) {
    const sources = [...new Set(incomplete.map((d) => d.source ?? 'a scanner'))].join(', ');
    return {
      tone: 'incomplete',
      text: `Incomplete: ${sources} could not run; "no findings" from it proves nothing`,
    };
  }
  const s = report.summary;
  if (!s.failOn) return { tone: 'pass', text: `${plural(s.total, 'finding')}; no --fail-on threshold` };
  if (s.failOn === 'none') return { tone: 'pass', text: `${plural(s.total, 'finding')}; --fail-on none` };
  return s.thresholdMet
    ? {
        tone: 'fail',
        text: `Fails --fail-on ${s.failOn}: ${plural(s.failing, 'finding')} at ${s.failOn} or above`,
      }
    : { tone: 'pass', text: `Passes --fail-on ${s.failOn}: nothing at ${s.failOn} or above` };
}

function ruleBars(report: JsonReport): Bar[] {
  const counts = new Map<string, number>();
  for (const f of report.findings) if (!f.suppression) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  const sorted = [...counts.entries()].sort(([a, x], [b, y]) => y - x || compareStrings(a, b));
  const bars = sorted.slice(0, TOP_RULES).map(([label, value]) => ({ label, value }));
  const rest = sorted.slice(TOP_RULES).reduce((n, [, v]) => n + v, 0);
  if (rest > 0) bars.push({ label: `${sorted.length - TOP_RULES} other rules`, value: rest });
  return bars;
}

function charts(report: JsonReport, s: Summary): string {
  const bySeverity = SEVERITIES.map((sev) => ({ label: sev, value: s.bySeverity[sev], tone: sev }));
  const byKind = FINDING_KINDS.map((kind) => ({
    label: kind,
    value: SEVERITIES.reduce((n, sev) => n + s.byKind[kind][sev], 0),
  })).filter((b) => b.value > 0 || report.stats.scanners.some((id) => id === b.label));
  return [
    barChart('By severity', bySeverity),
    barChart('By scanner', byKind),
    barChart('By rule', ruleBars(report)),
  ].join('');
}

function diagnostics(report: JsonReport): string {
  if (report.diagnostics.length === 0) return '';
  const rows = report.diagnostics
    .slice(0, MAX_DIAGNOSTICS_LISTED)
    .map(
      (d) =>
        `<tr><td>${escapeHtml(d.level)}</td><td>${escapeHtml(d.path ? `${d.path}${d.line ? `:${d.line}` : ''}` : '')}</td><td>${escapeHtml(d.message)}</td></tr>`,
    )
    .join('');
  const more = report.diagnostics.length - MAX_DIAGNOSTICS_LISTED;
  return (
    `<section aria-labelledby="diag-h"><h2 id="diag-h">Diagnostics (${report.diagnostics.length})</h2>` +
    `<table class="diag"><thead><tr><th scope="col">Level</th><th scope="col">Where</th><th scope="col">Message</th></tr></thead><tbody>${rows}</tbody></table>` +
    (more > 0 ? `<p>${plural(more, 'more diagnostic')} in the JSON and SARIF reports.</p>` : '') +
    '</section>'
  );
}

function select(id: string, label: string, all: string): string {
  return `<label for="${id}">${label}<select id="${id}"><option value="">${all}</option></select></label>`;
}

export const renderHtml: Reporter = (result, options) => {
  const report = buildJsonReport(result, options);
  const when = (options.generatedAt ?? new Date()).toISOString();
  const v = verdict(report);
  const ruleIds = report.rules.map((r) => r.id).join(', ');
  const s = report.summary;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>vigil report: ${escapeHtml(report.root)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>vigil report</h1>
<p class="meta">Scanned <strong>${escapeHtml(report.root)}</strong> on <time datetime="${when}">${when.replace('T', ' ').slice(0, 19)} UTC</time> with vigil ${escapeHtml(report.tool.version)}: ${scannedCount(report.stats)}, scanners ${escapeHtml(report.stats.scanners.join(', ') || 'none')}, ${plural(report.rules.length, 'rule')}.</p>
<details><summary>Rules</summary><p>${escapeHtml(ruleIds || 'none')}</p></details>
<p class="verdict ${v.tone}" role="status">${escapeHtml(v.text)}</p>
<p class="meta">${plural(s.total, 'finding')}${s.suppressed ? `, ${s.suppressed} suppressed` : ''}${s.audit ? `; ${s.audit} of them audit findings (precision below ${s.minPrecision}), not counted` : ''}${s.nonGating ? `; ${s.nonGating} in unreachable dependencies, one severity lower, not counted` : ''}.</p>
${s.reachability ? `<p class="meta">Reachability: ${escapeHtml(describeReachability(s.reachability))}.</p>` : ''}
</header>
<main>
<section aria-labelledby="charts-h"><h2 id="charts-h">Summary</h2><div class="charts">${charts(report, summarize(result, options.failOn, options.minPrecision))}</div></section>
<section aria-labelledby="findings-h">
<h2 id="findings-h">Findings</h2>
<form class="controls" role="search" onsubmit="return false">
<label for="q">Search<input id="q" type="search" placeholder="text, rule, file, package…"></label>
${select('f-severity', 'Severity', 'all')}
${select('f-kind', 'Scanner', 'all')}
${select('f-rule', 'Rule', 'all')}
${select('f-file', 'File', 'all')}
${select('f-status', 'Status', 'all')}
${select('f-reach', 'Reachability', 'all')}
<label for="sort">Sort by<select id="sort"><option value="severity">severity, then file</option><option value="file">file</option><option value="rule">rule</option></select></label>
</form>
<p id="count" aria-live="polite"></p>
<noscript><p>The findings list needs JavaScript; the same data is in the JSON report.</p></noscript>
<ol id="findings"></ol>
<button id="more" type="button" hidden></button>
</section>
${diagnostics(report)}
</main>
<script type="application/json" id="vigil-data">${jsonForScript({ findings: report.findings, rules: report.rules })}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
};
