import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../support/fixtures.ts';
import { closedPortUrl, ONE_DEPENDENCY_LOCK } from '../support/unreachable.ts';
import { pullEvent, runActionAt } from './support.ts';

/**
 * The Action in-process over a real git repository whose SCA cannot reach OSV (the API URL is a
 * closed 127.0.0.1 port): the step's outcome follows the `sca-unavailable` input, and nothing
 * says "passed". No token, so the job summary, annotations and outputs carry everything.
 */

const work = mkdtempSync(join(tmpdir(), 'vigil-action-unavailable-'));
let closedUrl: string;
let dir: string;
let head: string;
let base: string;

beforeAll(async () => {
  closedUrl = await closedPortUrl();
  dir = join(work, 'repo');
  initRepo(dir);
  base = commit(dir, { 'README.md': '# app\n' }, 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  head = commit(dir, { 'package-lock.json': ONE_DEPENDENCY_LOCK }, 'add a dependency');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (inputs: Record<string, string>) =>
  runActionAt(work, dir, head, pullEvent(head, base), {
    scanners: 'sca',
    'osv-api-url': closedUrl,
    ...inputs,
  });

describe('the Action when OSV is unreachable', () => {
  it('fails the step by default (fail-closed): exit 3, an error annotation and the reason in the job summary', async () => {
    const result = await run({});
    expect(result.code).toBe(3);
    expect([result.output('conclusion'), result.output('incomplete')]).toEqual(['failure', 'sca']);
    expect(result.stdout).toMatch(
      /^::error title=vigil: incomplete scan::OSV unreachable: fail-closed by the operator's policy, so this check fails until the scanner can run\. \(SCA skipped: .*ECONNREFUSED/m,
    );
    expect(result.summary).toContain('### vigil: ❌ incomplete: sca could not run');
    expect(result.summary).toContain("OSV unreachable: fail-closed by the operator's policy");
    expect(result.summary).not.toMatch(/Passed|vigil: ✅|vigil: no findings/);
  });

  it('passes with a warning annotation under fail-open, and still never says passed', async () => {
    const result = await run({ 'sca-unavailable': 'fail-open' });
    expect(result.code).toBe(0);
    expect([result.output('conclusion'), result.output('incomplete')]).toEqual(['neutral', 'sca']);
    expect(result.stdout).toMatch(
      /^::warning title=vigil: incomplete scan::OSV unreachable: fail-open by the operator's policy/m,
    );
    expect(result.stdout).not.toMatch(/^::error/m);
    expect(result.summary).toContain('### vigil: ⚠️ incomplete: sca could not run');
    expect(result.summary).not.toMatch(/Passed|vigil: ✅|vigil: no findings/);
  });

  it('an unknown policy is a usage error naming the input', async () => {
    const result = await run({ 'sca-unavailable': 'maybe' });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('input `sca-unavailable`: "maybe" is not one of fail-closed, fail-open');
  });
});
