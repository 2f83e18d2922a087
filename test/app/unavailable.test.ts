import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnavailablePolicy } from '../../src/core/config/operator.ts';
import { MemoryStore } from '../../src/app/queue/memory.ts';
import { runJob } from '../../src/app/scan.ts';
import { appLogger } from '../../src/app/server.ts';
import { createGitHubClient } from '../../src/github/client.ts';
import { startGitHubApi, type GitHubApiStandIn } from '../support/github-api/index.ts';
import { closedPortUrl, ONE_DEPENDENCY_LOCK } from '../support/unreachable.ts';
import { tarball } from './support/fixtures.ts';

/**
 * The App's scan job when the operator's OSV API cannot be reached (a closed 127.0.0.1 port): the
 * SCA check run follows VIGIL_SCA_UNAVAILABLE (here the operator settings it is read into), and
 * its summary says which policy applied.
 */

let api: GitHubApiStandIn;
let closedUrl: string;
const work = mkdtempSync(join(tmpdir(), 'vigil-app-unavailable-'));
const SHA = '2'.repeat(40);
const log = appLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
beforeAll(async () => {
  closedUrl = await closedPortUrl();
  api = await startGitHubApi();
  api.addToken('t', {
    login: 'vigil[bot]',
    type: 'Bot',
    permissions: { checks: 'write', pull_requests: 'write', contents: 'read' },
  });
  for (const name of ['closed', 'open']) {
    api.addRepo(`acme/${name}`);
    api
      .repo(`acme/${name}`)
      .archives.set(
        SHA,
        await tarball([{ name: `acme-${name}-2222222/package-lock.json`, content: ONE_DEPENDENCY_LOCK }]),
      );
  }
});
afterAll(async () => {
  await api.close();
  rmSync(work, { recursive: true, force: true });
});

async function scan(repo: string, unavailable?: UnavailablePolicy) {
  await runJob(
    { type: 'scan', installationId: 1, owner: 'acme', repo, delivery: repo, headSha: SHA, trigger: 't' },
    {
      github: async () => createGitHubClient({ token: 't', baseUrl: api.url, writeIntervalMs: 0 }),
      store: new MemoryStore(),
      log,
      timeoutMs: 120_000,
      operator: {
        sca: { apiUrl: closedUrl },
        cacheDir: join(work, repo),
        ...(unavailable ? { unavailable } : {}),
      },
    },
  );
  return api.repo(`acme/${repo}`).checkRuns.find((r) => r.name === 'vigil / sca')!;
}

describe('the App when OSV is unreachable', () => {
  it('fails the SCA check by default (fail-closed), saying so', async () => {
    const run = await scan('closed');
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(run.output.summary).toContain(
      "OSV unreachable: fail-closed by the operator's policy, so this check fails until the scanner can run.",
    );
    expect(run.output.summary).toContain('ECONNREFUSED');
    expect(api.violations).toEqual([]);
  });

  it('VIGIL_SCA_UNAVAILABLE=fail-open makes it neutral, never success', async () => {
    const run = await scan('open', 'fail-open');
    expect(run).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(run.output.summary).toContain("OSV unreachable: fail-open by the operator's policy");
    expect(api.violations).toEqual([]);
  });
});
