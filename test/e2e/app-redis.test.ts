import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubApi, type GitHubApiStandIn } from '../support/github-api/index.ts';
import { hasRedis, PERMISSIONS, startRedis, type Redis } from '../app/support/app.ts';
import { skipWithout } from '../support/tools.ts';

// A developer without redis-server may skip this; CI (.ci/run installs it) must run it.
const skipRedis = skipWithout('redis-server', hasRedis);
import {
  APP_ID,
  appKeys,
  deliver,
  EVAL_PR_FILE,
  evalTarball,
  newSecret,
  pullRequestEvent,
  tarball,
  waitFor,
  type Repository,
} from '../app/support/fixtures.ts';

/**
 * Scale-out for real: a real `redis-server` on 127.0.0.1 (ephemeral port, no persistence) and two
 * App processes (`node src/app/server.ts`, as `npm start` runs it) sharing it through BullMQ. 200
 * PR events, each delivered to one process and redelivered (same X-GitHub-Delivery) to the other,
 * are drained with the real pipeline over a one-file fixture; no event may be processed twice.
 */

const REPOS = 20;
const PULLS_PER_REPO = 10;
const ROOT = join(import.meta.dirname, '../..');

let api: GitHubApiStandIn;
let redis: Redis | undefined;
let work: string;
const apps: Array<{ proc: ChildProcess; url: string; lines: Array<Record<string, unknown>> }> = [];

async function startApp(name: string, env: NodeJS.ProcessEnv): Promise<void> {
  const cwd = mkdtempSync(join(work, `${name}-cwd-`));
  const proc = spawn(process.execPath, [join(ROOT, 'src/app/server.ts')], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry = { proc, url: '', lines: [] as Array<Record<string, unknown>> };
  let rest = '';
  proc.stdout!.on('data', (d: Buffer) => {
    const text = rest + d.toString();
    const parts = text.split('\n');
    rest = parts.pop()!;
    for (const line of parts) if (line.trim()) entry.lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  apps.push(entry);
  const started = await waitFor(
    `${name} to start (${stderr})`,
    () => entry.lines.find((l) => l.msg === 'vigil App started'),
    30_000,
  );
  entry.url = `http://127.0.0.1:${String(started.port)}`;
}

beforeAll(async () => {
  if (skipRedis) return;
  work = mkdtempSync(join(tmpdir(), 'vigil-app-redis-'));
  const keys = appKeys();
  const secret = newSecret();
  api = await startGitHubApi({ app: { id: APP_ID, slug: 'vigil-test', publicKey: keys.publicKey } });
  api.addInstallation({ id: 500, account: 'org', permissions: { ...PERMISSIONS } });
  redis = await startRedis();
  const scratch = mkdtempSync(join(work, 'tmp-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    APP_ID: String(APP_ID),
    PRIVATE_KEY: keys.privateKey,
    WEBHOOK_SECRET: secret,
    GITHUB_API_URL: api.url,
    REDIS_URL: redis.url,
    PORT: '0',
    HOST: '127.0.0.1',
    VIGIL_CONCURRENCY: '2',
    VIGIL_INSTALLATION_CONCURRENCY: '4',
    VIGIL_GITHUB_WRITE_INTERVAL_MS: '0',
    TMPDIR: scratch,
    LOG_LEVEL: 'info',
  };
  await Promise.all([startApp('a', env), startApp('b', env)]);
  (globalThis as Record<string, unknown>).vigilSecret = secret;
  (globalThis as Record<string, unknown>).vigilEnv = env;
  (globalThis as Record<string, unknown>).vigilScratch = scratch;
}, 60_000);

afterAll(async () => {
  for (const app of apps) {
    app.proc.kill('SIGTERM');
    await new Promise((resolve) => app.proc.once('exit', resolve));
  }
  await redis?.stop();
  await api?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(skipRedis)('two App processes on one Redis', () => {
  it('drain 200 queued PR events (each also redelivered to the other process) with none processed twice', async () => {
    const secret = (globalThis as Record<string, unknown>).vigilSecret as string;
    const fixture = await evalTarball('org-r-0000000');
    const baseFixture = await tarball([
      { name: 'org-r-0000000/', type: 'directory' },
      { name: 'org-r-0000000/README.md', content: '# r\n' },
    ]);
    const events: Array<{
      event: Record<string, unknown>;
      delivery: string;
      head: string;
      repo: string;
      number: number;
    }> = [];
    for (let r = 0; r < REPOS; r++) {
      const repo: Repository = { owner: 'org', name: `r${r}`, installationId: 500 };
      api.addRepo(`org/r${r}`, { installationId: 500 });
      const base = `b${String(r).padStart(39, '0')}`.replace(/[^0-9a-f]/g, 'b');
      api.repo(`org/r${r}`).archives.set(base, baseFixture);
      for (let n = 1; n <= PULLS_PER_REPO; n++) {
        const head = (r * 1000 + n).toString(16).padStart(40, 'a');
        api.repo(`org/r${r}`).archives.set(head, fixture);
        api.setPull(`org/r${r}`, n, {
          headSha: head,
          baseSha: base,
          files: [EVAL_PR_FILE],
        });
        events.push({
          event: pullRequestEvent('opened', repo, { number: n, head, base }),
          delivery: `drain-${r}-${n}`,
          head,
          repo: `org/r${r}`,
          number: n,
        });
      }
    }
    // Each event to one process, its redelivery to the other, ten deliveries in flight at a time.
    const statuses: number[] = [];
    for (let i = 0; i < events.length; i += 5) {
      const batch = events.slice(i, i + 5);
      const sent = await Promise.all(
        batch.flatMap((e, j) => {
          const [first, second] = (i + j) % 2 ? [apps[0]!, apps[1]!] : [apps[1]!, apps[0]!];
          return [
            deliver(first.url, 'pull_request', e.event, { secret, delivery: e.delivery }),
            deliver(second.url, 'pull_request', e.event, { secret, delivery: e.delivery }),
          ];
        }),
      );
      statuses.push(...sent.map((s) => s.status));
    }
    expect(statuses.every((s) => s === 200)).toBe(true);

    const finished = () => apps.flatMap((a) => a.lines.filter((l) => l.msg === 'scan finished'));
    await waitFor('200 scans', () => finished().length >= events.length, 240_000);
    await new Promise((r) => setTimeout(r, 500)); // anything processed twice would show up now

    const byJob = new Map<string, number>();
    for (const line of finished()) byJob.set(String(line.job), (byJob.get(String(line.job)) ?? 0) + 1);
    expect(byJob.size).toBe(events.length);
    expect([...byJob.values()].every((n) => n === 1)).toBe(true);
    // Both processes worked the queue.
    for (const app of apps)
      expect(app.lines.filter((l) => l.msg === 'scan finished').length).toBeGreaterThan(0);
    // Every redelivery was recognised, whichever process got it.
    const redelivered = apps.flatMap((a) =>
      a.lines.filter((l) => l.msg === 'redelivered webhook: already queued once'),
    );
    expect(redelivered).toHaveLength(events.length);

    for (const e of events) {
      const repo = api.repo(e.repo);
      const runs = repo.checkRuns.filter((c) => c.head_sha === e.head && c.name === 'vigil / sast');
      expect(runs.map((c) => c.status)).toEqual(['completed']);
      expect(repo.pulls.get(e.number)!.reviews).toHaveLength(1);
    }
    expect(api.violations).toEqual([]);
    // The installation's bound (4) held across both processes: scans never overlapped more.
    const spans = apps.flatMap((a) => {
      const start = new Map(
        a.lines.filter((l) => l.msg === 'scan started').map((l) => [l.job, Number(l.time)]),
      );
      return a.lines
        .filter((l) => l.msg === 'scan finished')
        .map((l) => [start.get(l.job)!, Number(l.time)] as const);
    });
    const edges = spans
      .flatMap(([from, to]) => [[from, 1] as const, [to, -1] as const])
      .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let running = 0;
    let most = 0;
    for (const [, step] of edges) most = Math.max(most, (running += step));
    expect(most).toBeLessThanOrEqual(4);
    expect(most).toBeGreaterThan(1);
    // No token in any log line.
    expect(JSON.stringify(apps.map((a) => a.lines))).not.toMatch(/ghs_[0-9a-f]{20,}/);
    // Checkouts were removed, and the App wrote nothing (no key) where it runs.
    const scratch = (globalThis as Record<string, unknown>).vigilScratch as string;
    expect(readdirSync(scratch).filter((n) => n.startsWith('vigil-app-'))).toEqual([]);
    for (const dir of readdirSync(work).filter((n) => n.includes('-cwd-')))
      expect(readdirSync(join(work, dir))).toEqual([]);
  }, 300_000);

  it('receivers and workers as separate processes: VIGIL_ROLE=web only queues, workers scan', async () => {
    const secret = (globalThis as Record<string, unknown>).vigilSecret as string;
    const env = (globalThis as Record<string, unknown>).vigilEnv as NodeJS.ProcessEnv;
    const before = apps.length;
    await Promise.all([
      startApp('web', { ...env, VIGIL_ROLE: 'web' }),
      startApp('worker', { ...env, VIGIL_ROLE: 'worker' }),
    ]);
    const [web, worker] = apps.slice(before) as [(typeof apps)[number], (typeof apps)[number]];
    // Any process with workers (the new worker or the two from the drain) may take the job; the
    // web process must only queue it.
    api.addRepo('org/split', { installationId: 500 });
    const head = '5'.repeat(40);
    api
      .repo('org/split')
      .archives.set(
        head,
        await tarball([{ name: 'org-split-5555555/a.js', content: 'eval(process.argv[2]);\n' }]),
      );
    api.setPull('org/split', 1, { headSha: head, baseSha: head, files: [] });
    const event = pullRequestEvent(
      'opened',
      { owner: 'org', name: 'split', installationId: 500 },
      { number: 1, head, base: head },
    );
    expect((await deliver(web.url, 'pull_request', event, { secret })).status).toBe(200);
    await waitFor(
      'the scan',
      () =>
        api.repo('org/split').checkRuns.some((c) => c.name === 'vigil / sast' && c.status === 'completed'),
      60_000,
    );
    expect(web.lines.some((l) => l.msg === 'scan queued' && l.repo === 'org/split')).toBe(true);
    expect(web.lines.some((l) => l.msg === 'scan started')).toBe(false);
    // A worker has no webhook endpoint, only operations.
    expect((await deliver(worker.url, 'pull_request', event, { secret })).status).toBe(404);
    for (const p of [web, worker]) expect((await fetch(`${p.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
