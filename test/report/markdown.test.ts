import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.ts';
import {
  GITHUB_MARKDOWN_LIMIT,
  escapeHtml,
  escapeMarkdown,
  renderMarkdown,
} from '../../src/report/markdown.ts';
import { HOSTILE_PATH, sampleResult } from './sample-result.ts';

const md = renderMarkdown(sampleResult(), { failOn: 'high' });

/** Table rows of the findings table, split on unescaped pipes as GitHub's table parser does. */
function findingRows(markdown: string): string[][] {
  const table = markdown.split('### Findings\n\n')[1]?.split('\n\n')[0] ?? '';
  return table
    .split('\n')
    .slice(2)
    .map((row) => row.split(/(?<!\\)\|/).slice(1, -1));
}

function manyFindings(n: number): Finding[] {
  const base = sampleResult().findings[0]!;
  return Array.from({ length: n }, (_, i) => ({
    ...base,
    message: `Finding number ${i} with some words to take room in the table`,
    location: { ...base.location, startLine: i + 1 },
    fingerprint: `fp${String(i).padStart(6, '0')}`,
  }));
}

describe('markdown report', () => {
  it("says a package finding's fixed version once (the scanners put it in the message)", () => {
    const result = sampleResult();
    const sca = result.findings.find((f) => f.kind === 'sca' && f.package?.fixedVersion)!;
    sca.message = `${sca.package!.name} ${sca.package!.version} is affected. Fixed in ${sca.package!.fixedVersion}.`;
    const row = renderMarkdown(result, {})
      .split('\n')
      .find((line) => line.includes('is affected'));
    expect(row?.match(/Fixed in/g)).toHaveLength(1);
  });

  it('opens with a title and a summary table by kind and severity', () => {
    expect(md.startsWith('## vigil: 9 findings (3 critical, 3 high, 2 medium, 1 low)\n')).toBe(true);
    expect(md).toContain('| Dependencies (SCA) | 2 | 0 | 1 | 0 | 0 | 3 |');
    expect(md).toContain('| Secrets | 0 | 1 | 0 | 0 | 0 | 1 |');
    expect(md).toContain('| **Total** | **3** | **3** | **2** | **1** | **0** | **9** |');
    expect(md).toContain('❌ **Failed:** 6 findings at or above `high`. 1 suppressed finding not shown.');
  });

  it('groups top fixes by package', () => {
    expect(md).toContain('- Upgrade **lodash** (npm) <code>4.17.20</code> to <code>4.17.21</code>: fixes 2');
    expect(md).toContain('- Upgrade **minimist** (npm) <code>1.2.5</code> to <code>1.2.6</code>: fixes 1');
  });

  it('lists findings most serious first, one table row each, four cells whatever the text holds', () => {
    const rows = findingRows(md);
    expect(rows).toHaveLength(9);
    for (const row of rows) expect(row).toHaveLength(4);
    expect(rows.map((r) => r[0]!.trim().split(' ')[1])).toEqual([
      'critical',
      'critical',
      'critical',
      'high',
      'high',
      'high',
      'medium',
      'medium',
      'low',
    ]);
    expect(md).not.toContain('src/cache.ts');
  });

  it('escapes hostile file names and messages', () => {
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<b>');
    expect(md).not.toMatch(/(^|\s)@octocat/);
    expect(md).not.toContain('[link](');
    const row = findingRows(md).find((r) => r[1]!.includes('eval-injection'))!;
    expect(row[2]).toContain(escapeMarkdown(`${HOSTILE_PATH}:3`));
    expect(escapeMarkdown('a|b `c` <i> *d* _e_ [f](g) $x$ ~s~ \\ #1 @user')).toBe(
      'a\\|b \\`c\\` &lt;i&gt; \\*d\\* \\_e\\_ \\[f\\](g) \\$x\\$ \\~s\\~ \\\\ \\#1 @\u200buser',
    );
    expect(escapeMarkdown('line one\nline two')).toBe('line one line two');
    expect(escapeHtml('lodash@4 @team <a href="x">')).toBe(
      'lodash@4 @\u200bteam &lt;a href=&quot;x&quot;&gt;',
    );
  });

  it('puts flows, dependency paths and fixes in collapsible details', () => {
    expect(md).toContain('<details><summary>sql-injection at src/routes/users.ts:12:18</summary>');
    expect(md).toContain('1. <code>src/routes/users.ts:10:14</code> Source: req.query.id (Express request)');
    expect(md).toContain('<details><summary>GHSA-35jh-r3h4-6jhm in lodash@4.17.20</summary>');
    expect(md).toContain('- app → express-utils → lodash');
    expect(md).toContain('```\ndb.query("SELECT * FROM users WHERE id = ?", [userId])\n```');
    expect(md.match(/<details>/g)?.length).toBe(md.match(/<\/details>/g)?.length);
  });

  it('fences replacement code so no backticks in it can close the block', () => {
    const result = sampleResult();
    result.findings[0]!.fix!.replacement!.text = 'a ``` b ```` c';
    expect(renderMarkdown(result, {})).toContain('`````\na ``` b ```` c\n`````');
  });

  it('summarises diagnostics in a collapsible list', () => {
    expect(md).toContain('<details><summary>1 error, 1 warning, 1 note</summary>');
    expect(md).toContain("- **error** <code>src/broken.ts:3</code> Unexpected token ')' (sast)");
  });

  it('stays within maxLength, saying how many findings were left out', () => {
    const result = { ...sampleResult(), findings: manyFindings(2000) };
    const full = renderMarkdown(result, {});
    expect(full.length).toBeGreaterThan(GITHUB_MARKDOWN_LIMIT);
    const bounded = renderMarkdown(result, { maxLength: GITHUB_MARKDOWN_LIMIT });
    expect(bounded.length).toBeLessThanOrEqual(GITHUB_MARKDOWN_LIMIT);
    const shown = findingRows(bounded).length;
    expect(shown).toBeGreaterThan(100);
    expect(bounded).toContain(`_… ${2000 - shown} more findings not shown._`);
    // Nothing is left out when everything fits.
    expect(renderMarkdown(sampleResult(), { maxLength: GITHUB_MARKDOWN_LIMIT })).toBe(
      renderMarkdown(sampleResult(), {}),
    );
  });

  it('never exceeds maxLength, however small', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 6000 }), fc.integer({ min: 0, max: 60 }), (max, n) => {
        const out = renderMarkdown({ ...sampleResult(), findings: manyFindings(n) }, { maxLength: max });
        expect(out.length).toBeLessThanOrEqual(Math.max(0, max));
      }),
      { numRuns: 150 },
    );
    expect(renderMarkdown(sampleResult(), { maxLength: 200 })).toContain('Report truncated');
  });
});
