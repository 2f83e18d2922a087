import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScan } from '../../src/core/scan.ts';
import { corpusPath, loadRecord, useNpmCorpusWorkdir } from './support/corpus.ts';
import { startOsvStandIn, type StandIn } from './support/osv-stand-in.ts';

/**
 * test/sca/fixtures/alias/package-lock.json is a package-lock v3 shaped like the corpus's
 * scalibr-alias.v2.json (`node_modules/<alias>` with `"name": <real>`), written by hand because no
 * corpus alias lockfile aliases a version a corpus record affects: `semver-v5` installs
 * `npm:semver@^5.7.1` (5.7.1, affected by GHSA-c2qf-rxjj-qqgw, fixed in 5.7.2) beside a plain
 * `semver` 7.5.4 (not affected).
 */
const FIXTURE = fileURLToPath(new URL('./fixtures/alias/package-lock.json', import.meta.url));

const work = useNpmCorpusWorkdir('vigil-sca-alias-');

function tree(name: string, lockfile: string, as: string): string {
  const root = join(work.dir, name);
  mkdirSync(root);
  copyFileSync(lockfile, join(root, as));
  return root;
}

describe('npm aliases in SCA', () => {
  it('are matched under the real package name, with the range the alias declares', async () => {
    const root = tree('offline', FIXTURE, 'package-lock.json');
    const result = await runScan({
      root,
      config: { sca: { database: work.database } },
      options: { offline: true },
      select: { scanners: ['sca'] },
    });
    expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.package!.name}@${f.package!.version}`)).toEqual([
      'GHSA-c2qf-rxjj-qqgw semver@5.7.1',
    ]);
    const f = result.findings[0]!;
    expect(f.advisoryIds).toEqual(['GHSA-c2qf-rxjj-qqgw', 'CVE-2022-25883']);
    expect(f.package!.fixedVersion).toBe('5.7.2');
    expect(f.package!.paths).toEqual([['alias-app', 'semver-v5 (semver)']]);
    expect(f.properties).toMatchObject({ installedAs: 'semver-v5', declaredRange: '^5.7.1' });
    // `^5.7.1` (the alias's range) admits 5.7.2; the plain `semver` entry's `^7.5.4` would not
    expect(f.package!.fixWithinRange).toBe(true);
    expect(f.message).toMatch(
      /^semver 5\.7\.1 \(installed as semver-v5\) is affected by GHSA-c2qf-rxjj-qqgw/,
    );
    expect(f.message).toMatch(/already admits it/);
  });

  describe('through the OSV API', () => {
    let api: StandIn;
    beforeAll(async () => {
      // ansi-regex's ReDoS: affects 5.0.0 and 6.0.0, fixed in 5.0.1 and 6.0.1
      api = await startOsvStandIn([loadRecord('osv-extracted/npm/GHSA-93q8-gq69-wqmw.json')]);
    });
    afterAll(() => api.close());

    it('query the real name and version of each alias in a real yarn.lock', async () => {
      // ansi-regex-cjs → ansi-regex 5.0.1 and babel-hvi → @babel/helper-validator-identifier 7.22.20
      const root = tree(
        'api',
        corpusPath('lockfiles', 'yarn-v1', 'scalibr-with-aliases.v1.lock'),
        'yarn.lock',
      );
      const result = await runScan({
        root,
        config: { sca: { apiUrl: api.url } },
        options: { cacheDir: join(work.dir, 'api-cache') },
        select: { scanners: ['sca'] },
      });
      expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
      const queried = api.batches.flatMap((b) =>
        (b.queries as Array<{ package: { name: string }; version: string }>).map(
          (q) => `${q.package.name}@${q.version}`,
        ),
      );
      expect(queried.sort()).toEqual([
        '@babel/helper-validator-identifier@7.22.20',
        'ansi-regex@5.0.1',
        'ansi-regex@6.0.1',
      ]);
      expect(result.findings).toEqual([]); // both installed versions are the fixes
    });
  });
});
