import type { Finding, FindingKind } from '../core/finding.ts';
import type { Severity } from '../core/severity.ts';
import { compareBySeverity } from '../report/model.ts';
import type { GitHub } from './client.ts';
import type { Conclusion } from './baseline.ts';
import { boundText } from './text.ts';

/** GitHub accepts at most 50 annotations per create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Beyond this many, annotations stop helping anyone; the rest are counted in the summary. */
export const MAX_ANNOTATIONS = 1000;

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface CheckRunRef extends RepoRef {
  id: number;
  /** The check run's page on GitHub, for links from comments. */
  htmlUrl: string;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
  raw_details?: string;
}

export function checkRunName(kind: FindingKind | string): string {
  return `vigil / ${kind}`;
}

const LEVEL: Record<Severity, Annotation['annotation_level']> = {
  critical: 'failure',
  high: 'failure',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

/** One annotation per finding; the message ends with the rule id so people can search for it. */
export function annotationFor(f: Finding, isNew: boolean): Annotation {
  const { location } = f;
  const start = Math.max(1, location.startLine);
  const end = Math.max(start, location.endLine);
  const sameLine = start === end && location.startColumn > 0 && location.endColumn > location.startColumn;
  const fix = f.fix ? `\nFix: ${f.fix.description}` : '';
  const flow = f.flow?.length
    ? f.flow.map((s) => `${s.location.path}:${s.location.startLine} ${s.message}`).join('\n')
    : undefined;
  return {
    path: location.path,
    start_line: start,
    end_line: end,
    ...(sameLine ? { start_column: location.startColumn, end_column: location.endColumn } : {}),
    annotation_level: LEVEL[f.severity],
    title: `${isNew ? '' : '(existing) '}[${f.severity}] ${f.title}`.slice(0, 255),
    message: `${f.message}${fix}\n(${f.ruleId})`.slice(-60000),
    ...(flow ? { raw_details: flow.slice(0, 60000) } : {}),
  };
}

/** New findings first, most serious first; at most MAX_ANNOTATIONS. */
export function annotationsFor(
  newFindings: readonly Finding[],
  existing: readonly Finding[],
): { annotations: Annotation[]; omitted: number } {
  const all = [
    ...[...newFindings].sort(compareBySeverity).map((f) => annotationFor(f, true)),
    ...[...existing].sort(compareBySeverity).map((f) => annotationFor(f, false)),
  ];
  return { annotations: all.slice(0, MAX_ANNOTATIONS), omitted: Math.max(0, all.length - MAX_ANNOTATIONS) };
}

export interface StartCheckRun extends RepoRef {
  headSha: string;
  name: string;
  detailsUrl?: string;
  externalId?: string;
  /** Reuse a run of this name on this SHA that is not completed yet (redelivered events, retries). */
  reuseInProgress?: boolean;
}

export async function startCheckRun(gh: GitHub, o: StartCheckRun): Promise<CheckRunRef> {
  const repo = { owner: o.owner, repo: o.repo };
  if (o.reuseInProgress) {
    const { data } = await gh.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
      ...repo,
      ref: o.headSha,
      check_name: o.name,
      filter: 'latest',
      per_page: 100,
    });
    const open = data.check_runs.find((r) => r.status !== 'completed');
    if (open) return { ...repo, id: Number(open.id), htmlUrl: open.html_url ?? '' };
  }
  const { data } = await gh.request('POST /repos/{owner}/{repo}/check-runs', {
    ...repo,
    name: o.name,
    head_sha: o.headSha,
    status: 'in_progress',
    started_at: new Date().toISOString(),
    ...(o.detailsUrl ? { details_url: o.detailsUrl } : {}),
    ...(o.externalId ? { external_id: o.externalId } : {}),
  });
  return { ...repo, id: Number(data.id), htmlUrl: data.html_url ?? '' };
}

export interface CompleteCheckRun {
  conclusion: Conclusion | 'failure' | 'cancelled' | 'action_required' | 'skipped';
  title: string;
  /** Markdown; kept within GitHub's 65,535 characters with an "N more" line if longer. */
  summary: string;
  text?: string;
  annotations?: readonly Annotation[];
  /** The page "Details" opens on GitHub (the App's HTML report of the scan). */
  detailsUrl?: string;
}

/**
 * Annotations go in batches of 50 through updates (they append); the last batch rides on the
 * completing update, so 120 annotations cost three requests.
 */
export async function completeCheckRun(
  gh: GitHub,
  run: CheckRunRef,
  o: CompleteCheckRun,
): Promise<{ annotationRequests: number }> {
  const base = { owner: run.owner, repo: run.repo, check_run_id: run.id };
  const output = (annotations: readonly Annotation[]) => ({
    title: o.title.slice(0, 255),
    summary: boundText(o.summary),
    ...(o.text ? { text: boundText(o.text) } : {}),
    ...(annotations.length ? { annotations: [...annotations] } : {}),
  });
  const all = o.annotations ?? [];
  const batches: Annotation[][] = [];
  for (let i = 0; i < all.length; i += ANNOTATIONS_PER_REQUEST)
    batches.push(all.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const last = batches.pop() ?? [];
  for (const batch of batches) {
    await gh.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
      ...base,
      output: output(batch),
    });
  }
  await gh.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
    ...base,
    status: 'completed',
    conclusion: o.conclusion,
    completed_at: new Date().toISOString(),
    ...(o.detailsUrl ? { details_url: o.detailsUrl } : {}),
    output: output(last),
  });
  return { annotationRequests: batches.length + (last.length ? 1 : 0) };
}

/**
 * Complete a run whatever it takes: the full update (annotations, long summary), else a minimal
 * one (conclusion, title, a short summary; a 5xx past retries may come from the output's size or
 * from a passing fault). Throws the first failure when even the minimal update fails, so the
 * caller keeps the run to finish later instead of leaving it in progress.
 */
export async function closeCheckRun(gh: GitHub, run: CheckRunRef, o: CompleteCheckRun): Promise<void> {
  try {
    await completeCheckRun(gh, run, o);
  } catch (error) {
    try {
      await completeCheckRun(gh, run, minimalCompletion(o));
    } catch {
      throw error;
    }
  }
}

/** The completion that is still worth sending when the full one cannot be: no annotations, no text. */
export function minimalCompletion(o: CompleteCheckRun): CompleteCheckRun {
  return {
    conclusion: o.conclusion,
    title: o.title,
    summary: `${o.summary.slice(0, 2000)}${o.summary.length > 2000 ? '\n\n…' : ''}\n\nvigil could not post the full report on this check run (GitHub refused the update); this is a shortened one.`,
    ...(o.detailsUrl ? { detailsUrl: o.detailsUrl } : {}),
  };
}

/** The completion for a scan that stopped before it finished (crash, timeout, shutdown). */
export function failedCompletion(
  reason: string,
  conclusion: CompleteCheckRun['conclusion'] = 'failure',
): CompleteCheckRun {
  return {
    conclusion,
    title: conclusion === 'cancelled' ? 'vigil stopped this scan' : 'vigil could not complete the scan',
    summary: `The scan stopped before it finished:\n\n\`\`\`\n${reason.replace(/```/g, "'''").slice(0, 4000)}\n\`\`\``,
  };
}

/** A scan that crashed must not leave its check run in progress forever. */
export async function failCheckRun(gh: GitHub, run: CheckRunRef, reason: string): Promise<void> {
  await closeCheckRun(gh, run, failedCompletion(reason));
}
