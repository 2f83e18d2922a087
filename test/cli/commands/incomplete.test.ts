import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { scanners } from '../../../src/scanners.ts';
import { closedPortUrl, ONE_DEPENDENCY_LOCK } from '../../support/unreachable.ts';
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
    // and says how to get a database
    expect(run.stdout).toContain("Run `vigil db update` (downloads OSV's exports) or `vigil db import");
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

  it('`vigil scan --help` documents exit code 3', async () => {
    const help = await runCli(['scan', '--help']);
    expect(help.stdout).toMatch(/\n3 incomplete: no finding failed, but a scanner could not do its job/);
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

interface JsonReport {
  summary: { incomplete: { scanner: string; reason: string }[] };
}
interface SarifReport {
  runs: {
    tool: { driver: { name: string } };
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { message: { text: string } }[];
    }[];
  }[];
}

/** Text, JSON and SARIF of one failing run: exit 3, the INCOMPLETE line, summary.incomplete, executionSuccessful false. */
async function expectIncomplete(argv: string[], scanner: string, reason: RegExp): Promise<void> {
  const text = await runCli(argv);
  expect(text.code).toBe(3);
  expect(text.stdout).not.toMatch(/— passed|✅|Passed/);
  expect(text.stdout).toMatch(new RegExp(`INCOMPLETE: scanner ${scanner} could not do its job: `));
  expect(text.stderr).toMatch(new RegExp(`vigil: INCOMPLETE: scanner ${scanner} could not do its job: `));
  expect(text.stderr).toMatch(reason);
  const json = await runCli([...argv, '--format', 'json']);
  expect(json.code).toBe(3);
  const incomplete = (JSON.parse(json.stdout) as JsonReport).summary.incomplete;
  expect(incomplete.map((i) => i.scanner)).toEqual([scanner]);
  expect(incomplete[0]!.reason).toMatch(reason);
  const sarif = await runCli([...argv, '--format', 'sarif']);
  expect(sarif.code).toBe(3);
  const failed = (JSON.parse(sarif.stdout) as SarifReport).runs.filter(
    (r) => !r.invocations[0]!.executionSuccessful,
  );
  expect(failed).toHaveLength(1);
  expect(failed[0]!.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text).join('\n')).toMatch(
    reason,
  );
}

describe('failures performed end to end through the CLI', () => {
  it('a scanner that throws (injected into the real registry): exit 3, INCOMPLETE, JSON and SARIF say so', async () => {
    await writeFile(join(dir, 'Dockerfile'), 'FROM node:22\nUSER node\n');
    const config = scanners.find((s) => s.id === 'config')!;
    const crash = vi
      .spyOn(config, 'run')
      .mockRejectedValue(new RangeError('Maximum call stack size exceeded'));
    try {
      await expectIncomplete(
        ['scan', dir, '--scanners', 'config'],
        'config',
        /scanner config failed: Maximum call stack size exceeded/,
      );
      expect(crash).toHaveBeenCalledTimes(3);
    } finally {
      crash.mockRestore();
    }
  });

  it('SCA with OSV on a closed 127.0.0.1 port is incomplete, never passed', async () => {
    const project = await mkdtemp(join(dir, 'refused-'));
    await writeFile(join(project, 'package-lock.json'), ONE_DEPENDENCY_LOCK);
    await writeFile(join(project, '.vigil.yml'), `sca:\n  apiUrl: ${await closedPortUrl()}\n`);
    await expectIncomplete(
      ['scan', project, '--scanners', 'sca', '--cache-dir', join(project, 'cache')],
      'sca',
      /fetch failed \(ECONNREFUSED\)/,
    );
  });

  it('SCA with an OSV host name that does not resolve (.invalid) is incomplete, never passed', async () => {
    const project = await mkdtemp(join(dir, 'unresolved-'));
    await writeFile(join(project, 'package-lock.json'), ONE_DEPENDENCY_LOCK);
    await writeFile(join(project, '.vigil.yml'), 'sca:\n  apiUrl: http://osv.invalid\n');
    // ENOTFOUND, or EAI_AGAIN where there is no resolver at all
    await expectIncomplete(
      ['scan', project, '--scanners', 'sca', '--cache-dir', join(project, 'cache')],
      'sca',
      /fetch failed \((ENOTFOUND|EAI_AGAIN)\)/,
    );
  });
});
