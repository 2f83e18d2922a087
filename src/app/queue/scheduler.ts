import { jobId, jobKey, JobNotStarted, lockKey, type Job } from '../jobs.ts';
import { withDeadline } from './deadline.ts';
import type { Queue } from './types.ts';

export interface SchedulerOptions {
  /** Scans one process runs at once. */
  concurrency: number;
  /** Scans one installation (organisation) runs at once across all processes. */
  perInstallation: number;
  /** Longest a scan may hold its slots; matches the scan timeout so a dead process frees them. */
  slotTtlMs: number;
  /** How soon a job that found its slots taken is tried again. */
  retryMs: number;
  /** How often a running job checks whether a newer push superseded it (default 1 s). */
  supersedeCheckMs?: number;
  /**
   * Longest `firstDelivery` and `enqueue` may each take before they fail with QueueUnavailable
   * (default 1 s), so a webhook is answered 503 long before GitHub's 10 s timeout.
   */
  deadlineMs?: number;
}

export type EnqueueResult = 'queued' | 'duplicate-delivery' | 'already-scanned';

/** Whether a job taken from the queue may run now. */
type Admission = 'run' | 'busy' | 'superseded';

const DAY = 24 * 3600;
const WEEK = 7 * DAY;
/**
 * Claims live this long until their job is queued, then for a day (delivery) or a week (SHA): a
 * process that dies, or loses Redis, between claim and queue cannot leave a claim that would
 * refuse GitHub's redelivery for longer than this.
 */
const PENDING = 60;

/**
 * The queue's rules, the same over the in-process and the Redis transport:
 * - a delivery id is accepted once (GitHub redelivers with the same X-GitHub-Delivery);
 * - a head SHA of a PR is scanned once, unless someone pressed re-run;
 * - a newer job with the same key (a push to the same PR) supersedes a pending older one;
 * - jobs about one PR (pushes and re-runs) run one at a time, and an installation runs at most
 *   `perInstallation`.
 */
export class Scheduler {
  readonly queue: Queue;
  private readonly options: SchedulerOptions;

  constructor(queue: Queue, options: SchedulerOptions) {
    this.queue = queue;
    this.options = options;
  }

  /**
   * True the first time a delivery id is seen (across processes when the store is Redis). The
   * claim is short until `enqueue` confirms it. Rejects with QueueUnavailable within the deadline.
   */
  async firstDelivery(delivery: string): Promise<boolean> {
    const key = `delivery:${delivery}`;
    try {
      return await withDeadline(this.queue.store.claim(key, PENDING), this.deadline, 'claiming the delivery');
    } catch (error) {
      // A hung Redis may still run the claim later; the drop, sent after it, runs after it.
      await withDeadline(this.queue.store.forget(key), 250, 'dropping the claim').catch(() => undefined);
      throw error;
    }
  }

  /**
   * Queue a job, durably once this resolves. If queueing fails or takes longer than the deadline
   * (the store is unreachable) it rejects with QueueUnavailable (HTTP 503), and the delivery and
   * SHA claims are dropped again, so GitHub's redelivery of the failed webhook is accepted.
   */
  async enqueue(job: Job): Promise<EnqueueResult> {
    const id = jobId(job);
    try {
      return await withDeadline(this.queueUp(job, id), this.deadline, 'queueing the job');
    } catch (error) {
      // Waited for only briefly: with Redis away the claims expire on their own (PENDING).
      await withDeadline(this.unclaim(job, id), 250, 'dropping the claims').catch(() => undefined);
      throw error;
    }
  }

  private get deadline(): number {
    return this.options.deadlineMs ?? 1000;
  }

  private async queueUp(job: Job, id: string): Promise<EnqueueResult> {
    const { store } = this.queue;
    const claimsSha = job.type === 'scan' && !job.rerun;
    let result: EnqueueResult = 'already-scanned';
    if (!claimsSha || (await store.claim(`sha:${id}`, PENDING))) {
      const key = jobKey(job);
      const previous = await store.get(`latest:${key}`);
      await store.set(`latest:${key}`, id, WEEK);
      await this.queue.add(id, job);
      if (previous && previous !== id) await this.queue.remove(previous);
      if (claimsSha) await store.set(`sha:${id}`, '1', WEEK);
      result = 'queued';
    }
    await store.set(`delivery:${job.delivery}`, '1', DAY);
    return result;
  }

  /** Drop the delivery and SHA claims of a job, so GitHub's redelivery or a re-open is accepted. */
  private async unclaim(job: Job, id: string): Promise<void> {
    const { store } = this.queue;
    await store.forget(`delivery:${job.delivery}`).catch(() => undefined);
    if (job.type === 'scan' && !job.rerun) await store.forget(`sha:${id}`).catch(() => undefined);
  }

  /**
   * Work jobs in this process. `run` does the scan; it must report its own failures (the scan job
   * fails its check runs). Returns when workers are started.
   */
  process(
    run: (job: Job, id: string, superseded: AbortSignal) => Promise<void>,
    hooks: { superseded?: (job: Job, id: string) => void; failed?: (job: Job, error: unknown) => void } = {},
  ): void {
    const { retryMs } = this.options;
    this.queue.process(async (job, id) => {
      const key = `key:${lockKey(job)}`;
      const installation = `installation:${job.installationId}`;
      let admitted: Admission;
      try {
        admitted = await this.admit(job, id, key, installation);
      } catch {
        // The store is unreachable before the scan started: not the job's failure, try it later.
        return { retryInMs: Math.max(retryMs, 1000) };
      }
      if (admitted === 'busy') return { retryInMs: retryMs };
      if (admitted === 'superseded') {
        hooks.superseded?.(job, id);
        return { done: true };
      }
      const watch = this.watchSuperseded(job, id);
      try {
        await run(job, id, watch.signal);
      } catch (error) {
        // A commit counts as scanned only once its check runs exist.
        if (error instanceof JobNotStarted) await this.unclaim(job, id);
        hooks.failed?.(job, error);
      } finally {
        watch.stop();
        await this.release(installation, id);
        await this.release(key, id);
      }
      return { done: true };
    }, this.options.concurrency);
  }

  /** Take the job's key lock, then its installation's slot; hold neither unless it may run. */
  private async admit(job: Job, id: string, key: string, installation: string): Promise<Admission> {
    const { store } = this.queue;
    const { slotTtlMs, perInstallation } = this.options;
    if (!(await store.acquire(key, id, 1, slotTtlMs))) return 'busy';
    let admitted: Admission = 'busy';
    try {
      // Checked under the key's lock: a newer push may have arrived while this one waited.
      if ((await store.get(`latest:${jobKey(job)}`)) !== id) admitted = 'superseded';
      else if (await store.acquire(installation, id, perInstallation, slotTtlMs)) admitted = 'run';
    } finally {
      if (admitted !== 'run') await this.release(key, id);
    }
    return admitted;
  }

  /** A slot whose release fails (the store is unreachable) frees itself when its TTL ends. */
  private release(name: string, holder: string): Promise<void> {
    return this.queue.store.release(name, holder).catch(() => undefined);
  }

  /**
   * A signal that aborts once a newer job took this one's key (a push to the same PR, seen by any
   * process through the store); its reason is the newer job's id.
   */
  private watchSuperseded(job: Job, id: string): { signal: AbortSignal; stop(): void } {
    const controller = new AbortController();
    const key = `latest:${jobKey(job)}`;
    const timer = setInterval(() => {
      this.queue.store.get(key).then(
        (latest) => {
          if (latest && latest !== id) controller.abort(latest);
        },
        () => undefined, // the store is unreachable: keep scanning, check again later
      );
    }, this.options.supersedeCheckMs ?? 1000);
    timer.unref();
    return { signal: controller.signal, stop: () => clearInterval(timer) };
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
