import type { Job } from '../jobs.ts';
import type { Processor, Queue, QueueDepth, Store } from './types.ts';

/** Store for one process: a map of values with expiry times. */
export class MemoryStore implements Store {
  private readonly values = new Map<string, { value: string; until: number }>();
  private readonly slots = new Map<string, Map<string, number>>();
  private swept = 0;

  private live(key: string): string | undefined {
    const entry = this.values.get(key);
    if (entry && entry.until <= Date.now()) this.values.delete(key);
    return entry && entry.until > Date.now() ? entry.value : undefined;
  }

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    if (this.live(key) !== undefined) return false;
    this.values.set(key, { value: '1', until: Date.now() + ttlSeconds * 1000 });
    this.sweep();
    return true;
  }

  async forget(key: string): Promise<void> {
    this.values.delete(key);
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.values.set(key, { value, until: Date.now() + ttlSeconds * 1000 });
    this.sweep();
  }

  async acquire(name: string, holder: string, limit: number, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const held = this.slots.get(name) ?? new Map<string, number>();
    for (const [h, until] of held) if (until <= now) held.delete(h);
    if (!held.has(holder) && held.size >= limit) return false;
    held.set(holder, now + ttlMs);
    this.slots.set(name, held);
    return true;
  }

  async release(name: string, holder: string): Promise<void> {
    const held = this.slots.get(name);
    held?.delete(holder);
    if (held?.size === 0) this.slots.delete(name);
  }

  /**
   * Expired keys are dropped at most once a minute on a write, so a long-running App does not grow
   * and a report past its retention leaves memory, not only the answers.
   */
  private sweep(): void {
    const now = Date.now();
    if (now - this.swept < 60_000) return;
    this.swept = now;
    for (const [key, entry] of this.values) if (entry.until <= now) this.values.delete(key);
  }
}

/** The in-process queue: FIFO, `concurrency` workers, delayed retries with timers. */
export class MemoryQueue implements Queue {
  readonly store = new MemoryStore();
  private readonly pending = new Map<string, Job>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private delayed = 0;
  private active = 0;
  private processor?: Processor;
  private concurrency = 0;
  private closing = false;
  private readonly idleWaiters: Array<() => void> = [];

  async add(id: string, job: Job): Promise<void> {
    if (this.closing || this.pending.has(id)) return;
    this.pending.set(id, job);
    this.pump();
  }

  async remove(id: string): Promise<void> {
    this.pending.delete(id);
  }

  process(processor: Processor, concurrency: number): void {
    this.processor = processor;
    this.concurrency = Math.max(1, concurrency);
    this.pump();
  }

  async depth(): Promise<QueueDepth> {
    return { waiting: this.pending.size, active: this.active, delayed: this.delayed };
  }

  /** Always reachable: it lives in this process. */
  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.closing = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.pending.clear();
    if (this.active > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.processor && !this.closing && this.active < this.concurrency && this.pending.size > 0) {
      const [id, job] = this.pending.entries().next().value as [string, Job];
      this.pending.delete(id);
      this.active++;
      void this.run(id, job);
    }
  }

  private async run(id: string, job: Job): Promise<void> {
    try {
      const outcome = await this.processor!(job, id);
      if ('retryInMs' in outcome && !this.closing) {
        this.delayed++;
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.delayed--;
          void this.add(id, job);
        }, outcome.retryInMs);
        this.timers.add(timer);
      }
    } catch {
      // The scheduler's processor reports its own failures; a throw here must not kill the process.
    } finally {
      this.active--;
      if (this.active === 0) for (const wake of this.idleWaiters.splice(0)) wake();
      this.pump();
    }
  }
}
