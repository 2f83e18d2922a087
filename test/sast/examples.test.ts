/**
 * examples/ is a labelled corpus: every intended vulnerability is marked `vuln: <rule-id>` on its
 * line and every look-alike `safe: <rule-id>`. The full scan pipeline (walker included) must find
 * exactly the marked vulnerabilities of every rule the corpus labels — nothing missed, nothing
 * extra — and every structural (non-taint) rule must be labelled at least once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../src/core/scan.ts';
import { sastScanner } from '../../src/sast/scanner.ts';
import { sastRules } from '../../rules/index.ts';

const root = fileURLToPath(new URL('../../examples', import.meta.url));
const MARKER = /\b(vuln|safe): ((?:js|secret)\/[a-z-]+)/g;

describe('examples/ (deliberately vulnerable app)', async () => {
  const result = await runScan({ root, scanners: [sastScanner] });
  const scannedPaths = [...new Set(result.findings.map((f) => f.location.path))];
  const markedFiles = [
    'server/app.js',
    'server/settings.js',
    'client/embed.js',
    'server/db.js',
    'server/crypto.js',
    'server/config.js',
    '.env.example',
    'client/Comment.jsx',
    'client/Search.jsx',
    'client/session.js',
  ];
  const expected: string[] = [];
  const safe: string[] = [];
  for (const file of markedFiles) {
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const m of line.matchAll(MARKER))
          (m[1] === 'vuln' ? expected : safe).push(`${file}:${i + 1} ${m[2]}`);
      });
  }
  const labelled = new Set([...expected, ...safe].map((e) => e.split(' ')[1]));
  const found = result.findings
    .filter((f) => labelled.has(f.ruleId))
    .map((f) => `${f.location.path}:${f.location.startLine} ${f.ruleId}`);

  it('scans without diagnostics', () => {
    expect(result.diagnostics.filter((d) => d.source === 'sast')).toEqual([]);
    expect(scannedPaths.length).toBeGreaterThan(0);
  });

  it('finds every intended vulnerability', () => {
    expect(expected.length).toBeGreaterThanOrEqual(25);
    expect(expected.filter((e) => !found.includes(e))).toEqual([]);
  });

  it('reports nothing else, in particular on the safe look-alikes', () => {
    expect(safe.length).toBeGreaterThanOrEqual(15);
    expect([...new Set(found)].filter((f) => !expected.includes(f)).sort()).toEqual([]);
  });

  it('labels every structural rule', () => {
    const rules = new Set(expected.map((e) => e.split(' ')[1]));
    for (const rule of sastRules.filter((r) => !r.taint)) expect(rules, rule.meta.id).toContain(rule.meta.id);
    expect(rules).toContain('secret/hardcoded-secret');
  });
});
