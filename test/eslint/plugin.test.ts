/**
 * The `vigil/eslint` plugin run by ESLint itself: every rule's own cases through ESLint's Linter
 * with @typescript-eslint/parser (same lines as vigil's engine), the recommended config through
 * the ESLint class, and imported helpers' summaries read from vigil's cache.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint, Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { sastRules } from '../../rules/index.ts';
import plugin, { eslintRuleName } from '../../src/eslint/index.ts';
import { componentKind } from '../../src/sast/components.ts';
import { EXPECT_MARKER, type RuleCase, type RuleCases } from '../../src/sast/rule.ts';
import { scanJsFiles } from '../../src/sast/workers/index.ts';

const rulesDir = fileURLToPath(new URL('../../rules/js/', import.meta.url));
const linter = new Linter({ configType: 'flat' });

function lint(ruleName: string, code: string, filename: string): number[] {
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
        plugins: { vigil: plugin as never },
        languageOptions: {
          parser: tsParser,
          parserOptions: { ecmaFeatures: { jsx: !filename.endsWith('.ts') } },
        },
        rules: { [`vigil/${ruleName}`]: 'error' },
      },
    ],
    filename,
  );
  const fatal = messages.filter((m) => m.fatal);
  expect(fatal, fatal[0]?.message).toEqual([]);
  return [...new Set(messages.map((m) => m.line))].sort((a, b) => a - b);
}

describe('vigil/eslint plugin', () => {
  it('exposes every SAST rule and a recommended config', () => {
    // Every rule, and the names of rules folded into another, deprecated.
    const deprecated = Object.entries(plugin.rules).filter(([, r]) => r.meta.deprecated);
    expect(Object.keys(plugin.rules).length - deprecated.length).toBe(sastRules.length);
    expect(plugin.rules['tainted-sql']?.meta.replacedBy).toEqual(['sql-injection']);
    const recommended = plugin.configs.recommended as {
      rules: Record<string, string>;
      plugins: Record<string, unknown>;
    };
    expect(Object.keys(recommended.rules).length).toBe(sastRules.length);
    expect(recommended.plugins.vigil).toBe(plugin);
  });

  for (const file of readdirSync(rulesDir).filter((f) => f.endsWith('.cases.ts'))) {
    const rule = sastRules.find((r) => r.meta.id === `js/${file.replace('.cases.ts', '')}`);
    if (!rule) continue;
    const name = eslintRuleName(rule.meta.id);
    it(`runs ${name}'s cases inside ESLint`, async () => {
      const all = (await import(join(rulesDir, file))).default as RuleCases;
      // Vue and Svelte components are vigil's own reading (src/sast/components.ts), not ESLint's parser's.
      const js = (c: RuleCase) => !componentKind(c.filename ?? '');
      const cases = { valid: all.valid.filter(js), invalid: all.invalid.filter(js) };
      for (const c of cases.valid) expect(lint(name, c.code, c.filename ?? 'case.ts'), c.name).toEqual([]);
      for (const c of cases.invalid) {
        const want = c.code
          .split('\n')
          .flatMap((l, i) => (l.trimEnd().endsWith(EXPECT_MARKER) ? [i + 1] : []));
        expect(lint(name, c.code, c.filename ?? 'case.ts'), c.name).toEqual(want);
      }
    });
  }
});

describe('vigil/eslint in a project', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lints with the recommended config and uses cached summaries of imported helpers', async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-eslint-'));
    const cache = join(dir, '.cache');
    await mkdir(join(dir, 'src'));
    await writeFile(
      join(dir, 'src/run.ts'),
      `import { exec } from 'child_process';\nexport function run(c: string) { exec('x ' + c); }\n`,
    );
    await writeFile(
      join(dir, 'src/app.ts'),
      `import { run } from './run.ts';\napp.get('/a', (req, res) => run(req.query.c));\n`,
    );
    const lintApp = async () => {
      const eslint = new ESLint({
        cwd: dir,
        overrideConfigFile: true,
        overrideConfig: [plugin.configs.recommended as never, { languageOptions: { parser: tsParser } }],
      });
      const [result] = await eslint.lintFiles(['src/app.ts']);
      return result!.messages.map((m) => `${m.line} ${m.ruleId}`);
    };
    const previous = process.env.VIGIL_CACHE_DIR;
    process.env.VIGIL_CACHE_DIR = cache;
    try {
      // Without a cache, app.ts alone shows no flow: the helper is in another file.
      expect(await lintApp()).toEqual([]);
      await scanJsFiles(
        ['src/run.ts', 'src/app.ts'].map((p) => ({ path: p, absPath: join(dir!, p) })),
        { rules: sastRules, root: dir, workers: 0, cacheDir: cache },
      );
      expect(await lintApp()).toEqual(['2 vigil/command-injection']);
      // A changed helper no longer matches its cached summary.
      await writeFile(join(dir, 'src/run.ts'), `export function run(c: string) { return c; }\n`);
      expect(await lintApp()).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.VIGIL_CACHE_DIR;
      else process.env.VIGIL_CACHE_DIR = previous;
    }
  });
});
