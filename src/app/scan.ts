import type { Logger } from 'pino';
import { ConfigError, formatIssue, type LoadedConfig } from '../core/config/loader.ts';
import type { OperatorSettings } from '../core/config/operator.ts';
import type { ScannerId } from '../core/config/types.ts';
import type { ScanResult, TrustedFiles } from '../core/scanner.ts';
import { fingerprintsOf, type Classified } from '../github/baseline.ts';
import {
  closeCheckRun,
  failedCompletion,
  type CheckRunRef,
  type CompleteCheckRun,
} from '../github/checks.ts';
import type { GitHub } from '../github/client.ts';
import { newDegradation } from '../github/permissions.ts';
import { publish, startCheckRuns, type PublishOutcome } from '../github/publish.ts';
import { renderScanReport } from '../github/report-page.ts';
import { scanners as registeredScanners } from '../scanners.ts';
import { DEFAULT_LIMITS, withCheckout, type Checkout, type CheckoutLimits } from './checkout.ts';
import { fullName, JobNotStarted, type BaselineJob, type Job, type ScanJob } from './jobs.ts';
import { loadPolicy, type JudgedBy } from './policy.ts';
import type { Store } from './queue/types.ts';
import { DEFAULT_MIN_PRECISION } from '../core/finding.ts';
import { keepReport, type ReportSettings } from './reports.ts';
import { ScanThreads } from './worker/index.ts';
import { portableSource, type ThreadScan } from './worker/request.ts';
import type { PlanOutcome } from '../sca/plan/make-plan.ts';

export interface JobDeps {
  /** A client on a fresh installation token for the job's repository (one per scan, never logged). */
  github(job: Job): Promise<GitHub>;
  store: Store;
  log: Logger;
  limits?: CheckoutLimits;
  /** Settings only the operator gives (advisory source, database, size limit, cache); never a repository's file. */
  operator?: OperatorSettings;
  /** Keep each scan's HTML report and link it from its check runs (VIGIL_PUBLIC_URL). */
  reports?: ReportSettings;
  /**
   * A scan (download, unpack, scan, base scan) that takes longer is stopped and its check runs
   * failed; the scan's worker thread is terminated, whatever it is running.
   */
  timeoutMs?: number;
  /** The worker threads scans run in; without, the job starts its own and ends them when done. */
  threads?: ScanThreads;
  observeScan?: (outcome: ScanOutcomeLabel, seconds: number) => void;
  /** Aborted when the App shuts down: a running scan stops and completes its check runs saying so. */
  shutdown?: AbortSignal;
  /** Aborted when a newer push to the same PR arrives; its reason is the newer job's id. */
  superseded?: AbortSignal;
  /** A check run GitHub would not complete even minimally: kept for a last attempt at shutdown. */
  unfinished?: (run: CheckRunRef, completion: CompleteCheckRun) => void;
}

export type ScanOutcomeLabel = 'success' | 'neutral' | 'failure' | 'config-error' | 'error' | 'baseline';

export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const BASELINE_TTL = 30 * 24 * 3600;
const DEFAULT_FAIL_ON = 'high';

/** Recorded fingerprints of a commit: from a push to the default branch, or a base scanned once. */
const baselineKey = (job: Job, sha: string) => `baseline:${fullName(job)}@${sha}`;

/** The scanners the App runs unless `.github/vigil.yml` says otherwise (it has no image to scan). */
export const appScannerIds = (): ScannerId[] =>
  registeredScanners.map((s) => s.id).filter((id) => id !== 'container');

export async function runJob(job: Job, deps: JobDeps): Promise<void> {
  if (deps.threads) return job.type === 'scan' ? scanCommit(job, deps) : recordBaseline(job, deps);
  const threads = new ScanThreads({}, deps.operator?.cacheDir);
  try {
    await runJob(job, { ...deps, threads });
  } finally {
    await threads.close();
  }
}

/**
 * One scan of a head commit: check runs in progress first, then the tarball, the configuration
 * at that SHA, the scan, the base for diff-awareness, and the report through src/github (the same
 * `publish` the Action calls). Whatever fails, every check run this job started is completed.
 */
async function scanCommit(job: ScanJob, deps: JobDeps): Promise<void> {
  const started = performance.now();
  const log = deps.log;
  const repo = { owner: job.owner, repo: job.repo };
  const timeout = AbortSignal.timeout(deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = AbortSignal.any([
    timeout,
    ...(deps.shutdown ? [deps.shutdown] : []),
    ...(deps.superseded ? [deps.superseded] : []),
  ]);
  let gh: GitHub;
  try {
    gh = await deps.github(job);
  } catch (error) {
    throw new JobNotStarted(`no installation token: ${(error as Error).message}`, { cause: error });
  }
  const degradation = newDegradation();
  const checkRuns = await startCheckRuns(gh, repo, job.headSha, appScannerIds(), degradation);
  if (Object.keys(checkRuns).length === 0)
    throw new JobNotStarted(`no check run could be created: ${degradation.notes.join(' ')}`);
  log.info({ checkRuns: Object.values(checkRuns).map((r) => r.id) }, 'scan started');
  const open = new Set(Object.values(checkRuns));
  const keepForLater = (run: CheckRunRef, completion: CompleteCheckRun, error: unknown) => {
    log.error({ err: { message: (error as Error).message }, checkRun: run.id }, 'check run left open');
    deps.unfinished?.(run, completion);
  };
  /** Every path that ends a check run goes through here: completed now, or kept for later. */
  const finish = async (run: CheckRunRef, completion: CompleteCheckRun) => {
    open.delete(run);
    await closeCheckRun(gh, run, completion).catch((error: unknown) => keepForLater(run, completion, error));
  };
  let label: ScanOutcomeLabel = 'error';
  try {
    await withCheckout(
      gh,
      repo,
      job.headSha,
      async (checkout) => {
        let policy: Awaited<ReturnType<typeof loadPolicy>>;
        try {
          // Never the commit's own file: it may be the pull request under review (see policy.ts).
          const judgedBy: JudgedBy = job.pull
            ? { kind: 'base', sha: job.pull.baseSha }
            : { kind: 'default-branch' };
          policy = await loadPolicy(gh, repo, checkout, judgedBy, deps.operator ?? {});
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          log.warn({ issues: error.issues }, 'invalid configuration');
          for (const run of [...open]) await finish(run, configCompletion(error));
          label = 'config-error';
          return;
        }
        const loaded = policy.loaded;
        const wanted = wantedScanners(loaded);
        // Runs started for scanners the configuration turns off end as skipped, not as a pass.
        for (const [group, run] of Object.entries(checkRuns) as Array<[ScannerId, CheckRunRef]>) {
          if (wanted.includes(group)) continue;
          delete checkRuns[group];
          await finish(run, {
            conclusion: 'skipped',
            title: 'turned off in the configuration',
            summary: `The \`${group}\` scanner is not in \`scanners\` of ${loaded.configSource?.file ?? 'the configuration'}.`,
          });
        }
        const scan = scannerFor(loaded, wanted, signal, deps, policy.trustedIgnoreFiles);
        // The plan comes from the operator's registry (VIGIL_REGISTRY), never the PR's .npmrc.
        const { result, upgradePlan } = await scan(
          checkout.dir,
          job.pull ? deps.operator?.upgradePlan : undefined,
        );
        result.diagnostics.push(...policy.diagnostics);
        const notes = [...checkout.notes];
        const base = await baseFingerprints(gh, job, scan, deps, notes, signal);
        const outcome = await report(
          gh,
          job,
          result,
          loaded,
          checkout,
          checkRuns,
          base,
          notes,
          degradation,
          deps,
          upgradePlan,
        );
        open.clear();
        for (const { run, completion } of outcome.unfinished)
          keepForLater(run, completion, new Error(degradation.notes.join(' ')));
        label = outcome.conclusion;
        log.info(
          {
            conclusion: outcome.conclusion,
            new: outcome.classified.new.length,
            existing: outcome.classified.existing.length,
            commented: outcome.review?.commented ?? 0,
            resolved: outcome.stale?.resolved ?? 0,
            degraded: degradation.notes,
          },
          'scan finished',
        );
      },
      { ...(deps.limits ?? DEFAULT_LIMITS), signal },
    );
  } catch (error) {
    log.error(
      { err: error instanceof Error ? { message: error.message, name: error.name } : error },
      'scan failed',
    );
    // A crashed scan never leaves a check run in progress: each says why it stopped.
    const completion = stoppedCompletion(error, timeout, deps);
    for (const run of [...open]) await finish(run, completion);
  } finally {
    deps.observeScan?.(label, (performance.now() - started) / 1000);
  }
}

/** Why a scan stopped, for its check runs: the timeout, the App shutting down, or the error. */
function stoppedCompletion(error: unknown, timeout: AbortSignal, deps: JobDeps): CompleteCheckRun {
  if (timeout.aborted)
    return failedCompletion(
      `the scan took longer than ${Math.round((deps.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s and was stopped`,
    );
  if (deps.superseded?.aborted) {
    const newer = String(deps.superseded.reason).split('@').pop()!;
    return {
      conclusion: 'cancelled',
      title: `superseded by ${newer.slice(0, 7)}`,
      summary: `A newer push to this pull request (${newer}) superseded this commit; vigil stopped this scan and scans that one instead.`,
    };
  }
  if (deps.shutdown?.aborted)
    return failedCompletion(
      'the vigil App was shutting down; press "Re-run" (or push) to scan this commit again',
      'cancelled',
    );
  return failedCompletion(error instanceof Error ? error.message : String(error));
}

/** The configuration's scanners, else the App's; never `container` (the App has no image). */
const wantedScanners = (loaded: LoadedConfig): ScannerId[] =>
  (loaded.config.scanners ?? appScannerIds()).filter((id) => id !== 'container');

/**
 * The scan of a checkout with the configuration that judges it (the base is judged by the same
 * rules), in a worker thread that `signal` terminates: never in the thread that answers webhooks.
 */
function scannerFor(
  loaded: LoadedConfig,
  scanners: ScannerId[],
  signal: AbortSignal,
  deps: JobDeps,
  trustedIgnoreFiles?: TrustedFiles,
) {
  const cacheDir = deps.operator?.cacheDir;
  return (dir: string, upgradePlan?: OperatorSettings['upgradePlan']): Promise<ThreadScan> =>
    deps.threads!.run(
      {
        root: dir,
        config: loaded.config,
        ...(loaded.configSource ? { configSource: portableSource(loaded.configSource, loaded.config) } : {}),
        ...(cacheDir ? { cacheDir } : {}),
        // a PR's osv-scanner.toml counts as its base has it (see policy.ts)
        ...(trustedIgnoreFiles ? { trustedIgnoreFiles } : {}),
        scanners,
        ...(upgradePlan ? { upgradePlan } : {}),
      },
      signal,
    );
}

function configCompletion(error: ConfigError): CompleteCheckRun {
  const lines = error.issues.map((i) => `- ${formatIssue(i)}`);
  return {
    conclusion: 'failure',
    title: `invalid configuration: ${formatIssue(error.issues[0]!)}`.slice(0, 255),
    summary: `vigil could not read the configuration that judges this commit (a pull request's comes from its base), so nothing was scanned:\n\n${lines.join('\n')}`,
    annotations: error.issues.slice(0, 50).map((i) => ({
      path: i.file,
      start_line: Math.max(1, i.line ?? 1),
      end_line: Math.max(1, i.line ?? 1),
      annotation_level: 'failure' as const,
      title: 'vigil: invalid configuration',
      message: formatIssue(i),
    })),
  };
}

/**
 * The commit a PR's findings are compared with: where its branch left the base branch (GitHub's
 * compare API names it), so a finding the base branch fixed after that point is not counted as
 * the PR's. The tip of the base branch when the API cannot say.
 */
async function comparisonBase(gh: GitHub, job: ScanJob, baseSha: string, deps: JobDeps): Promise<string> {
  try {
    const { data } = await gh.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
      owner: job.owner,
      repo: job.repo,
      basehead: `${baseSha}...${job.headSha}`,
      // Only the merge base is read: one commit of the list instead of up to 250.
      per_page: 1,
    });
    return data.merge_base_commit.sha;
  } catch (error) {
    deps.log.warn(
      { err: { message: (error as Error).message } },
      'no merge base: comparing with the base tip',
    );
    return baseSha;
  }
}

/**
 * The fingerprints a PR's findings are compared with: recorded for its comparison base (a push to
 * the default branch, or an earlier PR's base scan), else that commit scanned now and recorded.
 */
async function baseFingerprints(
  gh: GitHub,
  job: ScanJob,
  scan: (dir: string) => Promise<ThreadScan>,
  deps: JobDeps,
  notes: string[],
  signal: AbortSignal,
): Promise<Set<string> | undefined> {
  if (!job.pull?.baseSha) return undefined;
  const sha = await comparisonBase(gh, job, job.pull.baseSha, deps);
  const stored = await deps.store.get(baselineKey(job, sha));
  if (stored) return new Set(JSON.parse(stored) as string[]);
  try {
    const fingerprints = await withCheckout(
      gh,
      job,
      sha,
      async (checkout) => fingerprintsOf((await scan(checkout.dir)).result.findings),
      { ...(deps.limits ?? DEFAULT_LIMITS), signal },
    );
    await deps.store.set(baselineKey(job, sha), JSON.stringify([...fingerprints]), BASELINE_TTL);
    return fingerprints;
  } catch (error) {
    if (signal.aborted) throw error;
    deps.log.warn({ err: { message: (error as Error).message } }, 'base scan failed');
    notes.push(
      `The base commit ${sha.slice(0, 7)} could not be scanned (${(error as Error).message}); "new" means on a line this PR changes.`,
    );
    return undefined;
  }
}

async function report(
  gh: GitHub,
  job: ScanJob,
  result: ScanResult,
  loaded: LoadedConfig,
  checkout: Checkout,
  checkRuns: Partial<Record<ScannerId, CheckRunRef>>,
  base: Set<string> | undefined,
  notes: string[],
  degradation: ReturnType<typeof newDegradation>,
  deps: JobDeps,
  upgradePlan: PlanOutcome | undefined,
): Promise<PublishOutcome> {
  const operator = deps.operator ?? {};
  const reports = deps.reports;
  const config = loaded.config;
  const failOn = config.failOn ?? DEFAULT_FAIL_ON;
  const minPrecision = config.minPrecision ?? DEFAULT_MIN_PRECISION;
  const settings = config.github ?? {};
  // publish reads files synchronously for suggestion blocks: read the few it may need up front.
  const files = new Map<string, string | undefined>();
  for (const f of result.findings)
    if (f.fix?.replacement && !files.has(f.location.path))
      files.set(f.location.path, await checkout.readFile(f.location.path));
  return publish(gh, {
    owner: job.owner,
    repo: job.repo,
    headSha: job.headSha,
    result,
    ...(job.pull
      ? {
          pull: {
            number: job.pull.number,
            ...(job.pull.changedFiles !== undefined ? { changedFiles: job.pull.changedFiles } : {}),
          },
        }
      : {}),
    ...(base ? { baseFingerprints: base } : {}),
    failOn,
    minPrecision,
    ...(settings.failOnExisting !== undefined ? { failOnExisting: settings.failOnExisting } : {}),
    commentMode: settings.comments ?? 'review',
    ...(settings.maxComments !== undefined ? { maxComments: settings.maxComments } : {}),
    readFile: (path) => files.get(path),
    ...(settings.sarifUpload && job.pull
      ? { sarif: { ref: `refs/pull/${job.pull.number}/head`, commitSha: job.headSha } }
      : {}),
    checkRuns,
    noCheckRuns: degradation.degraded && Object.keys(checkRuns).length === 0,
    notes,
    degradation,
    ...(operator.unavailable ? { unavailable: operator.unavailable } : {}),
    ...(upgradePlan ? { upgradePlan } : {}),
    ...(reports
      ? {
          reportPage: (classified: Classified) =>
            keepReport(
              deps.store,
              renderScanReport(result, classified, `${fullName(job)} at ${job.headSha.slice(0, 12)}`, {
                failOn,
                minPrecision,
              }),
              reports,
            ).then(
              (url) => ({ url }),
              (error: Error) => ({ note: `No HTML report for this scan: ${error.message}.` }),
            ),
        }
      : {}),
  });
}

/** A push to the default branch: scan it and record its fingerprints for the PRs based on it. */
async function recordBaseline(job: BaselineJob, deps: JobDeps): Promise<void> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = deps.shutdown ? AbortSignal.any([timeout, deps.shutdown]) : timeout;
  const gh = await deps.github(job);
  try {
    const count = await withCheckout(
      gh,
      job,
      job.sha,
      async (checkout) => {
        // A push to the default branch: its own file is the merged policy.
        const { loaded } = await loadPolicy(gh, job, checkout, { kind: 'own' }, deps.operator ?? {});
        const wanted = wantedScanners(loaded);
        const { result } = await scannerFor(loaded, wanted, signal, deps)(checkout.dir);
        const fingerprints = fingerprintsOf(result.findings);
        await deps.store.set(baselineKey(job, job.sha), JSON.stringify([...fingerprints]), BASELINE_TTL);
        return fingerprints.size;
      },
      { ...(deps.limits ?? DEFAULT_LIMITS), signal },
    );
    deps.log.info({ fingerprints: count }, 'baseline recorded');
  } catch (error) {
    // No check run to fail: a PR based on this commit scans its base itself instead.
    deps.log.warn({ err: { message: (error as Error).message } }, 'baseline not recorded');
  } finally {
    deps.observeScan?.('baseline', (performance.now() - started) / 1000);
  }
}
