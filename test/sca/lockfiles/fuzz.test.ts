import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PATH_HOPS } from '../../../src/sca/lockfiles/graph.ts';
import { extractLockfile, extractors } from '../../../src/sca/lockfiles/index.ts';
import { LockfileError, type LockfileExtractor } from '../../../src/sca/types.ts';
import { corpusPath } from '../support/corpus.ts';

/** One real file per extractor, the seed that truncation and mutation start from. */
const seeds: Record<string, [path: string, corpus: string]> = {
  'package-lock': ['app/package-lock.json', 'package-lock-v2/scalibr-alias.v2.json'],
  'yarn.lock': ['yarn.lock', 'yarn-berry/scalibr-with-aliases.v2.lock'],
  'pnpm-lock.yaml': ['pnpm-lock.yaml', 'pnpm-v9/scalibr-peer-dependencies.v9.yaml'],
  'bun.lock': ['bun.lock', 'bun.lock/scalibr-nested-dependencies.bun.lock'],
  'requirements.txt': ['requirements.txt', 'requirements.txt/scalibr-per_req_options.txt'],
  'poetry.lock': ['poetry.lock', 'poetry.lock/scalibr-two-packages.poetry.lock'],
  'Pipfile.lock': ['Pipfile.lock', 'Pipfile.lock/scalibr-two-packages.Pipfile.lock'],
  'uv.lock': ['uv.lock', 'uv.lock/scalibr-two-packages.uv.lock'],
  'go.mod': ['go.mod', 'go.mod/scalibr-indirect-packages.go.mod'],
  'Cargo.lock': ['Cargo.lock', 'Cargo.lock/scalibr-two-packages.Cargo.lock'],
  'Gemfile.lock': ['Gemfile.lock', 'Gemfile.lock/scalibr-has-git-gem.Gemfile.lock'],
  'composer.lock': ['composer.lock', 'composer.lock/scalibr-two-packages.composer.lock'],
};

/** The contract: an inventory, or a LockfileError naming the file. Never another exception. */
function survives(extractor: LockfileExtractor, path: string, text: string): void {
  const started = performance.now();
  try {
    const inv = extractLockfile(extractor, path, text, { readFile: () => text });
    for (const p of inv.packages) expect(typeof p.name).toBe('string');
  } catch (e) {
    expect(e).toBeInstanceOf(LockfileError);
    expect((e as LockfileError).message.startsWith(path)).toBe(true);
  }
  expect(performance.now() - started).toBeLessThan(5000);
}

describe.each(extractors.map((e) => [e.format, e] as const))(
  '%s under hostile input',
  (format, extractor) => {
    const [path, seedFile] = seeds[format] as [string, string];
    const seed = readFileSync(corpusPath('lockfiles', seedFile), 'utf8');

    it('truncated anywhere', () => {
      fc.assert(
        fc.property(fc.nat({ max: seed.length }), (cut) => survives(extractor, path, seed.slice(0, cut))),
        { numRuns: 60 },
      );
    });

    it('with characters replaced', () => {
      fc.assert(
        fc.property(fc.nat({ max: seed.length - 1 }), fc.string({ minLength: 1, maxLength: 4 }), (at, s) =>
          survives(extractor, path, seed.slice(0, at) + s + seed.slice(at + s.length)),
        ),
        { numRuns: 60 },
      );
    });

    it('arbitrary text and arbitrary JSON', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 300 }), (s) => survives(extractor, path, s)),
        { numRuns: 40 },
      );
      fc.assert(
        fc.property(fc.json({ maxDepth: 4 }), (s) => survives(extractor, path, s)),
        { numRuns: 40 },
      );
    });

    it('deep nesting, __proto__ keys, huge strings and traversal-looking keys', () => {
      survives(extractor, path, '['.repeat(200_000));
      survives(extractor, path, '{"a":'.repeat(50_000));
      survives(extractor, path, '- '.repeat(20_000) + 'x');
      survives(
        extractor,
        path,
        JSON.stringify({
          lockfileVersion: 3,
          packages: {
            '': { dependencies: { __proto__: '1' } },
            'node_modules/__proto__': { version: '1.0.0' },
          },
          dependencies: { __proto__: { version: '1' }, constructor: { version: '1' } },
          default: { __proto__: { version: '==1' } },
          workspaces: { '': { dependencies: { __proto__: '1' } } },
        }).replace('"__proto__":"1"', '"__proto__":"1","toString":"2"'),
      );
      survives(
        extractor,
        path,
        `{"packages":{"../../../../etc/passwd":{"version":"${'9'.repeat(1_000_000)}"}}}`,
      );
      survives(extractor, path, `name${'x'.repeat(2_000_000)}==1.0\n`);
      expect({}.constructor).toBe(Object);
    });
  },
);

describe('line lookups stay linear', () => {
  it('keys spelt with escapes lose their lines, not quadratic time', () => {
    const n = 20_000;
    const entries = Array.from(
      { length: n },
      (_, i) => `"node_modules/\\u0070${i}": {"version": "1.0.${i}"}`,
    );
    const text = `{"lockfileVersion": 3, "packages": {"": {}, ${entries.join(',\n')}}}`;
    const started = performance.now();
    const inv = extractLockfile(extractors[0] as LockfileExtractor, 'package-lock.json', text);
    expect(inv.packages).toHaveLength(n);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a dependency chain as long as the lockfile: paths elided, time linear', () => {
    const n = 30_000;
    const packages: Record<string, unknown> = { '': { dependencies: { p0: '1' } } };
    for (let i = 0; i < n; i++)
      packages[`node_modules/p${i}`] = { version: '1.0.0', dependencies: { [`p${i + 1}`]: '1' } };
    const started = performance.now();
    const inv = extractLockfile(
      extractors[0] as LockfileExtractor,
      'package-lock.json',
      JSON.stringify({ lockfileVersion: 3, packages }),
    );
    const last = inv.packages.at(-1);
    expect(last?.paths[0]).toHaveLength(MAX_PATH_HOPS + 2);
    expect(last?.paths[0]?.slice(0, 2)).toEqual(['(root)', '…']);
    expect(last?.paths[0]?.at(-1)).toBe(`p${n - 1}`);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('composer: many packages of one name', () => {
    const pkgs = Array.from({ length: 20_000 }, (_, i) => ({ name: 'a/b', version: `1.0.${i}` }));
    const composer = extractors.find((e) => e.format === 'composer.lock') as LockfileExtractor;
    const started = performance.now();
    const inv = extractLockfile(composer, 'composer.lock', JSON.stringify({ packages: pkgs }, null, 1));
    expect(inv.packages.at(-1)?.line).toBeGreaterThan(20_000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('size bound', () => {
  it('refuses text over 64 MiB before parsing', () => {
    const big = 'x'.repeat(64 * 1024 * 1024 + 1);
    expect(() => extractLockfile(extractors[0] as LockfileExtractor, 'package-lock.json', big)).toThrow(
      /package-lock\.json: larger than 64 MiB/,
    );
  });
});
