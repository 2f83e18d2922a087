import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { withDeadline } from './queue/deadline.ts';
import type { QueueDepth } from './queue/types.ts';

/** A scrape waits no longer than this for the queue's counts (Redis may be away). */
const DEPTH_DEADLINE_MS = 700;

interface Hookable {
  hook: {
    after(
      name: 'request',
      fn: (
        response: { status: number; headers: Record<string, unknown> },
        options: { method: string },
      ) => void,
    ): void;
    error(name: 'request', fn: (error: unknown, options: { method: string }) => unknown): void;
  };
}

/**
 * Prometheus metrics for one App process, in their own registry (tests run several Apps in one
 * process): webhooks by outcome, queue depth, scan duration, GitHub API calls and the rate limit
 * left as GitHub last reported it.
 */
export class AppMetrics {
  readonly registry = new Registry();
  readonly webhooks: Counter<'event' | 'outcome'>;
  readonly scanDuration: Histogram<'outcome'>;
  readonly apiCalls: Counter<'method' | 'status'>;
  readonly rateLimitRemaining: Gauge<'resource'>;
  private readonly depth: () => Promise<QueueDepth>;
  private depthRead?: Promise<QueueDepth | undefined>;

  constructor(depth: () => Promise<QueueDepth>) {
    this.depth = depth;
    const read = () => this.readDepth();
    collectDefaultMetrics({ register: this.registry });
    this.webhooks = new Counter({
      name: 'vigil_webhooks_total',
      help: 'Webhook deliveries by event and what was done with them',
      labelNames: ['event', 'outcome'],
      registers: [this.registry],
    });
    this.scanDuration = new Histogram({
      name: 'vigil_scan_duration_seconds',
      help: 'Scan jobs from start to report, by outcome',
      labelNames: ['outcome'],
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600],
      registers: [this.registry],
    });
    this.apiCalls = new Counter({
      name: 'vigil_github_api_calls_total',
      help: 'GitHub API requests by method and response status',
      labelNames: ['method', 'status'],
      registers: [this.registry],
    });
    this.rateLimitRemaining = new Gauge({
      name: 'vigil_github_rate_limit_remaining',
      help: 'x-ratelimit-remaining of the last GitHub response, by resource',
      labelNames: ['resource'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'vigil_queue_depth',
      help: 'Scan jobs in the queue by state (shared by all processes on Redis); absent while the queue is unreachable',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const d = await read();
        // A count that could not be read is left out rather than shown stale.
        if (!d) return this.reset();
        for (const state of ['waiting', 'active', 'delayed'] as const) this.set({ state }, d[state]);
      },
    });
    new Gauge({
      name: 'vigil_queue_up',
      help: `1 when the queue (Redis) answered this scrape within ${DEPTH_DEADLINE_MS} ms, else 0`,
      registers: [this.registry],
      async collect() {
        this.set((await read()) ? 1 : 0);
      },
    });
  }

  /** One bounded read of the queue's counts per scrape, shared by the gauges that report it. */
  private readDepth(): Promise<QueueDepth | undefined> {
    this.depthRead ??= withDeadline(this.depth(), DEPTH_DEADLINE_MS, 'counting jobs')
      .catch(() => undefined)
      .finally(() => (this.depthRead = undefined));
    return this.depthRead;
  }

  /** Count an Octokit's requests and read the rate limit from its responses. */
  instrument<T extends Hookable>(octokit: T): T {
    octokit.hook.after('request', (response, options) => {
      this.apiCalls.inc({ method: options.method, status: String(response.status) });
      const remaining = Number(response.headers['x-ratelimit-remaining']);
      if (Number.isFinite(remaining))
        this.rateLimitRemaining.set(
          { resource: String(response.headers['x-ratelimit-resource'] ?? 'core') },
          remaining,
        );
    });
    octokit.hook.error('request', (error, options) => {
      const status = (error as { status?: number }).status;
      this.apiCalls.inc({ method: options.method, status: status ? String(status) : 'error' });
      throw error;
    });
    return octokit;
  }
}
