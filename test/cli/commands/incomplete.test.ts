import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers.ts';

// A project with a lockfile, scanned offline with no advisory database: SCA cannot run.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-incomplete-'));
  await writeFile(
    join(dir, 'package-lock.json'),
    JSON.stringify({
      name: 'app',
      lockfileVersion: 3,
      packages: { '': { name: 'app' }, 'node_modules/left-pad': { version: '1.0.0' } },
    }),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const offline = (extra: string[]) =>
  runCli(['scan', dir, '--scanners', 'sca', '--offline', '--fail-on', 'high', ...extra], {
    env: { VIGIL_CACHE_DIR: join(dir, 'no-cache') },
  });

describe('a scan that could not do its job never says passed', () => {
  it('exits 3 and names the scanner and why, in the text report and on stderr', async () => {
    const run = await offline([]);
    expect(run.code).toBe(3);
    expect(run.stdout).not.toMatch(/— passed/);
    expect(run.stdout).toMatch(/INCOMPLETE: scanner sca could not do its job: .+/);
    expect(run.stderr).toMatch(/vigil: INCOMPLETE: scanner sca/);
  });

  it('says so in JSON (summary.incomplete) and SARIF (executionSuccessful: false)', async () => {
    const json = JSON.parse((await offline(['--format', 'json'])).stdout) as {
      summary: { incomplete: { scanner: string; reason: string }[] };
    };
    expect(json.summary.incomplete).toEqual([{ scanner: 'sca', reason: expect.any(String) }]);
    expect(json.summary.incomplete[0]!.reason).not.toBe('');
    const sarif = JSON.parse((await offline(['--format', 'sarif'])).stdout) as {
      runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[] }[];
    };
    for (const run of sarif.runs) {
      if (!JSON.stringify(run.invocations).includes('sca')) continue;
      expect(run.invocations[0]!.executionSuccessful).toBe(false);
      expect(run.invocations[0]!.toolExecutionNotifications.length).toBeGreaterThan(0);
    }
  });

  it('says so in Markdown instead of Passed', async () => {
    const md = (await offline(['--format', 'markdown'])).stdout;
    expect(md).toMatch(/\*\*Incomplete:\*\*/);
    expect(md).not.toMatch(/\*\*Passed:\*\*/);
  });
});

describe('--changed-since is checked before the scan', () => {
  it('a ref that does not exist is a usage error (exit 2) with git reason', async () => {
    const run = await runCli(['scan', dir, '--changed-since', 'nosuchref']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--changed-since nosuchref: git rev-parse failed: \S/);
  });
});
