import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../src/core/scanner.ts';
import { npmProject, useNpmCorpusWorkdir } from '../../sca/support/corpus.ts';
import { runCli } from '../helpers.ts';

const work = useNpmCorpusWorkdir('vigil-scan-sca-');

async function scanJson(args: string[]): Promise<ScanResult> {
  const run = await runCli(['scan', '--format', 'json', '--fail-on', 'none', '-q', ...args], {
    cwd: work.dir,
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as ScanResult;
}

describe('vigil scan: SCA options', () => {
  it('--prod-only leaves out advisories in packages reached only through dev dependencies', async () => {
    // santatracker's lockfile: 65 advisories with the corpus records, 7 of them in dev-only packages
    const root = npmProject(join(work.dir, 'santa'), 'osv-scanner-santatracker-package-lock.json');
    writeFileSync(join(root, '.vigil.yml'), `sca:\n  database: ${JSON.stringify(work.database)}\n`);
    const all = await scanJson(['santa', '--scanners', 'sca', '--offline']);
    const prod = await scanJson(['santa', '--scanners', 'sca', '--offline', '--prod-only']);
    const dev = all.findings.filter((f) => f.package!.dev);
    expect(all.findings.length).toBe(65);
    expect(dev.length).toBe(7);
    expect(prod.findings.length).toBe(all.findings.length - dev.length);
    expect(prod.findings.some((f) => f.package!.dev)).toBe(false);
    expect(prod.findings.map((f) => f.fingerprint)).toEqual(
      all.findings.filter((f) => !f.package!.dev).map((f) => f.fingerprint),
    );
  });

  it('--database names the database relative to the working directory; a missing one is reported, not created', async () => {
    npmProject(join(work.dir, 'missing-db'), 'scalibr-alias.v2.json');
    const run = await runCli(
      ['scan', 'missing-db', '--scanners', 'sca', '--database', 'nowhere.db', '--format', 'json', '-q'],
      {
        cwd: work.dir,
      },
    );
    // No database: SCA could not run, so the run is incomplete (exit 3), not a pass.
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout) as ScanResult;
    expect(report.findings).toEqual([]);
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        level: 'error',
        source: 'sca',
        path: join(work.dir, 'nowhere.db'),
        message: expect.stringMatching(/^SCA skipped: no local advisory database at /),
      }),
    );
    expect(existsSync(join(work.dir, 'nowhere.db'))).toBe(false);
  });
});
