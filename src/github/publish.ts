import type { UnavailablePolicy } from '../core/config/operator.ts';
import type { ScannerId } from '../core/config/types.ts';
import {
  DEFAULT_MIN_PRECISION,
  gates,
  incompleteScanners,
  type Finding,
  type IncompleteScanner,
  type Precision,
} from '../core/finding.ts';
import type { ScanResult } from '../core/scanner.ts';
import type { FailThreshold } from '../core/severity.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { buildSarifLog, groupOfKind, SARIF_GROUPS } from '../report/sarif.ts';
import { classifyFindings, conclusionFor, type Classified, type Conclusion } from './baseline.ts';
import {
  annotationsFor,
  checkRunName,
  closeCheckRun,
  startCheckRun,
  type CheckRunRef,
  type CompleteCheckRun,
  type RepoRef,
} from './checks.ts';
import type { GitHub } from './client.ts';
import { fetchPullDiff, type PullDiff } from './diff.ts';
import { attempt, newDegradation, noteFailure, type Degradation } from './permissions.ts';
import { postReview, type ReviewOutcome } from './reviews.ts';
import { uploadSarif, type SarifUploadOutcome } from './sarif-upload.ts';
import { resolveStaleThreads, type StaleOutcome } from './stale.ts';
import { renderSummary, upsertSummaryComment } from './summary.ts';
import { GITHUB_TEXT_LIMIT } from './text.ts';
import { incompleteConclusion, unavailableLine } from './unavailable.ts';
import { renderPlanSection } from './upgrade-plan.ts';
import type { PlanOutcome } from '../sca/plan/make-plan.ts';

/**
 * Everything vigil posts for one scanned commit, in one call shared by the Action and the App:
 * a check run per scan kind, the PR review, stale-thread resolution, the sticky summary and the
 * SARIF upload. Each write is attempted on its own; one refused for permissions (or failing after
 * retries) is noted in `degradation` and the rest still happen.
 */
export type CommentMode = 'review' | 'summary' | 'off';

export interface PublishRequest extends RepoRef {
  headSha: string;
  /** The head scan. */
  result: ScanResult;
  /** The PR, when the commit is a PR head; without it no review or summary comment is posted. */
  pull?: { number: number; changedFiles?: number };
  /** Fingerprints of the merge-base scan (see baseline.ts); undefined = unknown. */
  baseFingerprints?: ReadonlySet<string>;
  failOn: FailThreshold;
  failOnExisting?: boolean;
  /**
   * Findings less certain (patterns for a human to look at) never fail a check run nor get a
   * comment or annotation; they stay in the summaries' audit lines, SARIF and the HTML report.
   */
  minPrecision?: Precision;
  commentMode?: CommentMode;
  maxComments?: number;
  /** File text at head, for suggestion blocks. */
  readFile?: (path: string) => string | undefined;
  /** Upload SARIF to code scanning with this ref (refs/heads/… or refs/pull/N/merge) and commit. */
  sarif?: { ref: string; commitSha: string };
  /** Check runs created before the scan (so they showed as in progress), by group. */
  checkRuns?: Partial<Record<ScannerId, CheckRunRef>>;
  /** Skip check runs entirely (the caller knows the token cannot write them). */
  noCheckRuns?: boolean;
  detailsUrl?: string;
  /**
   * The scan's HTML report, made once the findings are classified (the App's page, the Action's
   * artifact): its URL is linked from the summary and, unless `detailsUrl` is given, is the check
   * runs' `details_url`; its note (why there is none) goes in the summary.
   */
  reportPage?: (classified: Classified) => Promise<ReportPage>;
  /** Notes for the summary (base scan skipped, fork PR…). */
  notes?: string[];
  degradation?: Degradation;
  /** The operator's choice for a scanner that could not do its job; fail-closed when unset. */
  unavailable?: UnavailablePolicy;
  /** The upgrade plan of the head scan's npm advisories, or why none could be made. */
  upgradePlan?: PlanOutcome;
}

/** Where a scan's HTML report can be read, or why it cannot. */
export interface ReportPage {
  url?: string;
  note?: string;
}

export interface GroupOutcome {
  group: ScannerId;
  conclusion: Conclusion;
  newCount: number;
  existingCount: number;
  checkRun?: CheckRunRef;
}

export interface PublishOutcome {
  classified: Classified;
  conclusion: Conclusion;
  groups: GroupOutcome[];
  diff?: PullDiff;
  review?: ReviewOutcome;
  stale?: StaleOutcome;
  summaryMarkdown: string;
  summaryCommentId?: number;
  sarif?: SarifUploadOutcome;
  degradation: Degradation;
  /**
   * Check runs GitHub refused to complete (full and minimal update, after retries), with the
   * completion they should get: still in progress, so the caller must finish them later.
   */
  unfinished: Array<{ run: CheckRunRef; completion: CompleteCheckRun }>;
}

/** The groups a scan covered: every scanner that ran, plus any group that has findings. */
export function scannedGroups(result: ScanResult): ScannerId[] {
  const groups = new Set<ScannerId>(result.stats.scanners);
  for (const f of result.findings) groups.add(groupOfKind(f.kind));
  return (Object.keys(SARIF_GROUPS) as ScannerId[]).filter((g) => groups.has(g));
}

/** Start in-progress check runs for the groups about to be scanned (the App does this on the webhook). */
export async function startCheckRuns(
  gh: GitHub,
  repo: RepoRef,
  headSha: string,
  groups: readonly ScannerId[],
  d: Degradation,
  detailsUrl?: string,
): Promise<Partial<Record<ScannerId, CheckRunRef>>> {
  const runs: Partial<Record<ScannerId, CheckRunRef>> = {};
  for (const group of groups) {
    const run = await attempt(d, 'create check runs', 'checks: write', () =>
      startCheckRun(gh, {
        ...repo,
        headSha,
        name: checkRunName(group),
        reuseInProgress: true,
        ...(detailsUrl ? { detailsUrl } : {}),
      }),
    );
    if (!run) break;
    runs[group] = run;
  }
  return runs;
}

const worst = (list: Conclusion[]): Conclusion =>
  list.includes('failure') ? 'failure' : list.includes('neutral') ? 'neutral' : 'success';

function checkSummary(
  result: ScanResult,
  group: ScannerId,
  findings: Finding[],
  c: Classified,
  judged: { failOn: FailThreshold; minPrecision: Precision },
  incomplete: IncompleteScanner | undefined,
  policy: UnavailablePolicy | undefined,
  upgradePlan: string | undefined,
): string {
  const newSet = new Set(c.new);
  const unsuppressed = findings.filter((f) => !f.suppression);
  const fresh = unsuppressed.filter((f) => newSet.has(f)).length;
  const head = `${incomplete ? `**${unavailableLine(incomplete, policy)}**\n\n` : ''}**${fresh} new** in this change, ${unsuppressed.length - fresh} existing (${c.basis === 'merge-base' ? 'compared with the merge base' : c.basis === 'diff' ? 'new = on changed lines' : 'no base to compare with'}).\n\n${upgradePlan ? `${upgradePlan}\n\n` : ''}`;
  const groupDiagnostics = result.diagnostics.filter(
    (d) => !d.source || d.source === group || !(Object.keys(SARIF_GROUPS) as string[]).includes(d.source),
  );
  const body = renderMarkdown(
    { ...result, findings, diagnostics: groupDiagnostics },
    { ...judged, maxLength: GITHUB_TEXT_LIMIT - head.length },
  );
  return head + body;
}

export async function publish(gh: GitHub, req: PublishRequest): Promise<PublishOutcome> {
  const repo = { owner: req.owner, repo: req.repo };
  const d = req.degradation ?? newDegradation();
  const notes = [...(req.notes ?? [])];
  let diff: PullDiff | undefined;
  if (req.pull) {
    diff = await attempt(d, 'read the pull request diff', 'pull-requests: read', () =>
      fetchPullDiff(gh, repo, req.pull!.number, req.pull!.changedFiles),
    );
    if (diff?.truncated)
      notes.push(
        `This PR changes ${diff.totalFiles} files; GitHub lists only the first ${diff.files.size}, so comments cover those.`,
      );
  }
  const classified = classifyFindings(req.result.findings, {
    ...(req.baseFingerprints ? { fingerprints: req.baseFingerprints } : {}),
    ...(diff ? { diff } : {}),
  });
  const page = req.reportPage ? await req.reportPage(classified) : undefined;
  if (page?.note) notes.push(page.note);
  const reportUrl = page?.url;
  const detailsUrl = req.detailsUrl ?? reportUrl;
  const minPrecision = req.minPrecision ?? DEFAULT_MIN_PRECISION;
  /** Counts against the threshold and gets comments and annotations: not an audit finding. */
  const counts = (f: Finding) => gates(f, minPrecision);
  const groups: GroupOutcome[] = [];
  const unfinished: PublishOutcome['unfinished'] = [];
  let checksRefused = req.noCheckRuns === true;
  // Every check run started before the scan is completed, even for a scanner that did not run.
  const planSection = renderPlanSection(req.upgradePlan);
  const groupsToReport = new Set([
    ...scannedGroups(req.result),
    ...(Object.keys(req.checkRuns ?? {}) as ScannerId[]),
  ]);
  for (const group of groupsToReport) {
    const findings = req.result.findings.filter((f) => SARIF_GROUPS[group].includes(f.kind));
    const inGroup = (list: Finding[]) => list.filter((f) => SARIF_GROUPS[group].includes(f.kind));
    const c = { new: inGroup(classified.new), existing: inGroup(classified.existing) };
    const found = conclusionFor(c, req.failOn, req.failOnExisting, minPrecision);
    // A scanner that could not run has no findings, not a clean result: never a silent green.
    const incomplete = incompleteScanners(req.result.diagnostics).find((i) => i.scanner === group);
    const conclusion = incompleteConclusion(found, incomplete !== undefined, req.unavailable);
    const outcome: GroupOutcome = {
      group,
      conclusion,
      newCount: c.new.length,
      existingCount: c.existing.length,
    };
    groups.push(outcome);
    if (checksRefused) continue;
    let run: CheckRunRef | undefined = req.checkRuns?.[group];
    run ??= await attempt(d, 'create check runs', 'checks: write', () =>
      startCheckRun(gh, {
        ...repo,
        headSha: req.headSha,
        name: checkRunName(group),
        reuseInProgress: true,
        ...(detailsUrl ? { detailsUrl } : {}),
      }),
    );
    if (!run) {
      checksRefused = true;
      continue;
    }
    const gating = { new: c.new.filter(counts), existing: c.existing.filter(counts) };
    const audit = c.new.length + c.existing.length - gating.new.length - gating.existing.length;
    const { annotations, omitted } = annotationsFor(gating.new, gating.existing);
    const summary = checkSummary(
      req.result,
      group,
      findings,
      classified,
      { failOn: req.failOn, minPrecision },
      incomplete,
      req.unavailable,
      group === 'sca' ? planSection : undefined,
    );
    const title = `${incomplete ? `incomplete (${req.unavailable ?? 'fail-closed'}): ` : ''}${gating.new.length} new, ${gating.existing.length} existing${audit ? `, ${audit} audit` : ''}${omitted ? ` (${omitted} not annotated)` : ''}`;
    const completion: CompleteCheckRun = {
      conclusion,
      title,
      summary,
      annotations,
      ...(detailsUrl ? { detailsUrl } : {}),
    };
    try {
      await closeCheckRun(gh, run, completion);
      outcome.checkRun = run;
    } catch (error) {
      unfinished.push({ run, completion });
      noteFailure(d, 'complete check runs', 'checks: write', error);
    }
  }
  const conclusion = worst(groups.map((g) => g.conclusion));
  const checkRunLinks = groups
    .filter((g) => g.checkRun?.htmlUrl)
    .map((g) => ({ name: checkRunName(g.group), url: g.checkRun!.htmlUrl }));

  const out: PublishOutcome = {
    classified,
    conclusion,
    groups,
    ...(diff ? { diff } : {}),
    summaryMarkdown: '',
    degradation: d,
    unfinished,
  };
  const mode = req.commentMode ?? 'review';
  if (req.pull && diff && mode === 'review') {
    const review = await attempt(d, 'post the review', 'pull-requests: write', () =>
      postReview(gh, {
        ...repo,
        pullNumber: req.pull!.number,
        headSha: req.headSha,
        diff: diff!,
        findings: classified.new.filter(counts),
        ...(req.maxComments !== undefined ? { maxComments: req.maxComments } : {}),
        ...(req.readFile ? { readFile: req.readFile } : {}),
        ...(checkRunLinks[0] ? { checkRunUrl: checkRunLinks[0].url } : {}),
      }),
    );
    if (review) out.review = review;
    const scannedKinds = new Set<string>(scannedGroups(req.result).flatMap((g) => SARIF_GROUPS[g]));
    const current = new Set(req.result.findings.filter((f) => !f.suppression).map((f) => f.fingerprint));
    const stale = await attempt(d, 'resolve fixed review threads', 'pull-requests: write', () =>
      resolveStaleThreads(gh, repo, req.pull!.number, current, scannedKinds),
    );
    if (stale) out.stale = stale;
  }
  if (req.sarif) {
    const log = buildSarifLog(req.result);
    const sarif = await attempt(d, 'upload SARIF to code scanning', 'security-events: write', () =>
      uploadSarif(gh, { ...repo, ...req.sarif!, log }),
    );
    if (sarif) {
      out.sarif = sarif;
      notes.push(...sarif.warnings);
    }
  }
  const summaryInput = {
    classified,
    failOn: req.failOn,
    minPrecision,
    conclusion,
    checkRuns: checkRunLinks,
    headSha: req.headSha,
    ...(reportUrl ? { reportUrl } : {}),
    incomplete: incompleteScanners(req.result.diagnostics),
    ...(req.unavailable ? { unavailable: req.unavailable } : {}),
    ...(req.upgradePlan ? { upgradePlan: req.upgradePlan } : {}),
  };
  if (req.pull && mode !== 'off') {
    const body = renderSummary({ ...summaryInput, notes: [...notes, ...d.notes] });
    const comment = await attempt(d, 'update the summary comment', 'pull-requests: write', () =>
      upsertSummaryComment(gh, repo, req.pull!.number, body),
    );
    if (comment) out.summaryCommentId = comment.id;
  }
  // Rendered last so it carries every note, including failures of the writes above.
  out.summaryMarkdown = renderSummary({ ...summaryInput, notes: [...notes, ...d.notes] });
  return out;
}
