/**
 * Load test of the App's webhook side (loopback only, bounded): 500 signed deliveries across 50
 * repositories — each repository's PR gets 10 pushes (pull_request.synchronize) — sent 20 at a
 * time to a real App (probot's middleware, in-process queue, scan workers on) backed by the
 * OpenAPI-validating GitHub stand-in. Reports acknowledgement latency (p50/p99/max), throughput
 * of acknowledged deliveries, and how many scans ran once superseded pushes were dropped.
 *
 * Mode `web` measures the receiver alone: VIGIL_ROLE=web on a real redis-server (127.0.0.1,
 * ephemeral port, no persistence), no workers, so acknowledgement is not competing with scans.
 *
 * Run: npx node bench/app/webhooks.ts [all|web] [deliveries=500] [repos=50] [inFlight=20]
 */
import {
  deliver,
  EVAL_PR_FILE,
  evalTarball,
  pullRequestEvent,
  waitFor,
  type Repository,
} from '../../test/app/support/fixtures.ts';
import { idle, PERMISSIONS, startHarness, startRedis } from '../../test/app/support/app.ts';

const mode = process.argv[2] === 'web' ? 'web' : 'all';
const [deliveries = 500, repos = 50, inFlight = 20] = process.argv.slice(3).map(Number);
const perRepo = Math.ceil(deliveries / repos);

const redis = mode === 'web' ? await startRedis() : undefined;
const h = await startHarness({
  logLevel: 'warn',
  concurrency: 2,
  perInstallation: 2,
  ...(redis ? { role: 'web' as const, redisUrl: redis.url } : {}),
});
h.api.addInstallation({ id: 900, account: 'bench', permissions: { ...PERMISSIONS } });
const fixture = await evalTarball('bench-r-0000000');
const base = 'c'.repeat(40);
const sends: Array<() => Promise<number>> = [];
for (let r = 0; r < repos; r++) {
  const repo: Repository = { owner: 'bench', name: `r${r}`, installationId: 900 };
  h.api.addRepo(`bench/r${r}`, { installationId: 900 });
  h.api.repo(`bench/r${r}`).archives.set(base, fixture);
  for (let p = 0; p < perRepo && sends.length < deliveries; p++) {
    const head = (r * 1000 + p + 1).toString(16).padStart(40, 'a');
    h.api.repo(`bench/r${r}`).archives.set(head, fixture);
    h.api.setPull(`bench/r${r}`, 1, {
      headSha: head,
      baseSha: base,
      files: [EVAL_PR_FILE],
    });
    const event = pullRequestEvent(p === 0 ? 'opened' : 'synchronize', repo, { number: 1, head, base });
    sends.push(async () => {
      const res = await deliver(h.app.url, 'pull_request', event, { secret: h.secret });
      if (res.status !== 200) throw new Error(`delivery answered ${res.status}: ${res.text}`);
      return res.ms;
    });
  }
}
// Interleave repositories, as an organisation's pushes would arrive.
const order = sends
  .map((send, i) => ({ send, key: (i % perRepo) * repos + Math.floor(i / perRepo) }))
  .sort((a, b) => a.key - b.key);

const latencies: number[] = [];
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (next < order.length) {
      const item = order[next++]!;
      latencies.push(await item.send());
    }
  }),
);
const sendMs = performance.now() - started;
const pending = await h.app.scheduler.queue.depth();
if (mode === 'all') await waitFor('the queue to drain', () => idle(h.app), 600_000);
const drainMs = performance.now() - started;

const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const checkRuns = [...h.api.repos.values()].reduce(
  (n, r) => n + r.checkRuns.filter((c) => c.name === 'vigil / sast').length,
  0,
);
const scans =
  (await h.app.metrics.scanDuration.get()).values.find((v) => v.metricName?.endsWith('_count'))?.value ?? 0;
console.log(
  JSON.stringify(
    {
      mode,
      node: process.version,
      date: new Date().toISOString(),
      deliveries: latencies.length,
      repositories: repos,
      inFlight,
      ackMs: { p50: +pct(50).toFixed(1), p99: +pct(99).toFixed(1), max: +sorted.at(-1)!.toFixed(1) },
      deliveriesPerSecond: +((latencies.length / sendMs) * 1000).toFixed(0),
      sendSeconds: +(sendMs / 1000).toFixed(2),
      scansRun: scans,
      sastCheckRuns: checkRuns,
      queuedAfterSend: pending,
      ...(mode === 'all' ? { drainSeconds: +(drainMs / 1000).toFixed(1) } : {}),
      violations: h.api.violations.length,
    },
    null,
    2,
  ),
);
await h.close();
await redis?.stop();
