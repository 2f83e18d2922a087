import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VigilConfig } from '../../../src/core/config/types.ts';
import { failingFindings } from '../../../src/core/filters.ts';
import { runScan } from '../../../src/core/scan.ts';
import type { ScanResult } from '../../../src/core/scanner.ts';
import { classifyFindings, conclusionFor } from '../../../src/github/baseline.ts';
import { renderSummary } from '../../../src/github/summary.ts';
import { buildJsonReport } from '../../../src/report/json.ts';
import { renderMarkdown } from '../../../src/report/markdown.ts';
import { buildSarifLog } from '../../../src/report/sarif.ts';
import { renderText } from '../../../src/report/text.ts';
import { offlineProject, type OfflineProject } from '../support/offline-project.ts';

/**
 * One project, two real lodash advisories (corpus copy, see its MANIFEST.tsv), two lockfiles: the
 * app's lodash 4.17.11 is used by production code (`_.template`: GHSA-35jh-r3h4-6jhm reachable,
 * GHSA-jf85-cpcp-j695 imported); `tool/`'s lodash 4.17.20 is imported only by a test under
 * `tool/` (GHSA-35jh-r3h4-6jhm unreachable).
 */
const RECORDS = ['GHSA-35jh-r3h4-6jhm', 'GHSA-jf85-cpcp-j695'].map((id) => `osv-extracted/npm/${id}.json`);
const LOCK = JSON.stringify({
  name: 'app',
  version: '1.0.0',
  lockfileVersion: 3,
  packages: {
    '': { name: 'app', version: '1.0.0', dependencies: { lodash: '^4.17.0' } },
    'node_modules/lodash': {
      version: '4.17.11',
      resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.11.tgz',
    },
  },
});
const TOOL_LOCK = JSON.stringify({
  name: 'tool',
  version: '1.0.0',
  lockfileVersion: 3,
  packages: {
    '': { name: 'tool', version: '1.0.0', dependencies: { lodash: '^4.17.0' } },
    'node_modules/lodash': {
      version: '4.17.20',
      resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.20.tgz',
    },
  },
});

let project: OfflineProject;
beforeAll(async () => {
  project = await offlineProject(
    {
      'package-lock.json': LOCK,
      'src/render.js': "const _ = require('lodash');\nmodule.exports = (t) => _.template(t);\n",
      'tool/package-lock.json': TOOL_LOCK,
      'tool/test/a.test.js': "require('lodash');\n",
    },
    RECORDS,
  );
});
afterAll(() => project.remove());

async function scan(config: VigilConfig = {}): Promise<ScanResult> {
  const { options } = project.context();
  return runScan({ root: project.root, config: { scanners: ['sca'], ...config }, options });
}

const UNREACHABLE = (r: ScanResult) =>
  r.findings.find((f) => f.package?.version === '4.17.20' && f.ruleId === 'GHSA-35jh-r3h4-6jhm')!;

describe('reachability in reports', () => {
  let result: ScanResult;
  beforeAll(async () => {
    result = await scan();
  });

  it('three verdicts, counted in the JSON summary and carried on each finding', () => {
    const json = buildJsonReport(result, { failOn: 'high' });
    expect(json.summary.reachability).toEqual({ advisories: 3, reachable: 1, imported: 1, unreachable: 1 });
    expect(json.summary.nonGating).toBe(1);
    const f = json.findings.find((x) => x.package?.version === '4.17.20')!;
    expect(f.nonGating).toMatch(/unreachable/);
    expect(f.properties).toMatchObject({ reachability: { verdict: 'unreachable' } });
  });

  it('SARIF: a result property with verdict, evidence and where the names came from', () => {
    const sarif = buildSarifLog(result);
    const results = sarif.runs.flatMap((r) => r.results ?? []);
    const reachable = results.find(
      (r) => (r.properties as { reachability?: { verdict: string } }).reachability?.verdict === 'reachable',
    )!;
    expect(reachable.properties).toMatchObject({
      reachability: {
        verdict: 'reachable',
        symbols: ['template'],
        symbolsFrom: 'advisory-text',
        evidence: [{ path: 'src/render.js', line: 2 }],
      },
    });
  });

  it('text and Markdown: the verdict per finding and the counts line', () => {
    const text = renderText(result, { failOn: 'high' });
    expect(text).toContain('Reachability: 3 advisories, 1 reachable, 1 imported, 1 unreachable');
    expect(text).toMatch(
      /reachability: reachable: production code uses a function .*template.* \(src\/render\.js:2\)/,
    );
    expect(text).toMatch(
      /1 finding in unreachable dependencies: one severity lower, not counted against fail-on/,
    );
    const md = renderMarkdown(result, { failOn: 'high' });
    expect(md).toContain('Reachability: 3 advisories, 1 reachable, 1 imported, 1 unreachable.');
    expect(md).toContain('**Reachability: unreachable**');
    expect(md).toContain('_(unreachable: not counted)_');
  });

  it('the PR summary and the check conclusion', () => {
    const classified = classifyFindings(result.findings);
    const summary = renderSummary({ classified, failOn: 'high', conclusion: 'failure' });
    expect(summary).toContain('**Reachability:** 3 advisories, 1 reachable, 1 imported, 1 unreachable');
    expect(summary).toContain(
      '1 unreachable finding is one severity lower, without comments, and never fail',
    );
  });
});

describe('reachability policy', () => {
  it('demote (default): the unreachable finding drops a level and never fails --fail-on or the check', async () => {
    const result = await scan();
    const f = UNREACHABLE(result);
    expect(f.severity).toBe('medium');
    expect(failingFindings(result.findings, 'medium')).not.toContain(f);
    expect(failingFindings(result.findings, 'high').length).toBeGreaterThan(0); // the reachable one
    const onlyUnreachable = classifyFindings([f]);
    expect(conclusionFor(onlyUnreachable, 'low', false)).not.toBe('failure');
  });

  it('keep: the unreachable finding keeps its severity and fails --fail-on high', async () => {
    const result = await scan({ sca: { reachability: { unreachable: 'keep' } } });
    const f = UNREACHABLE(result);
    expect(f.severity).toBe('high');
    expect(failingFindings(result.findings, 'high')).toContain(f);
    expect(conclusionFor(classifyFindings([f]), 'high', false)).toBe('failure');
  });
});
