import { readFileSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { vigilApp, startWorkers } from './index.ts';
import { AppMetrics } from './metrics.ts';
import { BullMqQueue } from './queue/bullmq.ts';
import { MemoryQueue } from './queue/memory.ts';
import { Scheduler } from './queue/scheduler.ts';
import type { Queue } from './queue/types.ts';
import { withDeadline } from './queue/deadline.ts';
import { DEFAULT_TIMEOUT_MS } from './scan.ts';
import type { ScanWorkerOptions } from './worker/index.ts';
import {
  DEFAULT_REPORT_MAX_BYTES,
  DEFAULT_RETENTION_DAYS,
  serveReport,
  type ReportSettings,
} from './reports.ts';
import { ConfigError, formatIssue } from '../core/config/loader.ts';
import { readOperatorSettings, type OperatorSettings } from '../core/config/operator.ts';

/** Thrown for a missing or bad setting; the message names the variable. */
export class AppConfigError extends Error {}

/** /healthz answers within this, 503 when the queue did not answer in time. */
const HEALTH_DEADLINE_MS = 700;

/** How long the App waits for Redis at start before it starts anyway (reporting 503). */
const REDIS_START_WAIT_MS = 5000;

/** GitHub caps webhook payloads at 25 MB; a larger body is not GitHub. */
const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export type Role = 'web' | 'worker' | 'all';

export interface AppSettings {
  appId: number;
  privateKey: string;
  webhookSecret: string;
  role: Role;
  host: string;
  port: number;
  baseUrl: string;
  redisUrl?: string;
  concurrency: number;
  perInstallation: number;
  timeoutMs: number;
  /** Each scan's worker thread: VIGIL_SCAN_HEAP_MB (tests also swap its scanners). */
  scanWorker?: ScanWorkerOptions;
  writeIntervalMs?: number;
  /** Multiplier of GitHub retry delays in ms (VIGIL_GITHUB_RETRY_BASE_MS; default 1000). */
  retryBaseMs?: number;
  logLevel: string;
  /** Advisory source, database, size limit and cache: the operator's alone, never a repository's file. */
  operator?: OperatorSettings;
  /** Each scan's HTML report at an unguessable URL (VIGIL_PUBLIC_URL); off without. */
  reports?: ReportSettings;
}

const int = (env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new AppConfigError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
};

/** Settings from the environment. The key stays in memory: PRIVATE_KEY_PATH is read, never written. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): AppSettings {
  const appId = int(env, 'APP_ID', 0, 1);
  if (!appId) throw new AppConfigError('APP_ID is not set (the App id from its settings page)');
  let privateKey = env.PRIVATE_KEY;
  if (!privateKey && env.PRIVATE_KEY_PATH) privateKey = readFileSync(env.PRIVATE_KEY_PATH, 'utf8');
  if (!privateKey) throw new AppConfigError('PRIVATE_KEY (or PRIVATE_KEY_PATH) is not set');
  // One-line forms: "\n" escapes (as probot's .env writes them) or base64 of the PEM.
  privateKey = privateKey.includes('\\n') ? privateKey.replace(/\\n/g, '\n') : privateKey;
  if (!privateKey.includes('-----BEGIN')) privateKey = Buffer.from(privateKey, 'base64').toString('utf8');
  if (!privateKey.includes('PRIVATE KEY-----'))
    throw new AppConfigError('PRIVATE_KEY is not a PEM private key');
  const webhookSecret = env.WEBHOOK_SECRET ?? '';
  if (!webhookSecret)
    throw new AppConfigError('WEBHOOK_SECRET is not set: unsigned webhooks are never accepted');
  const role = (env.VIGIL_ROLE ?? 'all') as Role;
  if (!['web', 'worker', 'all'].includes(role))
    throw new AppConfigError(`VIGIL_ROLE must be web, worker or all, got "${env.VIGIL_ROLE}"`);
  const baseUrl = (
    env.GITHUB_API_URL ??
    (env.GHE_HOST ? `${env.GHE_PROTOCOL ?? 'https'}://${env.GHE_HOST}/api/v3` : 'https://api.github.com')
  ).replace(/\/+$/, '');
  return {
    appId,
    privateKey,
    webhookSecret,
    role,
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 3000),
    baseUrl,
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    concurrency: int(env, 'VIGIL_CONCURRENCY', 2, 1),
    perInstallation: int(env, 'VIGIL_INSTALLATION_CONCURRENCY', 2, 1),
    timeoutMs: int(env, 'VIGIL_SCAN_TIMEOUT_MS', DEFAULT_TIMEOUT_MS, 1000),
    ...(env.VIGIL_SCAN_HEAP_MB ? { scanWorker: { heapMb: int(env, 'VIGIL_SCAN_HEAP_MB', 0, 64) } } : {}),
    ...(env.VIGIL_GITHUB_WRITE_INTERVAL_MS
      ? { writeIntervalMs: int(env, 'VIGIL_GITHUB_WRITE_INTERVAL_MS', 1000) }
      : {}),
    ...(env.VIGIL_GITHUB_RETRY_BASE_MS ? { retryBaseMs: int(env, 'VIGIL_GITHUB_RETRY_BASE_MS', 1000) } : {}),
    logLevel: env.LOG_LEVEL ?? 'info',
    operator: operatorSettings(env),
    ...reportSettings(env),
  };
}

/** VIGIL_PUBLIC_URL, VIGIL_REPORT_RETENTION_DAYS, VIGIL_REPORT_MAX_BYTES (see docs/github-app.md). */
function reportSettings(env: NodeJS.ProcessEnv): { reports?: ReportSettings } {
  const retentionDays = int(env, 'VIGIL_REPORT_RETENTION_DAYS', DEFAULT_RETENTION_DAYS);
  const maxBytes = int(env, 'VIGIL_REPORT_MAX_BYTES', DEFAULT_REPORT_MAX_BYTES, 1024);
  const raw = env.VIGIL_PUBLIC_URL;
  if (!raw || retentionDays === 0) return {};
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppConfigError(`VIGIL_PUBLIC_URL must be an absolute URL, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppConfigError(`VIGIL_PUBLIC_URL must be an http(s) URL, got "${raw}"`);
  if (url.search || url.hash || url.username || url.password)
    throw new AppConfigError(
      `VIGIL_PUBLIC_URL must not carry a query, fragment or credentials, got "${raw}"`,
    );
  const publicUrl = url.href.endsWith('/') ? url.href.slice(0, -1) : url.href;
  return { reports: { publicUrl, retentionDays, maxBytes } };
}

/**
 * VIGIL_OSV_API_URL, VIGIL_OSV_DATABASE, VIGIL_MAX_FILE_SIZE, VIGIL_CACHE_DIR, VIGIL_SCA_UNAVAILABLE,
 * VIGIL_UPGRADE_PLAN, VIGIL_REGISTRY (see docs/github-app.md).
 */
function operatorSettings(env: NodeJS.ProcessEnv): OperatorSettings {
  const from = (name: string) => ({ name, value: env[name] });
  try {
    return readOperatorSettings(
      {
        'sca.apiUrl': from('VIGIL_OSV_API_URL'),
        'sca.database': from('VIGIL_OSV_DATABASE'),
        maxFileSize: from('VIGIL_MAX_FILE_SIZE'),
        cacheDir: from('VIGIL_CACHE_DIR'),
        unavailable: from('VIGIL_SCA_UNAVAILABLE'),
        upgradePlan: from('VIGIL_UPGRADE_PLAN'),
        registry: from('VIGIL_REGISTRY'),
      },
      process.cwd(),
    );
  } catch (error) {
    if (error instanceof ConfigError) throw new AppConfigError(error.issues.map(formatIssue).join('; '));
    throw error;
  }
}

export interface RunningApp {
  url: string;
  port: number;
  settings: AppSettings;
  metrics: AppMetrics;
  scheduler: Scheduler;
  stop(): Promise<void>;
}

/** JSON lines on stdout; anything that could hold a credential is redacted by key. */
export function appLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    name: 'vigil-app',
    redact: {
      paths: ['token', '*.token', 'privateKey', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination as never) : pino(options);
}

/**
 * Start the App: the webhook receiver (probot's Server, with /healthz and /metrics), the scan
 * workers, or both (VIGIL_ROLE). With REDIS_URL the queue is BullMQ on Redis and any number of
 * processes share it; without, an in-process queue serves one machine.
 */
export async function startApp(
  settings: AppSettings,
  log: Logger = appLogger(settings.logLevel),
): Promise<RunningApp> {
  const redis = settings.redisUrl
    ? new BullMqQueue(settings.redisUrl, (error) =>
        log.warn({ err: { message: error.message } }, 'queue connection trouble'),
      )
    : undefined;
  const queue: Queue = redis ?? new MemoryQueue();
  if (settings.role === 'web' && !settings.redisUrl)
    throw new AppConfigError('VIGIL_ROLE=web needs REDIS_URL: the workers run in other processes');
  // Webhooks are refused (503) while Redis is unreachable, so give it a moment at start.
  if (redis && !(await redis.connected(REDIS_START_WAIT_MS)))
    log.warn('Redis not reachable yet: /healthz and webhooks answer 503 until it is');
  const scheduler = new Scheduler(queue, {
    concurrency: settings.concurrency,
    perInstallation: settings.perInstallation,
    slotTtlMs: settings.timeoutMs + 60_000,
    retryMs: 500,
  });
  const metrics = new AppMetrics(() => queue.depth());
  // Token requests are single writes per scan; the App's own pacing is on the per-scan client.
  const Octokit = ProbotOctokit.defaults({ throttle: { enabled: false } });
  const probotOptions = {
    appId: settings.appId,
    privateKey: settings.privateKey,
    secret: settings.webhookSecret,
    baseUrl: settings.baseUrl,
    log,
    Octokit,
  };
  /** Reachability of the queue, answered within HEALTH_DEADLINE_MS whatever Redis does. */
  const health = () =>
    withDeadline(queue.ping(), HEALTH_DEADLINE_MS, 'PING').then(
      () => ({ ok: true, status: 'ok' }),
      (error: Error) => ({ ok: false, status: 'unavailable', reason: error.message }),
    );
  const ops = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET') return false;
    if (path === '/healthz') {
      const { ok, ...body } = await health();
      res
        .writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify({ ...body, role: settings.role }));
      return true;
    }
    if (path === '/metrics') {
      // The queue's gauges read it within their own deadline (metrics.ts): never waits on Redis.
      res
        .writeHead(200, { 'content-type': metrics.registry.contentType })
        .end(await metrics.registry.metrics());
      return true;
    }
    // Reports are served by the processes that answer webhooks, from the store every worker writes.
    if (settings.role !== 'worker' && settings.reports) return serveReport(queue.store, req, res, path ?? '');
    return false;
  };

  // One Probot: it verifies webhook signatures and authenticates as the App (JWT) for tokens.
  const probot = new Probot(probotOptions);
  const workers =
    settings.role === 'web'
      ? undefined
      : startWorkers({
          scheduler,
          metrics,
          log,
          appOctokit: () => probot.auth().then((o) => metrics.instrument(o)),
          baseUrl: settings.baseUrl,
          ...(settings.writeIntervalMs !== undefined ? { writeIntervalMs: settings.writeIntervalMs } : {}),
          ...(settings.retryBaseMs !== undefined ? { retryBaseMs: settings.retryBaseMs } : {}),
          timeoutMs: settings.timeoutMs,
          ...(settings.scanWorker ? { scanWorker: settings.scanWorker } : {}),
          ...(settings.operator ? { operator: settings.operator } : {}),
          ...(settings.reports ? { reports: settings.reports } : {}),
        });
  let webhooks: ((req: IncomingMessage, res: ServerResponse) => unknown) | undefined;
  if (settings.role !== 'worker') {
    await probot.load(vigilApp({ appId: settings.appId, scheduler, metrics }));
    webhooks = await probot.getNodeMiddleware();
  }
  // probot's own Server cannot listen on port 0 (it treats 0 as "unset"): its middleware is
  // mounted on a plain node server instead, next to /healthz and /metrics.
  const http: HttpServer = createServer((req, res) => {
    void (async () => {
      if (await ops(req, res)) return;
      if (req.method === 'POST') {
        // GitHub always sends a length; without one the body could not be bounded before reading.
        const length = req.headers['content-length'];
        if (length === undefined) return void res.writeHead(411).end();
        if (Number(length) > MAX_WEBHOOK_BYTES) return void res.writeHead(413).end();
      }
      if (webhooks && (await webhooks(req, res)) !== false) return;
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    })().catch((error: unknown) => {
      log.error({ err: { message: (error as Error).message } }, 'request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(settings.port, settings.host, resolve);
  });
  const stopHttp = () => {
    http.closeAllConnections();
    return new Promise<void>((resolve) => http.close(() => resolve()));
  };
  const port = (http.address() as AddressInfo).port;
  log.info({ role: settings.role, queue: settings.redisUrl ? 'redis' : 'memory', port }, 'vigil App started');
  return {
    url: `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`,
    port,
    settings,
    metrics,
    scheduler,
    async stop() {
      await stopHttp();
      await (workers ? workers.stop(() => scheduler.close()) : scheduler.close());
    },
  };
}

/** `npm start`: read the environment, start, stop cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let settings: AppSettings;
  try {
    settings = readSettings();
  } catch (error) {
    if (!(error instanceof AppConfigError)) throw error;
    process.stderr.write(`vigil App: ${error.message}\n`);
    process.exit(2);
  }
  const log = appLogger(settings.logLevel);
  const app = await startApp(settings, log);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'stopping');
      void app.stop().then(() => process.exit(0));
    });
  }
}

if (import.meta.main) await main();
