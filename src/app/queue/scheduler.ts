import { jobId, jobKey, JobNotStarted, lockKey, type Job } from '../jobs.ts';
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
}

export type EnqueueResult = 'queued' | 'duplicate-delivery' | 'already-scanned';

const DAY = 24 * 3600;
const WEEK = 7 * DAY;

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

  /** True the first time a delivery id is seen (across processes when the store is Redis). */
  firstDelivery(delivery: string): Promise<boolean> {
    return this.queue.store.claim(`delivery:${delivery}`, DAY);
  }

  /**
   * Queue a job. If queueing fails (the store is unreachable), the delivery and SHA claims are
   * dropped again, so GitHub's redelivery of the failed webhook is accepted.
   */
  async enqueue(job: Job): Promise<EnqueueResult> {
    const { store } = this.queue;
    const id = jobId(job);
    const claimsSha = job.type === 'scan' && !job.rerun;
    if (claimsSha && !(await store.claim(`sha:${id}`, WEEK))) return 'already-scanned';
    try {
      const key = jobKey(job);
      const previous = await store.get(`latest:${key}`);
      await store.set(`latest:${key}`, id, WEEK);
      await this.queue.add(id, job);
      if (previous && previous !== id) await this.queue.remove(previous);
      return 'queued';
    } catch (error) {
      await this.unclaim(job, id);
      throw error;
    }
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
    const { store } = this.queue;
    const { slotTtlMs, retryMs, perInstallation } = this.options;
    this.queue.process(async (job, id) => {
      const key = `key:${lockKey(job)}`;
      const installation = `installation:${job.installationId}`;
      if (!(await store.acquire(key, id, 1, slotTtlMs))) return { retryInMs: retryMs };
      try {
        // Checked under the key's lock: a newer push may have arrived while this one waited.
        if ((await store.get(`latest:${jobKey(job)}`)) !== id) {
          hooks.superseded?.(job, id);
          return { done: true };
        }
        if (!(await store.acquire(installation, id, perInstallation, slotTtlMs)))
          return { retryInMs: retryMs };
        const watch = this.watchSuperseded(job, id);
        try {
          await run(job, id, watch.signal);
        } catch (error) {
          // A commit counts as scanned only once its check runs exist.
          if (error instanceof JobNotStarted) await this.unclaim(job, id);
          hooks.failed?.(job, error);
        } finally {
          watch.stop();
          await store.release(installation, id);
        }
        return { done: true };
      } finally {
        await store.release(key, id);
      }
    }, this.options.concurrency);
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
