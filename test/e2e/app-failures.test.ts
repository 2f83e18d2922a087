import { afterEach, describe, expect, it } from 'vitest';
import { appScannerIds } from '../../src/app/scan.ts';
import { idle, openEvalPull, serveEvalPull, startHarness, type Harness } from '../app/support/app.ts';
import { waitFor, type Repository } from '../app/support/fixtures.ts';

/**
 * The App when GitHub fails it: check-run updates answering 500 past their retries, installation
 * tokens that cannot be minted. Whatever happens, every check run ends completed and a commit
 * whose check runs never existed is not marked scanned. One harness per test: some stop the App.
 */

const R: Repository = { owner: 'acme', name: 'flaky', installationId: 91 };
const FULL = 'acme/flaky';
const SHA = 'a'.repeat(40);
const BASE = 'b'.repeat(40);
/** plugin-retry's three retries: four answers per update. */
const ATTEMPTS = 4;

let h: Harness | undefined;
let stopped = false;

async function harness(): Promise<Harness> {
  h = await startHarness({ retryBaseMs: 1 });
  stopped = false;
  await serveEvalPull(h, R, SHA, BASE);
  return h;
}

afterEach(async () => {
  if (!h) return;
  expect(h.api.violations).toEqual([]);
  if (stopped) await h.api.close();
  else await h.close();
  h = undefined;
});

const open = (h: Harness, delivery?: string) => openEvalPull(h, R, SHA, BASE, delivery);
const logged = (h: Harness, msg: string) => h.logs.filter((l) => l.msg === msg);

describe('a check run is never left hanging', () => {
  it('a full update refused with 500 past its retries falls back to a minimal update that completes the run', async () => {
    const h = await harness();
    h.api.injectFailure('checks/update', 500, ATTEMPTS);
    await open(h);
    const runs = h.api.repo(FULL).checkRuns;
    await waitFor(
      'every run completed',
      () => runs.length === appScannerIds().length && runs.every((r) => r.status === 'completed'),
    );
    const shortened = runs.filter((r) => r.output.summary?.includes('this is a shortened one'));
    expect(shortened).toHaveLength(1);
    expect(shortened[0]!.conclusion).toMatch(/^(failure|success|neutral|skipped)$/);
    expect(h.api.rejections.filter((r) => r.status === 500)).toHaveLength(ATTEMPTS);
  });

  it('updates refused every time: publish reports the runs it could not complete and the App completes them at shutdown', async () => {
    const h = await harness();
    const runsPerScan = appScannerIds().length;
    // Every update during the scan fails: full and minimal, each with its retries.
    h.api.injectFailure('checks/update', 500, runsPerScan * 2 * ATTEMPTS);
    await open(h);
    await waitFor('the runs given up on', () => logged(h, 'check run left open').length === runsPerScan);
    await waitFor('the queue to drain', () => idle(h.app));
    const runs = h.api.repo(FULL).checkRuns;
    expect(runs.map((r) => r.status)).toEqual(Array(runsPerScan).fill('in_progress'));
    // The scan itself found the eval: the conclusion kept for later is the scan's, not a guess.
    await h.app.stop();
    stopped = true;
    expect(runs.map((r) => r.status)).toEqual(Array(runsPerScan).fill('completed'));
    const sast = runs.find((r) => r.name === 'vigil / sast')!;
    expect(sast.conclusion).toBe('failure');
    expect(sast.output.title).toMatch(/^1 new, 0 existing/);
    expect(logged(h, 'check run completed at shutdown')).toHaveLength(runsPerScan);
    expect(h.api.liveInstallationTokens(FULL)).toBe(0);
  });
});

describe('a commit counts as scanned only once its check runs exist', () => {
  it('when minting the installation token fails, a redelivery of the same webhook scans it', async () => {
    const h = await harness();
    h.api.injectFailure('apps/create-installation-access-token', 403, 1);
    const delivery = 'delivery-token-fails';
    expect((await open(h, delivery)).status).toBeLessThan(300);
    await waitFor('the job to fail', () => logged(h, 'job failed').length === 1);
    await waitFor('the queue to drain', () => idle(h.app));
    expect(h.api.repo(FULL).checkRuns).toHaveLength(0);
    expect(logged(h, 'job failed')[0]!.err).toMatchObject({
      message: expect.stringMatching(/^no installation token/),
    });
    // GitHub's redelivery carries the same X-GitHub-Delivery: accepted, and the commit is scanned.
    expect((await open(h, delivery)).status).toBeLessThan(300);
    const runs = h.api.repo(FULL).checkRuns;
    await waitFor(
      'the scan',
      () => runs.length === appScannerIds().length && runs.every((r) => r.status === 'completed'),
    );
    // Scanned now: a re-open is a duplicate.
    await open(h);
    await waitFor('the queue to drain', () => idle(h.app));
    expect(runs).toHaveLength(appScannerIds().length);
  });
});
