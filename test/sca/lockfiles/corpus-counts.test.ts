import { describe, expect, it } from 'vitest';
import { extractCorpus } from './helpers.ts';

/**
 * Package counts on real lockfiles, checked against the corpus MANIFEST (entry counts of each file)
 * and osv-scanner's expected package lists (pnpm exotic/multiple-packages/peer-dependencies tests).
 */
const cases: [dir: string, file: string, as: string, count: number, why: string][] = [
  [
    'package-lock-v1',
    'socket.io-engine.io-latency-example-package-lock.json',
    'package-lock.json',
    228,
    '179 top-level + 49 nested entries',
  ],
  [
    'package-lock-v2',
    'osv-scanner-santatracker-package-lock.json',
    'package-lock.json',
    652,
    '653 entries minus the root',
  ],
  [
    'package-lock-v2',
    'osv-scanner-fix-in-place-npm-package-lock.json',
    'package-lock.json',
    106,
    '107 entries minus the root',
  ],
  [
    'package-lock-v3',
    'hono-benchmarks-query-param-package-lock.json',
    'package-lock.json',
    51,
    'MANIFEST 51',
  ],
  [
    'package-lock-v3',
    'socket.io-monorepo-package-lock.json',
    'package-lock.json',
    1284,
    '1297 entries minus root and 12 workspace links',
  ],
  ['yarn-v1', 'socket.io-cra-example-yarn.lock', 'yarn.lock', 1217, 'MANIFEST 1217 entry blocks'],
  [
    'yarn-berry',
    'jest-e2e-global-setup-yarn.lock',
    'yarn.lock',
    161,
    '163 blocks minus __metadata and the root workspace',
  ],
  [
    'yarn-berry',
    'jest-monorepo-yarn.lock',
    'yarn.lock',
    2226,
    '2228 blocks minus __metadata and the root workspace',
  ],
  ['pnpm-v5', 'scalibr-exotic.yaml', 'pnpm-lock.yaml', 7, 'osv-scanner TestParsePnpmLock_Exotic'],
  [
    'pnpm-v5',
    'scalibr-multiple-packages.yaml',
    'pnpm-lock.yaml',
    14,
    'osv-scanner TestParsePnpmLock_MultiplePackages',
  ],
  [
    'pnpm-v5',
    'scalibr-peer-dependencies-advanced.yaml',
    'pnpm-lock.yaml',
    9,
    'osv-scanner PeerDependenciesAdvanced',
  ],
  ['pnpm-v5', 'scalibr-commits.yaml', 'pnpm-lock.yaml', 5, 'osv-scanner TestParsePnpmLock_Commits'],
  ['Cargo.lock', 'ripgrep-Cargo.lock', 'Cargo.lock', 63, 'MANIFEST 63 [[package]]'],
  ['Cargo.lock', 'osv-scanner-image-deprecated-Cargo.lock', 'Cargo.lock', 33, 'MANIFEST 33 [[package]]'],
  ['Gemfile.lock', 'devise-Gemfile.lock', 'Gemfile.lock', 99, 'MANIFEST 99 specs'],
  ['Gemfile.lock', 'osv-scanner-docs-Gemfile.lock', 'Gemfile.lock', 51, 'MANIFEST 51 specs'],
  ['composer.lock', 'composer-project-composer.lock', 'composer.lock', 36, 'packages=30 + packages-dev=6'],
  ['Pipfile.lock', 'pipenv-examples-Pipfile.lock', 'Pipfile.lock', 10, 'default=5 + develop=5'],
  ['poetry.lock', 'poetry-project-poetry.lock', 'poetry.lock', 78, 'MANIFEST 78 [[package]]'],
  ['go.mod', 'golang-vulndb-go.mod', 'go.mod', 86, '85 requires + stdlib'],
  ['go.mod', 'osv-scanner-go.mod', 'go.mod', 207, '206 requires + stdlib'],
];

describe('package counts on real lockfiles', () => {
  it.each(cases)('%s/%s → %i packages', (dir, file, as, count) => {
    expect(extractCorpus(dir, file, as).packages).toHaveLength(count);
  });

  it('every package has a path starting at a root, a purl and a line where the format has lines', () => {
    for (const [dir, file, as] of cases) {
      const inv = extractCorpus(dir, file, as);
      for (const p of inv.packages) {
        expect(p.paths.length).toBeGreaterThan(0);
        expect(p.paths[0]?.at(-1)).toMatch(
          new RegExp(`${p.alias ?? p.name}`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')),
        );
        expect(p.purl).toMatch(/^pkg:[a-z]+\//);
        if (p.name !== 'stdlib' && p.kind !== 'workspace') expect(p.line).toBeGreaterThan(0);
      }
    }
  });
});
