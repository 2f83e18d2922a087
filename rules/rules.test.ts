/**
 * The one table-driven test of every rule: it finds each `<rule>.cases.ts` under rules/ (any
 * folder), loads the rule module beside it, and checks that every invalid case fires on exactly
 * the lines marked `// vigil-expect` and every valid case is silent, with no rule crash. A new
 * rule needs no edit here.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runIacRules } from '../src/iac/engine.ts';
import { IAC_EXPECT_MARKER, type IacRule } from '../src/iac/rule.ts';
import { runRules } from '../src/sast/engine.ts';
import { EXPECT_MARKER, type RuleCase, type RuleCases, type RuleModule } from '../src/sast/rule.ts';
import { iacRules } from './iac-index.ts';
import { sastRules } from './index.ts';

type AnyRule = RuleModule | IacRule;
const allRules: AnyRule[] = [...sastRules, ...iacRules];

const root = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).map((f) => f.split('\\').join('/'));
const ruleFiles = files.filter((f) => f.endsWith('.ts') && !/\.(cases|test)\.ts$/.test(f) && f.includes('/'));
const caseFiles = files.filter((f) => f.endsWith('.cases.ts'));

function markerOf(rule: AnyRule): string {
  return 'fileKind' in rule ? IAC_EXPECT_MARKER : EXPECT_MARKER;
}

function markedLines(rule: AnyRule, code: string): number[] {
  const marker = markerOf(rule);
  return code.split('\n').flatMap((line, i) => (line.trimEnd().endsWith(marker) ? [i + 1] : []));
}

/** Dockerfile and workflow rules run through the IaC engine, with their markers removed first. */
function run(rule: AnyRule, c: RuleCase) {
  if (!('fileKind' in rule)) return runRules(c.filename ?? 'case.ts', c.code, [rule]);
  const code = c.code.replace(/[ \t]*# vigil-expect[ \t]*$/gm, '');
  const filename =
    c.filename ?? (rule.fileKind === 'dockerfile' ? 'Dockerfile' : '.github/workflows/case.yml');
  return runIacRules(filename, code, [rule], rule.fileKind);
}

describe('rule registry', () => {
  it('lists every rule module in rules/index.ts or rules/iac-index.ts', async () => {
    const modules = await Promise.all(
      ruleFiles.map(async (f) => (await import(join(root, f))).default as AnyRule),
    );
    expect(allRules.length).toBe(new Set(allRules.map((r) => r.meta.id)).size);
    for (const [i, mod] of modules.entries()) expect(allRules, ruleFiles[i]).toContain(mod);
  });

  it('gives every rule module cases beside it', () => {
    for (const f of ruleFiles) expect(caseFiles, f).toContain(f.replace(/\.ts$/, '.cases.ts'));
  });
});

for (const caseFile of caseFiles) {
  const rule = (await import(join(root, caseFile.replace(/\.cases\.ts$/, '.ts')))).default as AnyRule;
  const cases = (await import(join(root, caseFile))).default as RuleCases;
  const id = basename(caseFile, '.cases.ts');

  describe(rule.meta.id, () => {
    it('has complete metadata and enough cases', () => {
      expect(rule.meta.id.endsWith(`/${id}`)).toBe(true);
      expect(rule.meta.title.length).toBeGreaterThan(5);
      expect(rule.meta.cwe?.every((c) => /^CWE-\d+$/.test(c))).toBe(true);
      expect(rule.meta.owasp?.every((o) => /^A\d\d:2021-/.test(o))).toBe(true);
      expect(rule.meta.help.length).toBeGreaterThan(80);
      expect(rule.meta.fixHint).toBeTruthy();
      expect(cases.invalid.length).toBeGreaterThanOrEqual(3);
      expect(cases.valid.length).toBeGreaterThanOrEqual(4);
    });

    it.each(cases.valid.map((c, i) => [c.name ?? `valid #${i + 1}`, c] as const))(
      'stays silent: %s',
      (_, c) => {
        const result = run(rule, c);
        expect(result.diagnostics).toEqual([]);
        expect(result.findings.map((f) => `${f.location.startLine}: ${f.message}`)).toEqual([]);
      },
    );

    it.each(cases.invalid.map((c, i) => [c.name ?? `invalid #${i + 1}`, c] as const))('fires: %s', (_, c) => {
      const expected = markedLines(rule, c.code);
      expect(expected.length, 'an invalid case must mark at least one line').toBeGreaterThan(0);
      const result = run(rule, c);
      expect(result.diagnostics).toEqual([]);
      const lines = [...new Set(result.findings.map((f) => f.location.startLine))].sort((a, b) => a - b);
      expect(lines).toEqual(expected);
      for (const f of result.findings) expect(f.ruleId).toBe(rule.meta.id);
    });
  });
}
