import type { ReportSettings } from './reports.ts';
import type { Logger } from 'pino';
import type { ApplicationFunction, Probot } from 'probot';
import type { OperatorSettings } from '../core/config/operator.ts';
import { closeCheckRun, type CheckRunRef, type CompleteCheckRun } from '../github/checks.ts';
import { createGitHubClient, type GitHub } from '../github/client.ts';
import type { CheckoutLimits } from './checkout.ts';
import { checkRunJob } from './handlers/check-run.ts';
import { checkSuiteJob } from './handlers/check-suite.ts';
import { installationRepositoriesNote } from './handlers/installation-repositories.ts';
import { installationNote } from './handlers/installation.ts';
import { pullRequestJob } from './handlers/pull-request.ts';
import { pushJob } from './handlers/push.ts';
import type { EventInput } from './handlers/types.ts';
import { fullName, jobId, type Job } from './jobs.ts';
import type { AppMetrics } from './metrics.ts';
import type { Scheduler } from './queue/scheduler.ts';
import { runJob } from './scan.ts';
import { ScanThreads, type ScanWorkerOptions } from './worker/index.ts';

export interface WebhookOptions {
  appId: number;
  scheduler: Scheduler;
  metrics: AppMetrics;
}

const JOB_EVENTS = {
  pull_request: pullRequestJob,
  check_run: checkRunJob,
  check_suite: checkSuiteJob,
  push: pushJob,
} as const;

type JobEvent = keyof typeof JOB_EVENTS;

interface AnyPayload {
  action?: string;
  installation?: { id: number };
  repository?: { name: string; owner: { login: string }; full_name: string };
}

/**
 * The probot app: verify (probot does, before any handler runs), turn the event into a job, drop
 * redeliveries, queue, return — the webhook is acknowledged as soon as the job is queued. No
 * GitHub call and no scan happens on this side.
 */
export function vigilApp(options: WebhookOptions): ApplicationFunction {
  const { scheduler, metrics } = options;
  return (app: Probot) => {
    app.on(Object.keys(JOB_EVENTS) as JobEvent[], async (context) => {
      const payload = context.payload as unknown as AnyPayload;
      const event = payload.action ? `${context.name}.${payload.action}` : context.name;
      const log = app.log.child({ delivery: context.id, repo: payload.repository?.full_name, event });
      const count = (outcome: string) => metrics.webhooks.inc({ event: context.name, outcome });
      if (!payload.repository || !payload.installation) {
        log.warn('event without repository or installation: ignored');
        return count('ignored');
      }
      const input: EventInput<never> = {
        payload: payload as never,
        repo: {
          installationId: payload.installation.id,
          owner: payload.repository.owner.login,
          repo: payload.repository.name,
          delivery: context.id,
        },
        appId: options.appId,
      };
      const job: Job | undefined = JOB_EVENTS[context.name as JobEvent](input);
      if (!job) {
        log.debug('nothing to do for this event');
        return count('ignored');
      }
      if (!(await scheduler.firstDelivery(context.id))) {
        log.info('redelivered webhook: already queued once');
        return count('duplicate-delivery');
      }
      const result = await scheduler.enqueue(job);
      log.info({ job: jobId(job), result }, result === 'queued' ? 'scan queued' : 'commit already scanned');
      count(result);
    });
    app.on(['installation', 'installation_repositories'], async (context) => {
      const note =
        context.name === 'installation'
          ? installationNote({ payload: context.payload as never })
          : installationRepositoriesNote({ payload: context.payload as never });
      app.log.child({ delivery: context.id, event: context.name }).info(note, 'installation changed');
      metrics.webhooks.inc({ event: context.name, outcome: 'noted' });
    });
  };
}

/** What a worker needs to act for the App: an app-authenticated (JWT) client for tokens. */
export interface WorkerOptions {
  scheduler: Scheduler;
  metrics: AppMetrics;
  log: Logger;
  /** An Octokit authenticated as the App (probot's `app.auth()`), to mint installation tokens. */
  appOctokit: () => Promise<Pick<GitHub, 'request'>>;
  baseUrl: string;
  /** Pacing of writes per scan (GitHub asks for one per second; tests use 0). */
  writeIntervalMs?: number;
  limits?: CheckoutLimits;
  timeoutMs?: number;
  scanWorker?: ScanWorkerOptions;
  operator?: OperatorSettings;
  /** Where each scan's HTML report is kept and linked (VIGIL_PUBLIC_URL); none without. */
  reports?: ReportSettings;
  /** Multiplier for GitHub retry delays in ms (see ClientOptions; tests use a few ms). */
  retryBaseMs?: number;
}

/**
 * A fresh installation token per scan, scoped to the one repository being scanned, kept only in
 * this client (never in the job, the queue or a log line); revoked when the scan ends.
 */
async function installationClient(o: WorkerOptions, job: Job, log: Logger): Promise<GitHub> {
  const app = await o.appOctokit();
  const { data } = await app.request('POST /app/installations/{installation_id}/access_tokens', {
    installation_id: job.installationId,
    repositories: [job.repo],
  });
  return o.metrics.instrument(
    createGitHubClient({
      token: data.token,
      baseUrl: o.baseUrl,
      userAgent: 'vigil-app',
      ...(o.writeIntervalMs !== undefined ? { writeIntervalMs: o.writeIntervalMs } : {}),
      ...(o.retryBaseMs !== undefined ? { retryBaseMs: o.retryBaseMs } : {}),
      warn: (m) => log.warn(m),
    }),
  );
}

/** This process's scan workers; `stop` ends them (see startWorkers). */
export interface Workers {
  /**
   * Stop: running scans are aborted and complete their check runs as cancelled; once the queue
   * is closed, each check run GitHub would not complete earlier gets one last attempt.
   */
  stop(closeQueue: () => Promise<void>): Promise<void>;
}

/** Start this process's scan workers on the shared queue. */
export function startWorkers(o: WorkerOptions): Workers {
  const shutdown = new AbortController();
  // Scans run in these threads, off the one that answers webhooks; one is loaded ahead of the first scan.
  const threads = new ScanThreads(o.scanWorker, o.operator?.cacheDir);
  threads.warm();
  const leftovers: Array<{ job: Job; run: CheckRunRef; completion: CompleteCheckRun }> = [];
  const logFor = (job: Job, id: string) =>
    o.log.child({ delivery: job.delivery, repo: fullName(job), job: id });
  /** Run `work` with installation clients made on demand, each token revoked afterwards. */
  const withClients = async (log: Logger, work: (github: (j: Job) => Promise<GitHub>) => Promise<void>) => {
    const clients: GitHub[] = [];
    try {
      await work(async (j) => {
        const client = await installationClient(o, j, log);
        clients.push(client);
        return client;
      });
    } finally {
      // A token serves its one scan: revoked now rather than left valid for the rest of its hour.
      await Promise.all(
        clients.map((client) =>
          client.request('DELETE /installation/token').catch((error: Error) => {
            log.warn({ err: { message: error.message } }, 'installation token not revoked');
          }),
        ),
      );
    }
  };
  o.scheduler.process(
    async (job, id, superseded) => {
      const log = logFor(job, id);
      await withClients(log, (github) =>
        runJob(job, {
          github,
          store: o.scheduler.queue.store,
          log,
          ...(o.limits ? { limits: o.limits } : {}),
          ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
          threads,
          ...(o.operator ? { operator: o.operator } : {}),
          ...(o.reports ? { reports: o.reports } : {}),
          observeScan: (outcome, seconds) => o.metrics.scanDuration.observe({ outcome }, seconds),
          shutdown: shutdown.signal,
          superseded,
          unfinished: (run, completion) => leftovers.push({ job, run, completion }),
        }),
      );
    },
    {
      superseded: (job, id) => logFor(job, id).info('superseded by a newer push: not scanned'),
      failed: (job, error) =>
        logFor(job, jobId(job)).error({ err: { message: (error as Error).message } }, 'job failed'),
    },
  );
  return {
    async stop(closeQueue) {
      shutdown.abort();
      await closeQueue();
      await threads.close();
      for (const { job, run, completion } of leftovers.splice(0)) {
        const log = logFor(job, jobId(job));
        await withClients(log, async (github) => {
          await closeCheckRun(await github(job), run, completion);
          log.info({ checkRun: run.id }, 'check run completed at shutdown');
        }).catch((error: Error) =>
          log.error(
            { err: { message: error.message }, checkRun: run.id },
            'check run still open at shutdown',
          ),
        );
      }
    },
  };
}
