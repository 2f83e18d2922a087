import { DelayedError, Queue as BullQueue, Worker, type Job as BullJob } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { Job } from '../jobs.ts';
import { withDeadline } from './deadline.ts';
import type { Processor, Queue, QueueDepth, Store } from './types.ts';

const PREFIX = 'vigil:';

/** Longest one Redis command of the store, the health check or an enqueue may take. */
export const COMMAND_TIMEOUT_MS = 1000;

/**
 * The connection for everything that answers someone (webhooks, /healthz, /metrics) and for the
 * store: while Redis is away a command fails at once (no offline queue) or after
 * COMMAND_TIMEOUT_MS (Redis hung), instead of waiting in memory for a reconnection that may never
 * come. It reconnects on its own, at most 1 s apart.
 */
const COMMANDS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  commandTimeout: COMMAND_TIMEOUT_MS,
  connectTimeout: 2000,
  retryStrategy: (times) => Math.min(times * 100, 1000),
};

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
  private readonly redisUrl: string;
  private readonly redis: Redis;
  private readonly queue: BullQueue;
  private worker?: Worker;
  private workerRedis?: Redis;
  private readonly onError: (error: Error) => void;

  /** `onError` hears connection trouble (lost connections, which are retried). */
  constructor(redisUrl: string, onError: (error: Error) => void = () => undefined, name = 'vigil-scans') {
    this.redisUrl = redisUrl;
    this.onError = onError;
    this.redis = new Redis(redisUrl, COMMANDS);
    this.redis.on('error', onError);
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
    this.queue.on('error', onError);
  }

  // BullMQ waits for the connection's first `ready` before any command, which no command timeout
  // bounds: hence the deadlines here.
  async add(id: string, job: Job): Promise<void> {
    await withDeadline(this.queue.add(job.type, job, { jobId: id }), COMMAND_TIMEOUT_MS, 'adding a job');
  }

  async remove(id: string): Promise<void> {
    // Removing a job that is running (locked) fails; it then finishes, which is fine.
    await withDeadline(this.queue.remove(id), COMMAND_TIMEOUT_MS, 'removing a job').catch(() => 0);
  }

  /**
   * True once the command connection is up, false if it is not within `ms` (it keeps trying): the
   * App starts either way and reports 503 until Redis answers.
   */
  async connected(ms: number): Promise<boolean> {
    if (this.redis.status === 'ready') return true;
    let onReady = (): void => undefined;
    let timer: NodeJS.Timeout | undefined;
    const ready = await new Promise<boolean>((resolve) => {
      onReady = () => resolve(true);
      this.redis.once('ready', onReady);
      timer = setTimeout(() => resolve(false), ms);
    });
    clearTimeout(timer);
    this.redis.off('ready', onReady);
    return ready;
  }

  async ping(): Promise<void> {
    await withDeadline(this.redis.ping(), COMMAND_TIMEOUT_MS, 'PING');
  }

  process(processor: Processor, concurrency: number): void {
    // The worker's own connection: its blocking wait for jobs must outlast an outage
    // (maxRetriesPerRequest null, as BullMQ requires), which the commands above must not.
    this.workerRedis = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
    this.workerRedis.on('error', this.onError);
    this.worker = new Worker(
      this.queue.name,
      async (job: BullJob, token?: string) => {
        const outcome = await processor(job.data as Job, job.id ?? '');
        if ('retryInMs' in outcome) {
          await job.moveToDelayed(Date.now() + outcome.retryInMs, token);
          throw new DelayedError();
        }
      },
      { connection: this.workerRedis, prefix: 'vigil-bull', concurrency: Math.max(1, concurrency) },
    );
    // Scan failures are reported by the processor; this is BullMQ's own (connection) trouble.
    this.worker.on('error', this.onError);
  }

  async depth(): Promise<QueueDepth> {
    const counts = await withDeadline(
      this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
      COMMAND_TIMEOUT_MS,
      'counting jobs',
    );
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
    };
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    this.workerRedis?.disconnect();
    this.redis.disconnect();
  }
}
