import { existsSync, readdirSync } from 'node:fs';
import { BroadcastChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { appScannerIds } from '../../src/app/scan.ts';
import { liveScanWorkers } from '../../src/app/worker/index.ts';
import { idle, openEvalPull, serveEvalPull, startHarness, type Harness } from '../app/support/app.ts';
import { waitFor, type Repository } from '../app/support/fixtures.ts';
import { SCANNER_CHANNEL } from '../app/support/scanners/channel.ts';

/**
 * The App's scans run in a worker thread: a scan stuck in a synchronous loop (as a backtracking
 * regex over a hostile file would be) leaves the App answering, the timeout terminates the thread
 * and fails the check runs saying so, and a thread that crashes fails them with the reason. The
 * scanners are swapped for test ones through the App's settings; everything else is the real App.
 */

const R: Repository = { owner: 'acme', name: 'hostile', installationId: 93 };
const FULL = 'acme/hostile';
const SHA = 'c'.repeat(40);
const BASE = 'd'.repeat(40);
/** Room for the thread to load the scanners on a loaded machine before it starts spinning. */
const TIMEOUT_MS = 20_000;

let h: Harness | undefined;

const scannersModule = (name: string) => new URL(`../app/support/scanners/${name}.ts`, import.meta.url).href;

async function harness(scanners: string, timeoutMs = 60_000): Promise<Harness> {
  h = await startHarness({ timeoutMs, scanWorker: { scannersModule: scannersModule(scanners) } });
  await serveEvalPull(h, R, SHA, BASE);
  return h;
}

afterEach(async () => {
  if (!h) return;
  expect(h.api.violations).toEqual([]);
  await h.close();
  h = undefined;
});

const open = (h: Harness) => openEvalPull(h, R, SHA, BASE);

/** Resolves when a test scanner has started inside a scan's thread. */
function scannerStarted(): Promise<void> {
  const channel = new BroadcastChannel(SCANNER_CHANNEL);
  return new Promise((resolve) => {
    channel.onmessage = () => {
      channel.close();
      resolve();
    };
  });
}

/** OS threads of this process (Linux); undefined elsewhere. */
const threads = () => (existsSync('/proc/self/task') ? readdirSync('/proc/self/task').length : undefined);

const completed = (h: Harness) => {
  const runs = h.api.repo(FULL).checkRuns;
  return runs.length === appScannerIds().length && runs.every((r) => r.status === 'completed');
};

describe('the App scans off the thread that answers webhooks', () => {
  // Two retries: on a machine loaded far past its cores (load 18 on 2 was seen), the OS alone has held
  // this process for over a second once in ~100 answers. A scan on the App's thread fails every
  // try: /healthz would not answer at all while the scanner spins.
  it(
    'a scan stuck in a loop: /healthz answers within 1 s, the timeout terminates it and fails its check runs',
    { timeout: 90_000, retry: 2 },
    async () => {
      const h = await harness('busy', TIMEOUT_MS);
      const spinning = scannerStarted();
      expect((await open(h)).status).toBeLessThan(300);
      // The loop must start before the timeout, or this test would not be measuring anything.
      const first = await Promise.race([
        spinning.then(() => 'spinning'),
        waitFor('the check runs', () => completed(h), 60_000).then(() => 'completed'),
      ]);
      expect(first).toBe('spinning');
      const during = threads();
      const answers: number[] = [];
      while (!completed(h)) {
        const started = performance.now();
        const res = await fetch(`${h.app.url}/healthz`, { signal: AbortSignal.timeout(5000) });
        await res.text();
        answers.push(performance.now() - started);
        expect(res.status).toBe(200);
        await new Promise((r) => setTimeout(r, 100));
      }
      // Measured over the seconds the scan's thread spun on a core.
      expect(answers.length).toBeGreaterThanOrEqual(5);
      expect(
        Math.max(...answers),
        `/healthz answered in ${answers.map(Math.round).join(', ')} ms`,
      ).toBeLessThan(1000);
      for (const run of h.api.repo(FULL).checkRuns) {
        expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
        expect(run.output.summary).toContain(`took longer than ${TIMEOUT_MS / 1000} s and was stopped`);
      }
      await waitFor('the queue to drain', () => idle(h.app));
      expect(liveScanWorkers()).toBe(0);
      // The App's one scan thread (started with it) was terminated, and none replaces it until needed.
      if (during !== undefined) await waitFor('the scan thread to be gone', () => threads() === during - 1);
      const metrics = await (await fetch(`${h.app.url}/metrics`)).text();
      expect(metrics).toMatch(/vigil_scan_duration_seconds_count\{outcome="error"\} 1/);
    },
  );

  it('a scan thread that throws fails the check runs with the reason, and the App goes on serving', async () => {
    const h = await harness('crash');
    await open(h);
    await waitFor('every run completed', () => completed(h));
    for (const run of h.api.repo(FULL).checkRuns) {
      expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
      expect(run.output.title).toBe('vigil could not complete the scan');
      expect(run.output.summary).toContain('the scan crashed: boom: the parser state is corrupt');
    }
    expect(h.logs.find((l) => l.msg === 'scan failed')?.err).toMatchObject({ name: 'ScanWorkerError' });
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);
    await waitFor('the queue to drain', () => idle(h.app));
    expect(liveScanWorkers()).toBe(0);
  }, 60_000);

  it('stopping the App terminates a running scan thread and cancels its check runs', async () => {
    const app = await harness('busy');
    const spinning = scannerStarted();
    await open(app);
    await spinning;
    const stopping = performance.now();
    await app.app.stop();
    expect(performance.now() - stopping).toBeLessThan(10_000);
    expect(liveScanWorkers()).toBe(0);
    for (const run of app.api.repo(FULL).checkRuns) {
      expect(run).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
      expect(run.output.summary).toContain('the vigil App was shutting down');
    }
    await app.api.close();
    h = undefined;
  }, 60_000);
});
