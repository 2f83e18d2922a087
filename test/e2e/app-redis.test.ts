import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubApi, type GitHubApiStandIn } from '../support/github-api/index.ts';
import {
  hasRedis,
  PERMISSIONS,
  startHarness,
  startRedis,
  type Harness,
  type Redis,
} from '../app/support/app.ts';
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
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

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

/**
 * Redis going away under a running App (in this process: a real probot server, signed webhooks,
 * the GitHub stand-in). Killed: the connection drops at once. Frozen (SIGSTOP): the connection
 * stays open and nothing answers, so only the command timeouts bound the wait. Either way the App
 * says so within a second, refuses webhooks it cannot queue durably with 503 within two, and takes
 * GitHub's redelivery once Redis is back.
 */
describe.skipIf(skipRedis)('the App when Redis goes away', () => {
  const R: Repository = { owner: 'acme', name: 'outage', installationId: 77 };
  const FULL = 'acme/outage';
  const BASE = 'b'.repeat(40);
  const head = (pr: number) => String(pr).repeat(40);
  let own: Redis;
  let h: Harness;

  beforeAll(async () => {
    own = await startRedis();
    h = await startHarness({ redisUrl: own.url });
    h.api.addInstallation({ id: R.installationId, account: R.owner, permissions: { ...PERMISSIONS } });
    h.api.addRepo(FULL, { installationId: R.installationId });
    for (const pr of [1, 2, 3]) {
      h.api.repo(FULL).archives.set(head(pr), await evalTarball(`acme-outage-${head(pr).slice(0, 7)}`));
      h.api.setPull(FULL, pr, { headSha: head(pr), baseSha: BASE, files: [EVAL_PR_FILE] });
    }
  }, 60_000);

  afterAll(async () => {
    own?.signal('SIGCONT');
    await h?.close();
    await own?.stop();
  });

  const timed = async (path: string) => {
    const started = performance.now();
    const res = await fetch(`${h.app.url}${path}`);
    const text = await res.text();
    return { status: res.status, ms: performance.now() - started, text };
  };
  const open = (pr: number, delivery: string) =>
    deliver(
      h.app.url,
      'pull_request',
      pullRequestEvent('opened', R, { number: pr, head: head(pr), base: BASE }),
      {
        secret: h.secret,
        delivery,
      },
    );
  const runsOf = (pr: number) => h.api.repo(FULL).checkRuns.filter((c) => c.head_sha === head(pr));
  const scanned = (pr: number) =>
    waitFor(
      `the scan of PR ${pr}`,
      () => {
        const runs = runsOf(pr);
        return runs.length > 0 && runs.every((c) => c.status === 'completed');
      },
      30_000,
    );

  /** While Redis is away: health 503 < 1 s, metrics 200 < 1 s with the queue flagged, webhook 503 < 2 s. */
  async function expectRefusing(pr: number, delivery: string): Promise<void> {
    const health = await timed('/healthz');
    expect(health.status).toBe(503);
    expect(health.ms).toBeLessThan(1000);
    expect(JSON.parse(health.text)).toMatchObject({
      status: 'unavailable',
      reason: expect.stringMatching(/^queue unavailable: PING/),
    });
    const metrics = await timed('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.ms).toBeLessThan(1000);
    expect(metrics.text).toMatch(/^vigil_queue_up 0$/m);
    expect(metrics.text).not.toMatch(/^vigil_queue_depth\{/m);
    const hook = await open(pr, delivery);
    expect(hook.status).toBe(503);
    expect(hook.ms).toBeLessThan(2000);
    expect(JSON.parse(hook.text)).toMatchObject({ error: expect.stringContaining('queue unavailable') });
  }

  /** Once Redis answers again: health 200, and the redelivery of the refused webhook is scanned. */
  async function expectRecovered(pr: number, delivery: string): Promise<number> {
    const since = performance.now();
    await waitFor('/healthz 200', async () => (await timed('/healthz')).status === 200, 10_000);
    const recovery = performance.now() - since;
    await waitFor(
      'vigil_queue_up 1',
      async () => /^vigil_queue_up 1$/m.test((await timed('/metrics')).text),
      5000,
    );
    // Nothing of the refused delivery was kept in memory and queued behind GitHub's back.
    expect(runsOf(pr)).toEqual([]);
    const redelivered = await open(pr, delivery);
    expect(redelivered.status).toBe(200);
    await scanned(pr);
    return recovery;
  }

  it('killed: 503 within a second; back on the same port: a redelivered webhook is queued and scanned', async () => {
    expect((await timed('/healthz')).status).toBe(200);
    expect((await open(1, 'before')).status).toBe(200);
    await scanned(1);

    await own.stop(); // SIGKILL: its connections drop now
    await expectRefusing(2, 'during-kill');
    // Still refusing a while later (reconnection attempts do not queue anything in memory).
    await new Promise((r) => setTimeout(r, 1500));
    await expectRefusing(2, 'during-kill');

    own = await startRedis(own.port);
    const recovery = await expectRecovered(2, 'during-kill');
    expect(recovery).toBeLessThan(5000);
  }, 90_000);

  it('frozen (connection open, no answers): command timeouts give 503 within a second; resumed: scanned', async () => {
    expect((await timed('/healthz')).status).toBe(200);
    own.signal('SIGSTOP');
    try {
      await expectRefusing(3, 'during-freeze');
    } finally {
      own.signal('SIGCONT');
    }
    const recovery = await expectRecovered(3, 'during-freeze');
    expect(recovery).toBeLessThan(5000);
    expect(h.api.violations).toEqual([]);
  }, 90_000);
});
