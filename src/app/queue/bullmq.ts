import { DelayedError, Queue as BullQueue, Worker, type Job as BullJob } from 'bullmq';
import { Redis } from 'ioredis';
import type { Job } from '../jobs.ts';
import type { Processor, Queue, QueueDepth, Store } from './types.ts';

const PREFIX = 'vigil:';

/** Store on Redis: SET NX EX for claims, a sorted set of holders by expiry for slots. */
export class RedisStore implements Store {
  private readonly redis: Redis;
  constructor(redis: Redis) {
    this.redis = redis;
  }

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.set(PREFIX + key, '1', 'EX', ttlSeconds, 'NX')) === 'OK';
  }

  async forget(key: string): Promise<void> {
    await this.redis.del(PREFIX + key);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(PREFIX + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(PREFIX + key, value, 'EX', ttlSeconds);
  }

  async acquire(name: string, holder: string, limit: number, ttlMs: number): Promise<boolean> {
    // One script, so two processes cannot both see a free slot and both take it.
    const taken = await this.redis.eval(
      `local now = tonumber(ARGV[1])
       redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
       if redis.call('ZSCORE', KEYS[1], ARGV[2]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
         redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[2])
         redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
         return 1
       end
       return 0`,
      1,
      `${PREFIX}slots:${name}`,
      Date.now(),
      holder,
      limit,
      ttlMs,
    );
    return taken === 1;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.redis.zrem(`${PREFIX}slots:${name}`, holder);
  }
}

/**
 * BullMQ on Redis: any number of processes add jobs and any number work them. A job id is its
 * piece of work (jobs.ts), so adding one twice is a no-op in BullMQ itself; a job whose process
 * dies is picked up again after BullMQ's stall check, and its check run reused (still in progress).
 */
export class BullMqQueue implements Queue {
  readonly store: Store;
  private readonly redis: Redis;
  private readonly queue: BullQueue;
  private worker?: Worker;
  private readonly onError?: (error: Error) => void;

  /** `onError` hears BullMQ's own trouble (lost connections, which it retries). */
  constructor(redisUrl: string, onError?: (error: Error) => void, name = 'vigil-scans') {
    this.onError = onError;
    // BullMQ needs maxRetriesPerRequest null so its blocking commands wait instead of failing.
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.store = new RedisStore(this.redis);
    this.queue = new BullQueue(name, {
      connection: this.redis,
      prefix: 'vigil-bull',
      defaultJobOptions: {
        removeOnComplete: { age: 3600, count: 10_000 },
        removeOnFail: { age: 24 * 3600 },
        attempts: 1,
      },
    });
  }

  async add(id: string, job: Job): Promise<void> {
    await this.queue.add(job.type, job, { jobId: id });
  }

  async remove(id: string): Promise<void> {
    // Removing a job that is running (locked) fails; it then finishes, which is fine.
    await this.queue.remove(id).catch(() => 0);
  }

  process(processor: Processor, concurrency: number): void {
    this.worker = new Worker(
      this.queue.name,
      async (job: BullJob, token?: string) => {
        const outcome = await processor(job.data as Job, job.id ?? '');
        if ('retryInMs' in outcome) {
          await job.moveToDelayed(Date.now() + outcome.retryInMs, token);
          throw new DelayedError();
        }
      },
      { connection: this.redis, prefix: 'vigil-bull', concurrency: Math.max(1, concurrency) },
    );
    // Scan failures are reported by the processor; this is BullMQ's own (connection) trouble.
    this.worker.on('error', (error) => this.onError?.(error));
  }

  async depth(): Promise<QueueDepth> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
    };
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    this.redis.disconnect();
  }
}
