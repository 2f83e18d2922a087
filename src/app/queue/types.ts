import type { Job } from '../jobs.ts';

/**
 * Shared state the scheduling rules need, kept where every App process sees it: in memory for one
 * process, in Redis for many. Keys expire so nothing grows without bound.
 */
export interface Store {
  /** Set `key` if absent; true when this caller set it (first delivery, first scan of a SHA). */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /** Drop a claim (a delivery that could not be queued must be accepted when redelivered). */
  forget(key: string): Promise<void>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /**
   * Take one of `limit` slots of `name` for `holder` (a lock when limit is 1). A slot frees on
   * release or after `ttlMs`, so a crashed process cannot hold it forever.
   */
  acquire(name: string, holder: string, limit: number, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}

/** What the worker function says about a job it was given. */
export type JobOutcome = { done: true } | { retryInMs: number };

export type Processor = (job: Job, id: string) => Promise<JobOutcome>;

export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
}

/**
 * The transport between webhook receivers and scan workers. It only moves jobs; the rules (dedup,
 * supersede, concurrency) live in scheduler.ts on top of `store`, the same for both transports.
 */
export interface Queue {
  readonly store: Store;
  /**
   * Add a job under `id`, durably once this resolves; adding an id that is still pending is a
   * no-op. Rejects within about a second when the job could not be stored.
   */
  add(id: string, job: Job): Promise<void>;
  /** Drop a pending job (a newer push superseded it); a running one is left alone. */
  remove(id: string): Promise<void>;
  /** Start `concurrency` workers in this process. */
  process(processor: Processor, concurrency: number): void;
  /** Counts by state; rejects (QueueUnavailable) instead of waiting when the queue is unreachable. */
  depth(): Promise<QueueDepth>;
  /** Resolves when the queue answers now; rejects within about a second when it does not. */
  ping(): Promise<void>;
  /** Stop taking jobs, wait for running ones, release connections. */
  close(): Promise<void>;
}
