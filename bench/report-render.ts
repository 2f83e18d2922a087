/**
 * How long each reporter takes on a large scan result, and how big the documents are.
 * Run: npx node bench/report-render.ts [findings]
 */
import type { Finding } from '../src/core/finding.ts';
import { REPORT_FORMATS, render } from '../src/report/index.ts';
import { GITHUB_MARKDOWN_LIMIT } from '../src/report/markdown.ts';
import { sampleResult } from '../test/report/sample-result.ts';

const count = Number(process.argv[2] ?? 20_000);
const base = sampleResult();
const findings: Finding[] = Array.from({ length: count }, (_, i) => {
  const template = base.findings[i % base.findings.length]!;
  const location = {
    ...template.location,
    path: `src/module${i % 500}/file${i % 37}.ts`,
    startLine: (i % 900) + 1,
  };
  return { ...template, location, fingerprint: i.toString(16).padStart(32, '0') };
});
const result = { ...base, findings };

for (const format of REPORT_FORMATS) {
  const started = performance.now();
  const out = render(format, result, { failOn: 'high' });
  const ms = performance.now() - started;
  console.log(
    `${format.padEnd(9)} ${ms.toFixed(0).padStart(6)} ms  ${(out.length / 1e6).toFixed(1)} M chars`,
  );
}
const started = performance.now();
const bounded = render('markdown', result, { maxLength: GITHUB_MARKDOWN_LIMIT });
console.log(
  `markdown bounded to ${GITHUB_MARKDOWN_LIMIT}: ${(performance.now() - started).toFixed(0)} ms, ${bounded.length} chars`,
);
console.log(`findings: ${count}, peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
