import { afterEach, describe, expect, it } from 'vitest';
import type { ScanJob } from '../../src/app/jobs.ts';
import { MemoryQueue, MemoryStore } from '../../src/app/queue/memory.ts';
import { Scheduler } from '../../src/app/queue/scheduler.ts';
import { waitFor } from './support/fixtures.ts';

const job = (
  o: Partial<ScanJob> & { sha: string; pr?: number; repo?: string; installation?: number },
): ScanJob => ({
  type: 'scan',
  installationId: o.installation ?? 1,
  owner: 'acme',
  repo: o.repo ?? 'web',
  delivery: o.delivery ?? `d-${o.sha}`,
  headSha: o.sha,
  ...(o.pr ? { pull: { number: o.pr, baseSha: 'base' } } : {}),
  trigger: 'test',
  ...(o.rerun ? { rerun: true } : {}),
});

let scheduler: Scheduler | undefined;
afterEach(async () => scheduler?.close());

function start(perInstallation = 2, concurrency = 4) {
  scheduler = new Scheduler(new MemoryQueue(), {
    concurrency,
    perInstallation,
    slotTtlMs: 60_000,
    retryMs: 5,
  });
  return scheduler;
}

describe('Scheduler (in-process queue)', () => {
  it('accepts a delivery id once', async () => {
    const s = start();
    expect(await s.firstDelivery('x')).toBe(true);
    expect(await s.firstDelivery('x')).toBe(false);
  });

  it('scans a PR head SHA once unless re-run is pressed', async () => {
    const s = start();
    const ran: string[] = [];
    s.process(async (j) => void ran.push((j as ScanJob).headSha));
    expect(await s.enqueue(job({ sha: 'a1', pr: 1 }))).toBe('queued');
    expect(await s.enqueue(job({ sha: 'a1', pr: 1, delivery: 'other' }))).toBe('already-scanned');
    expect(await s.enqueue(job({ sha: 'a1', pr: 1, rerun: true, delivery: 'rerun-1' }))).toBe('queued');
    await waitFor('both runs', () => ran.length === 2);
    expect(ran).toEqual(['a1', 'a1']);
  });

  it('a newer push to the same PR aborts the scan in flight, naming the newer job; other PRs run on', async () => {
    scheduler = new Scheduler(new MemoryQueue(), {
      concurrency: 4,
      perInstallation: 4,
      slotTtlMs: 60_000,
      retryMs: 5,
      supersedeCheckMs: 10,
    });
    const s = scheduler;
    const stopped: Record<string, string> = {};
    const ran: string[] = [];
    s.process(async (j, _id, superseded) => {
      const sj = j as ScanJob;
      ran.push(sj.headSha);
      if (sj.headSha !== 'old' && sj.headSha !== 'other') return;
      // A scan that would run until told otherwise.
      await new Promise<void>((resolve) => {
        superseded.addEventListener('abort', () => resolve());
        if (sj.headSha === 'other') setTimeout(resolve, 300);
      });
      if (superseded.aborted) stopped[sj.headSha] = String(superseded.reason);
    });
    await s.enqueue(job({ sha: 'old', pr: 1 }));
    await s.enqueue(job({ sha: 'other', pr: 2 }));
    await waitFor('both running', () => ran.length === 2);
    await s.enqueue(job({ sha: 'new', pr: 1 }));
    await waitFor('the newer push scanned', () => ran.includes('new'));
    expect(stopped).toEqual({ old: 'acme/web#1@new' });
  });

  it('a newer push supersedes a pending scan of the same PR; other PRs are untouched', async () => {
    const s = start(1, 4);
    const ran: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    s.process(async (j) => {
      const sj = j as ScanJob;
      ran.push(`${sj.pull?.number}:${sj.headSha}`);
      if (sj.headSha === 'blocker') await gate;
    });
    // The installation's one slot is busy, so the PR's first push waits in the queue…
    await s.enqueue(job({ sha: 'blocker', pr: 9 }));
    await waitFor('the blocker', () => ran.length === 1);
    await s.enqueue(job({ sha: 'old', pr: 1 }));
    await s.enqueue(job({ sha: 'other', pr: 2 }));
    // …when the next push arrives.
    await s.enqueue(job({ sha: 'new', pr: 1 }));
    release();
    await waitFor('the rest', () => ran.length === 3);
    await new Promise((r) => setTimeout(r, 50));
    expect(ran.sort()).toEqual(['1:new', '2:other', '9:blocker']);
  });

  it('bounds scans per installation, and runs one job per key at a time', async () => {
    const s = start(2, 6);
    let running = 0;
    let most = 0;
    let done = 0;
    s.process(async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
      done++;
    });
    for (let i = 0; i < 6; i++) await s.enqueue(job({ sha: `s${i}`, pr: i + 1 }));
    await s.enqueue(job({ sha: 'x0', pr: 1, installation: 2 }));
    await waitFor('all', () => done === 7);
    expect(most).toBeLessThanOrEqual(3); // two of installation 1, one of installation 2
    expect(most).toBeGreaterThanOrEqual(2);
  });

  it('a job that throws is reported and the queue goes on', async () => {
    const s = start();
    const failed: string[] = [];
    let ok = 0;
    s.process(
      async (j) => {
        if ((j as ScanJob).headSha === 'boom') throw new Error('crash');
        ok++;
      },
      { failed: (j, e) => failed.push(`${(j as ScanJob).headSha}: ${(e as Error).message}`) },
    );
    await s.enqueue(job({ sha: 'boom', pr: 1 }));
    await s.enqueue(job({ sha: 'fine', pr: 2 }));
    await waitFor('both', () => ok === 1 && failed.length === 1);
    expect(failed).toEqual(['boom: crash']);
  });

  it('a job that could not be queued leaves its delivery and SHA unclaimed, so a redelivery is accepted', async () => {
    class Flaky extends MemoryQueue {
      failures = 1;
      override async add(id: string, j: ScanJob): Promise<void> {
        if (this.failures-- > 0) throw new Error('store unreachable');
        return super.add(id, j);
      }
    }
    scheduler = new Scheduler(new Flaky(), {
      concurrency: 1,
      perInstallation: 1,
      slotTtlMs: 1000,
      retryMs: 5,
    });
    const j = job({ sha: 'r1', pr: 1, delivery: 'dl' });
    expect(await scheduler.firstDelivery('dl')).toBe(true);
    await expect(scheduler.enqueue(j)).rejects.toMatchObject({
      name: 'QueueUnavailable',
      status: 503,
      cause: new Error('store unreachable'),
    });
    expect(await scheduler.firstDelivery('dl')).toBe(true);
    expect(await scheduler.enqueue(j)).toBe('queued');
  });

  it('a re-run and a push scan of the same PR never run at once (they post to the same threads)', async () => {
    const s = start(4, 4);
    let running = 0;
    let most = 0;
    let done = 0;
    s.process(async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 30));
      running--;
      done++;
    });
    await s.enqueue(job({ sha: 'p1', pr: 5 }));
    await s.enqueue(job({ sha: 'p1', pr: 5, rerun: true, delivery: 'rr' }));
    await waitFor('both', () => done === 2);
    expect(most).toBe(1);
  });

  it('a store that never answers: firstDelivery and enqueue fail with 503 within their deadline', async () => {
    class Hung extends MemoryStore {
      hung = false;
      override claim(key: string, ttl: number): Promise<boolean> {
        return this.hung ? new Promise(() => undefined) : super.claim(key, ttl);
      }
    }
    class HungQueue extends MemoryQueue {
      override readonly store = new Hung();
    }
    const queue = new HungQueue();
    scheduler = new Scheduler(queue, {
      concurrency: 1,
      perInstallation: 1,
      slotTtlMs: 1000,
      retryMs: 5,
      deadlineMs: 100,
    });
    queue.store.hung = true;
    for (const attempt of [
      () => scheduler!.firstDelivery('frozen'),
      () => scheduler!.enqueue(job({ sha: 'f1', pr: 1, delivery: 'frozen' })),
    ]) {
      const started = performance.now();
      await expect(attempt()).rejects.toMatchObject({ name: 'QueueUnavailable', status: 503 });
      expect(performance.now() - started).toBeLessThan(500);
    }
    // Nothing was queued, and once the store answers the redelivery is taken.
    expect(await queue.depth()).toEqual({ waiting: 0, active: 0, delayed: 0 });
    queue.store.hung = false;
    expect(await scheduler.firstDelivery('frozen')).toBe(true);
    expect(await scheduler.enqueue(job({ sha: 'f1', pr: 1, delivery: 'frozen' }))).toBe('queued');
  });

  it('a worker that cannot reach the store before a scan retries the job later instead of failing it', async () => {
    class Flaky extends MemoryStore {
      failures = 2;
      override async acquire(name: string, holder: string, limit: number, ttl: number): Promise<boolean> {
        if (this.failures-- > 0) throw new Error('Connection is closed');
        return super.acquire(name, holder, limit, ttl);
      }
    }
    class FlakyQueue extends MemoryQueue {
      override readonly store = new Flaky();
    }
    scheduler = new Scheduler(new FlakyQueue(), {
      concurrency: 1,
      perInstallation: 1,
      slotTtlMs: 1000,
      retryMs: 5,
    });
    const ran: string[] = [];
    const failed: unknown[] = [];
    scheduler.process(async (j) => void ran.push((j as ScanJob).headSha), {
      failed: (_j, e) => failed.push(e),
    });
    await scheduler.enqueue(job({ sha: 'late', pr: 1 }));
    await waitFor('the job, once the store answers', () => ran.length === 1, 10_000);
    expect(ran).toEqual(['late']);
    expect(failed).toEqual([]);
  });
});
