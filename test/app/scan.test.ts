import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/app/queue/memory.ts';
import { runJob } from '../../src/app/scan.ts';
import { liveScanWorkers, ScanThreads } from '../../src/app/worker/index.ts';
import { appLogger } from '../../src/app/server.ts';
import { createGitHubClient } from '../../src/github/client.ts';
import { startGitHubApi, type GitHubApiStandIn } from '../support/github-api/index.ts';
import { BroadcastChannel } from 'node:worker_threads';
import { tarball } from './support/fixtures.ts';
import { SCANNER_CHANNEL } from './support/scanners/channel.ts';

/** The scan job on its own, against the stand-in with a plain installation-like token. */

let api: GitHubApiStandIn;
const SHA = '1'.repeat(40);
const log = appLogger('silent', new Writable({ write: (_c, _e, done) => done() }));

beforeAll(async () => {
  api = await startGitHubApi();
  api.addToken('t', {
    login: 'vigil[bot]',
    type: 'Bot',
    permissions: { checks: 'write', pull_requests: 'write', contents: 'read' },
  });
  api.addRepo('acme/slow');
  api
    .repo('acme/slow')
    .archives.set(SHA, await tarball([{ name: 'acme-slow-1111111/a.js', content: 'eval(x);\n' }]));
});
afterAll(() => api.close());

const deps = (timeoutMs: number) => ({
  github: async () => createGitHubClient({ token: 't', baseUrl: api.url, writeIntervalMs: 0 }),
  store: new MemoryStore(),
  log,
  timeoutMs,
});

describe('runJob', () => {
  it('a scan over its time budget fails its check runs saying so', async () => {
    await runJob(
      {
        type: 'scan',
        installationId: 1,
        owner: 'acme',
        repo: 'slow',
        delivery: 'd',
        headSha: SHA,
        trigger: 't',
      },
      deps(1),
    );
    const runs = api.repo('acme/slow').checkRuns;
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
      expect(run.output.summary).toContain('took longer than 0 s and was stopped');
    }
  });

  it('a scan superseded by a newer push ends its check runs cancelled, naming the newer SHA', async () => {
    api.addRepo('acme/pushed');
    const sha = '2'.repeat(40);
    const newer = '3'.repeat(40);
    api
      .repo('acme/pushed')
      .archives.set(sha, await tarball([{ name: 'acme-pushed-2222222/a.js', content: 'eval(x);\n' }]));
    const superseded = new AbortController();
    await runJob(
      {
        type: 'scan',
        installationId: 1,
        owner: 'acme',
        repo: 'pushed',
        delivery: 'd',
        headSha: sha,
        trigger: 't',
      },
      {
        ...deps(60_000),
        // The scheduler aborts with the newer job's id once the check runs are in progress.
        github: async () => {
          setTimeout(() => superseded.abort(`acme/pushed#4@${newer}`), 0);
          return createGitHubClient({ token: 't', baseUrl: api.url, writeIntervalMs: 0 });
        },
        superseded: superseded.signal,
      },
    );
    const runs = api.repo('acme/pushed').checkRuns;
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      expect(run).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
      expect(run.output.title).toBe('superseded by 3333333');
      expect(run.output.summary).toContain(newer);
    }
  });

  it('a newer push terminates the scan thread stuck in a loop; the runs end cancelled', async () => {
    api.addRepo('acme/spin');
    const sha = '4'.repeat(40);
    const newer = '5'.repeat(40);
    api
      .repo('acme/spin')
      .archives.set(sha, await tarball([{ name: 'acme-spin-4444444/a.js', content: 'eval(x);\n' }]));
    const threads = new ScanThreads({
      scannersModule: new URL('./support/scanners/busy.ts', import.meta.url).href,
    });
    const superseded = new AbortController();
    const channel = new BroadcastChannel(SCANNER_CHANNEL);
    channel.onmessage = () => superseded.abort(`acme/spin#5@${newer}`);
    try {
      await runJob(
        {
          type: 'scan',
          installationId: 1,
          owner: 'acme',
          repo: 'spin',
          delivery: 'd',
          headSha: sha,
          trigger: 't',
        },
        { ...deps(60_000), threads, superseded: superseded.signal },
      );
    } finally {
      channel.close();
      await threads.close();
    }
    expect(superseded.signal.aborted).toBe(true);
    const runs = api.repo('acme/spin').checkRuns;
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(run).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
    expect(liveScanWorkers()).toBe(0);
  });

  it('a commit without a PR gets check runs only', async () => {
    const before = api.repo('acme/slow').checkRuns.length;
    await runJob(
      {
        type: 'scan',
        installationId: 1,
        owner: 'acme',
        repo: 'slow',
        delivery: 'd2',
        headSha: SHA,
        trigger: 't',
        rerun: true,
      },
      deps(60_000),
    );
    const runs = api.repo('acme/slow').checkRuns.slice(before);
    expect(runs.map((r) => [r.name, r.conclusion])).toEqual([
      ['vigil / sast', 'failure'],
      ['vigil / sca', 'success'],
      ['vigil / config', 'success'],
    ]);
    expect(api.requestsFor('pulls/create-review')).toEqual([]);
    expect(api.violations).toEqual([]);
  });
});
