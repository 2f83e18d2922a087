import { copyFileSync, mkdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../src/core/scan.ts';
import { MAX_LOCKFILE_BYTES } from '../../src/sca/lockfiles/text.ts';
import { corpusPath, useNpmCorpusWorkdir } from './support/corpus.ts';

/**
 * The corpus's largest real lockfiles (socket.io's monorepo package-lock, 574 KiB; jest's yarn.lock,
 * 857 KiB) are under the walker's default 1 MiB cap, so the scans here lower the cap to 256 KiB
 * (`maxFileSize`): the same rule that drops a 2 MiB lockfile at the default cap drops these.
 */
const CAP = 256 * 1024;
const work = useNpmCorpusWorkdir('vigil-sca-large-');

function tree(name: string, files: Record<string, string>): string {
  const root = join(work.dir, name);
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(join(root, to, '..'), { recursive: true });
    copyFileSync(from, join(root, to));
  }
  return root;
}

describe('SCA in `runScan` with lockfiles over the walker size cap', () => {
  it('reads them and reports their advisories', async () => {
    const root = tree('big', {
      'socket.io/package-lock.json': corpusPath(
        'lockfiles',
        'package-lock-v3',
        'socket.io-monorepo-package-lock.json',
      ),
      'jest/yarn.lock': corpusPath('lockfiles', 'yarn-berry', 'jest-monorepo-yarn.lock'),
    });
    for (const lock of ['socket.io/package-lock.json', 'jest/yarn.lock'])
      expect(statSync(join(root, lock)).size).toBeGreaterThan(CAP);
    // an ordinary source file over the cap is still skipped: the allowance is for SCA's files only
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src/big.js'), `// ${'x'.repeat(CAP)}\n`);

    const result = await runScan({
      root,
      config: { maxFileSize: CAP, sca: { database: work.database } },
      options: { offline: true },
      select: { scanners: ['sca'] },
    });
    expect(result.diagnostics.filter((d) => d.path?.endsWith('.lock') || d.path?.endsWith('.json'))).toEqual(
      [],
    );
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        source: 'walker',
        path: 'src/big.js',
        message: expect.stringMatching(/size limit/),
      }),
    );
    const found = result.findings.map(
      (f) => `${f.location.path} ${f.ruleId} ${f.package!.name}@${f.package!.version}`,
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'socket.io/package-lock.json GHSA-52f5-9888-hmc6 tmp@0.0.33',
        'socket.io/package-lock.json GHSA-r683-j2x4-v87g node-fetch@2.7.0',
        'jest/yarn.lock GHSA-r683-j2x4-v87g node-fetch@2.7.0',
      ]),
    );
  });

  it('still skips a lockfile over the lockfile cap, with a note naming it', async () => {
    const root = join(work.dir, 'huge');
    mkdirSync(root);
    // sparse: the size is what is judged, before any byte is read
    writeFileSync(join(root, 'package-lock.json'), '');
    truncateSync(join(root, 'package-lock.json'), MAX_LOCKFILE_BYTES + 1);
    const result = await runScan({
      root,
      config: { sca: { database: work.database } },
      options: { offline: true },
      select: { scanners: ['sca'] },
    });
    expect(result.findings).toEqual([]);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        source: 'walker',
        path: 'package-lock.json',
        message: expect.stringMatching(/over the 64 MiB size limit/),
      }),
    );
  });
});
