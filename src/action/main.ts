import { existsSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { ConfigError, formatIssue, type LoadedConfig } from '../core/config/loader.ts';
import type { ScannerId } from '../core/config/types.ts';
import { runScan, ScanInputError, type ScanRequest } from '../core/scan.ts';
import { scanners as registeredScanners } from '../scanners.ts';
import type { ScanOptions, ScanResult } from '../core/scanner.ts';
import type { FailThreshold } from '../core/severity.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { buildSarifLog } from '../report/sarif.ts';
import { classifyFindings, conclusionFor, fingerprintsOf, type Classified } from '../github/baseline.ts';
import { createGitHubClient, githubApiUrl } from '../github/client.ts';
import { failCheckRun } from '../github/checks.ts';
import {
  appendStepSummary,
  attempt,
  isForkPull,
  newDegradation,
  workflowAnnotations,
} from '../github/permissions.ts';
import { publish, startCheckRuns, type PublishOutcome, type ReportPage } from '../github/publish.ts';
import { countByKind, renderSummary } from '../github/summary.ts';
import { renderScanReport } from '../github/report-page.ts';
import { publishReport, type ReportArtifact } from './artifact.ts';
import { incompleteConclusion, unavailableLine } from '../github/unavailable.ts';
import { DEFAULT_UNAVAILABLE_POLICY } from '../core/config/operator.ts';
import { DEFAULT_MIN_PRECISION, incompleteScanners } from '../core/finding.ts';
import { failingFindings } from '../core/filters.ts';
import { EXIT_INCOMPLETE } from '../cli/exit.ts';
import { findMergeBase, gitHead, gitTopLevel, withWorktree } from '../core/git.ts';
import { ActionInputError, readEvent, readInputs, setOutputs, type ActionInputs } from './inputs.ts';
import { ignoreFilesAtBase, loadActionPolicy } from './policy.ts';
import { defaultCacheDir } from '../core/cache-dir.ts';
import type { InventoryResult } from '../sca/inventory.ts';
import { planOutcome } from '../sca/plan/make-plan.ts';

export interface ActionIO {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

const defaultIO: ActionIO = {
  stdout: (l) => process.stdout.write(`${l}\n`),
  stderr: (l) => process.stderr.write(`${l}\n`),
};

interface PullPayload {
  number: number;
  changed_files?: number;
  head: { sha: string; repo?: { full_name?: string } | null };
  base: { sha: string; repo?: { full_name?: string } };
}

const DEFAULT_FAIL_ON: FailThreshold = 'high';
const MAX_SUGGESTION_FILE = 1024 * 1024;

/**
 * The Action, start to finish: scan the workspace, scan the merge base for diff-awareness, report
 * to GitHub (check runs, review, summary, SARIF), fall back to workflow annotations and the job
 * summary where the token may not write, set outputs. Returns the exit code: 1 when a new finding
 * meets the threshold, 3 when a scanner could not do its job under fail-closed (`sca-unavailable`),
 * 2 for a bad input or configuration, never non-zero for permissions.
 */
export async function runAction(
  env: NodeJS.ProcessEnv = process.env,
  io: ActionIO = defaultIO,
): Promise<number> {
  try {
    return await run(env, io);
  } catch (error) {
    if (error instanceof ActionInputError || error instanceof ScanInputError) {
      io.stdout(`::error title=vigil: invalid input::${escapeData(error.message)}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      for (const issue of error.issues) {
        io.stdout(
          `::error file=${issue.file},line=${issue.line ?? 1},title=vigil: invalid configuration::${escapeData(formatIssue(issue))}`,
        );
      }
      return 2;
    }
    io.stdout(
      `::error title=vigil failed::${escapeData(error instanceof Error ? (error.stack ?? error.message) : String(error))}`,
    );
    return 2;
  }
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

async function run(env: NodeJS.ProcessEnv, io: ActionIO): Promise<number> {
  const inputs = readInputs(env);
  const event = readEvent(env);
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const root = resolve(workspace, inputs.path);
  const rel = relative(workspace, root);
  if (rel.startsWith('..') || resolve(rel) === rel)
    throw new ActionInputError(`input \`path\`: ${inputs.path} is outside the workspace`);
  const [owner, repoName] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repoName) throw new ActionInputError('GITHUB_REPOSITORY is not set (owner/name)');
  const repo = { owner, repo: repoName };

  const pull = (event.pull_request ?? undefined) as PullPayload | undefined;
  // A pull request is judged by its base commit's configuration, never by its own (see policy.ts).
  const policy = await loadActionPolicy({
    workspace,
    root,
    ...(inputs.config ? { explicit: inputs.config } : {}),
    ...(pull ? { baseSha: pull.base.sha } : {}),
    operator: inputs.operator,
  });
  const loaded = policy.loaded;
  const gh = loaded.config.github ?? {};
  const failOn = inputs.failOn ?? loaded.config.failOn ?? DEFAULT_FAIL_ON;
  const minPrecision = inputs.minPrecision ?? loaded.config.minPrecision ?? DEFAULT_MIN_PRECISION;
  const commentMode = inputs.commentMode ?? gh.comments ?? 'review';
  const maxComments = inputs.maxComments ?? gh.maxComments;
  const sarifUpload = inputs.sarifUpload || gh.sarifUpload === true;

  const headSha = pull?.head.sha ?? env.GITHUB_SHA ?? '';
  const notes: string[] = [];
  const degradation = newDegradation();
  if (pull && isForkPull(event))
    notes.push(
      'This pull request comes from a fork: its token is usually read-only, so vigil reports what it can write.',
    );

  const client = inputs.token
    ? createGitHubClient({
        token: inputs.token,
        baseUrl: githubApiUrl(env),
        warn: (m) => io.stdout(`::warning::${escapeData(m)}`),
        ...(env.VIGIL_GITHUB_WRITE_INTERVAL_MS
          ? { writeIntervalMs: Number(env.VIGIL_GITHUB_WRITE_INTERVAL_MS) }
          : {}),
      })
    : undefined;
  if (!client) notes.push('No token given: results go to the job summary and annotations only.');

  const wanted = scannerGroups(inputs, loaded);
  const runUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;
  const checkRuns = client ? await startCheckRuns(client, repo, headSha, wanted, degradation, runUrl) : {};

  const unavailable = inputs.operator.unavailable ?? DEFAULT_UNAVAILABLE_POLICY;
  // A pull request is judged by its base's osv-scanner.toml files too, never by its own; and it
  // is scanned as committed, so its own .gitignore hides nothing (the App's tarball is the same).
  const base = pull ? await ignoreFilesAtBase(workspace, root, pull.base.sha) : undefined;
  const judged = base
    ? { options: { trustedIgnoreFiles: base.trusted }, gitignore: false as const }
    : { options: {} };
  const scan = (dir: string) => runScan(scanRequest(dir, loaded, inputs, judged));
  // The head scan hands over the lockfiles it read: the PR's upgrade plan is made from them.
  let inventory: InventoryResult | undefined;
  const scanHead = (dir: string) =>
    runScan(
      scanRequest(dir, loaded, inputs, {
        ...judged,
        options: { ...judged.options, onInventory: (read) => (inventory = read) },
      }),
    );
  let result: ScanResult;
  try {
    result = (pull && (await scanCommitted(workspace, rel, scanHead))) || (await scanHead(root));
    result.root = root;
    result.diagnostics.push(...policy.diagnostics, ...(base?.diagnostics ?? []));
  } catch (error) {
    // Never leave a check run in progress: close each with the reason, then fail the job.
    for (const run of Object.values(checkRuns)) {
      await attempt(degradation, 'close the check run', 'checks: write', () =>
        failCheckRun(client!, run, (error as Error).message ?? String(error)),
      );
    }
    throw error;
  }

  // From the operator's registry only (input `registry`), never the PR's .npmrc.
  const plan = inputs.operator.upgradePlan;
  const upgradePlan =
    pull && plan && inventory
      ? await planOutcome({
          findings: result.findings,
          inventories: inventory.inventories,
          root,
          config: loaded.config,
          cacheDir: defaultCacheDir(),
          registry: plan.registry,
        })
      : undefined;

  // Diff-awareness: scan the merge base (PRs) or the commit before the push.
  const before = typeof event.before === 'string' ? event.before : undefined;
  const baseSha = pull?.base.sha ?? (before && !/^0+$/.test(before) ? before : undefined);
  let baseFingerprints: Set<string> | undefined;
  if (baseSha) {
    baseFingerprints = await scanBase(workspace, rel, baseSha, headSha, scan, (m) =>
      io.stdout(`::warning::${escapeData(m)}`),
    );
    if (!baseFingerprints)
      notes.push(
        `The base commit ${baseSha.slice(0, 7)} could not be checked out (use actions/checkout with fetch-depth: 0); "new" means on a line this PR changes.`,
      );
  }

  const sarifPath = join(env.RUNNER_TEMP || workspace, 'vigil.sarif');
  writeFileSync(sarifPath, `${JSON.stringify(buildSarifLog(result), null, 2)}\n`);

  // The HTML report, as an artifact linked from the job summary and the PR summary comment.
  let artifact: ReportArtifact | undefined;
  const reportPage = async (classified: Classified): Promise<ReportPage> => {
    const where = `${env.GITHUB_REPOSITORY} at ${headSha.slice(0, 12)}${rel ? `, ${rel}` : ''}`;
    artifact = await publishReport(
      renderScanReport(result, classified, where, { failOn, minPrecision }),
      env,
      {
        dir: env.RUNNER_TEMP || workspace,
        ...(inputs.reportName ? { name: inputs.reportName } : {}),
        ...(inputs.reportRetentionDays ? { retentionDays: inputs.reportRetentionDays } : {}),
      },
    );
    return {
      ...(artifact.url ? { url: artifact.url } : {}),
      ...(artifact.note ? { note: artifact.note } : {}),
    };
  };

  let outcome: PublishOutcome | undefined;
  if (client) {
    outcome = await publish(client, {
      ...repo,
      headSha,
      result,
      ...(pull
        ? {
            pull: {
              number: pull.number,
              ...(pull.changed_files !== undefined ? { changedFiles: pull.changed_files } : {}),
            },
          }
        : {}),
      ...(baseFingerprints ? { baseFingerprints } : {}),
      failOn,
      minPrecision,
      ...(gh.failOnExisting !== undefined ? { failOnExisting: gh.failOnExisting } : {}),
      commentMode,
      ...(maxComments !== undefined ? { maxComments } : {}),
      readFile: (path) => readWorkspaceFile(root, path),
      ...(sarifUpload ? { sarif: await sarifTarget(workspace, env, pull) } : {}),
      checkRuns,
      noCheckRuns: degradation.degraded && Object.keys(checkRuns).length === 0,
      ...(runUrl ? { detailsUrl: runUrl } : {}),
      ...(inputs.htmlReport ? { reportPage } : {}),
      notes,
      degradation,
      unavailable,
      ...(upgradePlan ? { upgradePlan } : {}),
    });
  }
  const classified =
    outcome?.classified ??
    classifyFindings(result.findings, baseFingerprints ? { fingerprints: baseFingerprints } : {});
  const found = conclusionFor(classified, failOn, gh.failOnExisting, minPrecision);
  const incomplete = incompleteScanners(result.diagnostics);
  const conclusion = outcome?.conclusion ?? incompleteConclusion(found, incomplete.length > 0, unavailable);

  // Where GitHub refused (or there is no token), the workflow itself carries the findings.
  const fallback = !client || degradation.degraded;
  if (fallback) {
    for (const line of workflowAnnotations(classified.new)) io.stdout(line);
    for (const note of degradation.notes) io.stdout(`::warning title=vigil::${escapeData(note)}`);
  }
  let reportUrl: string | undefined;
  if (!outcome && inputs.htmlReport) {
    const page = await reportPage(classified);
    if (page.note) notes.push(page.note);
    reportUrl = page.url;
  }
  const summaryMarkdown =
    outcome?.summaryMarkdown ??
    renderSummary({
      classified,
      failOn,
      conclusion,
      notes,
      incomplete,
      unavailable,
      ...(reportUrl ? { reportUrl } : {}),
      ...(upgradePlan ? { upgradePlan } : {}),
    });
  const report = renderMarkdown(result, {
    failOn,
    minPrecision,
    maxLength: 900 * 1024 - summaryMarkdown.length,
  });
  appendStepSummary(`${summaryMarkdown}\n\n${report}`, env);

  setOutputs(env, {
    findings: classified.new.length + classified.existing.length,
    'new-findings': classified.new.length,
    'findings-by-kind': JSON.stringify(countByKind([...classified.new, ...classified.existing])),
    'new-by-kind': JSON.stringify(countByKind(classified.new)),
    conclusion,
    'sarif-path': sarifPath,
    degraded: String(fallback),
    incomplete: incomplete.map((i) => i.scanner).join(','),
    'report-path': artifact?.path ?? '',
    'report-url': artifact?.url ?? '',
  });
  io.stdout(
    `vigil: ${classified.new.length} new, ${classified.existing.length} existing, ${classified.suppressed.length} suppressed; conclusion ${conclusion}`,
  );
  // A scan that could not do its job fails the step under fail-closed, and warns under fail-open.
  const level = unavailable === 'fail-closed' ? 'error' : 'warning';
  for (const i of incomplete)
    io.stdout(`::${level} title=vigil: incomplete scan::${escapeData(unavailableLine(i, unavailable))}`);
  if (found === 'failure') {
    const failing = failingFindings(classified.new, failOn, minPrecision).length;
    io.stdout(`::error title=vigil::${failing} new finding${failing === 1 ? '' : 's'} at or above ${failOn}`);
    return 1;
  }
  return incomplete.length > 0 && unavailable === 'fail-closed' ? EXIT_INCOMPLETE : 0;
}

/**
 * Code scanning wants the ref and commit that were analysed: the merge commit GitHub checks out
 * for `pull_request` by default, or the PR head when the workflow checked that out instead.
 */
async function sarifTarget(
  workspace: string,
  env: NodeJS.ProcessEnv,
  pull: PullPayload | undefined,
): Promise<{ ref: string; commitSha: string }> {
  const checkedOut = await gitHead(workspace);
  if (pull && checkedOut === pull.head.sha)
    return { ref: `refs/pull/${pull.number}/head`, commitSha: pull.head.sha };
  return {
    ref: env.GITHUB_REF || (pull ? `refs/pull/${pull.number}/merge` : ''),
    commitSha: env.GITHUB_SHA || checkedOut || pull?.head.sha || '',
  };
}

function scannerGroups(inputs: ActionInputs, loaded: LoadedConfig): ScannerId[] {
  const ids = inputs.scanners ?? loaded.config.scanners ?? registeredScanners.map((s) => s.id);
  return [...new Set(ids.filter((id) => id !== 'container' || inputs.image))];
}

function scanRequest(
  dir: string,
  loaded: LoadedConfig,
  inputs: ActionInputs,
  judged: { options: ScanOptions; gitignore?: false },
): ScanRequest {
  return {
    root: dir,
    config: loaded.config,
    ...(loaded.configSource ? { configSource: loaded.configSource } : {}),
    options: { ...judged.options, ...(inputs.image ? { image: inputs.image } : {}) },
    select: { scanners: scannerGroups(inputs, loaded) },
    ...(judged.gitignore === false ? { gitignore: false } : {}),
  };
}

/**
 * The checked-out commit as committed: a temporary worktree of HEAD, scanned without .gitignore
 * files, so a file the pull request commits is scanned even when its own .gitignore names it, and
 * untracked build output stays out. Undefined when the workspace is not a git checkout (or the
 * path is not in HEAD): the caller then scans the workspace as it is.
 */
async function scanCommitted(
  workspace: string,
  rel: string,
  scan: (dir: string) => Promise<ScanResult>,
): Promise<ScanResult | undefined> {
  const top = await gitTopLevel(workspace);
  const head = top ? await gitHead(top) : undefined;
  if (!top || !head) return undefined;
  const sub = relative(top, resolve(workspace, rel));
  return withWorktree(top, head, (dir) =>
    existsSync(join(dir, sub)) ? scan(join(dir, sub)) : Promise.resolve(undefined),
  );
}

async function scanBase(
  workspace: string,
  rel: string,
  baseSha: string,
  headSha: string,
  scan: (dir: string) => Promise<ScanResult>,
  warn: (m: string) => void,
): Promise<Set<string> | undefined> {
  const top = await gitTopLevel(workspace);
  if (!top) {
    warn('the workspace is not a git checkout: cannot scan the base commit');
    return undefined;
  }
  const mergeBase = await findMergeBase(top, baseSha, headSha, warn);
  if (!mergeBase) return undefined;
  const sub = relative(top, resolve(workspace, rel));
  try {
    return await withWorktree(top, mergeBase, async (dir) => {
      const target = join(dir, sub);
      // A path the PR creates did not exist at the base: nothing there was pre-existing.
      if (!existsSync(target)) return new Set<string>();
      return fingerprintsOf((await scan(target)).findings);
    });
  } catch (error) {
    warn(
      `could not scan the base commit ${mergeBase.slice(0, 7)}: ${(error as Error).message.split('\n')[0]}`,
    );
    return undefined;
  }
}

/** Head file text for suggestion blocks; only regular files inside the scan root, bounded. */
function readWorkspaceFile(root: string, path: string): string | undefined {
  try {
    // Resolve links first: a link in the PR must not make vigil read a file outside the checkout.
    const abs = realpathSync(resolve(root, path));
    if (!abs.startsWith(realpathSync(root) + sep)) return undefined;
    const info = statSync(abs);
    if (!info.isFile() || info.size > MAX_SUGGESTION_FILE) return undefined;
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}
