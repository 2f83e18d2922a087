import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCacheEnv } from './helpers.ts';

const bin = fileURLToPath(new URL('../../bin/vigil.js', import.meta.url));

/** bin/vigil.js as a user runs it: a real process, real exit code, real streams (not a TTY). */
function vigil(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', ...testCacheEnv() } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-bin-'));
  await writeFile(join(dir, 'app.js'), 'eval(process.argv[2]);\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bin/vigil.js as a subprocess', () => {
  it('runs under the Node that runs the tests (24)', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });

  it('scans, prints JSON on stdout, a summary on stderr, and exits 1 on a high finding', async () => {
    const run = await vigil(['scan', '.', '--format', 'json'], dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { version: number; findings: { ruleId: string }[] };
    expect(report.version).toBe(1);
    expect(report.findings.map((f) => f.ruleId)).toContain('js/code-injection');
    expect(run.stderr).toMatch(/^vigil: \d+ findings?, 1 file in/);
    expect(run.stderr).not.toContain('\r');
  });

  it('exits 2 with one line and no stack trace for a missing path', async () => {
    const run = await vigil(['scan', 'missing-dir'], dir);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'vigil: path not found: missing-dir\n',
    });
  });
});
