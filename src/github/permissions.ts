import { appendFileSync } from 'node:fs';
import type { Finding } from '../core/finding.ts';
import type { Severity } from '../core/severity.ts';
import { compareBySeverity } from '../report/model.ts';
import { httpStatus, isPermissionError } from './client.ts';

/**
 * Permission degradation. A fork PR gets a read-only GITHUB_TOKEN, and a workflow may grant less
 * than vigil could use: then the findings go to workflow-command annotations and the job summary,
 * and a note says what was skipped and why. A permissions problem never fails the job.
 */
export interface Degradation {
  /** What could not be done, one sentence each, for the summary and the log. */
  notes: string[];
  /** True once any write was refused: report through the workflow instead. */
  degraded: boolean;
}

export const newDegradation = (): Degradation => ({ notes: [], degraded: false });

interface PullEventLike {
  pull_request?: {
    head?: { repo?: { full_name?: string } | null };
    base?: { repo?: { full_name?: string } };
  };
}

/** A PR from a fork: its token is read-only, so do not even try writes that would 403. */
export function isForkPull(event: PullEventLike): boolean {
  const head = event.pull_request?.head?.repo?.full_name;
  const base = event.pull_request?.base?.repo?.full_name;
  return Boolean(event.pull_request) && (head === undefined || head !== base);
}

/**
 * Run one GitHub write. A permission refusal (403/404/401, not a rate limit) is recorded with the
 * permission that would allow it; any other failure (after the client's retries) is recorded as
 * such. Either way the caller gets undefined and reports through the workflow instead: reporting
 * trouble never decides the job's outcome, findings do.
 */
export async function attempt<T>(
  d: Degradation,
  what: string,
  permission: string,
  write: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    noteFailure(d, what, permission, error);
    return undefined;
  }
}

/** Record a write that failed (see `attempt`). */
export function noteFailure(d: Degradation, what: string, permission: string, error: unknown): void {
  d.degraded = true;
  const reason = `${httpStatus(error) ? `HTTP ${httpStatus(error)}: ` : ''}${String((error as Error).message ?? error).split('\n')[0]}`;
  d.notes.push(
    isPermissionError(error)
      ? `Could not ${what} (${reason}); grant \`${permission}\` to enable it. Findings are in the job summary and annotations instead.`
      : `Could not ${what} (${reason}). Findings are in the job summary and annotations instead.`,
  );
}

// ---- workflow commands ------------------------------------------------------------------------

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

/** `::error file=…,line=…::message` — GitHub turns it into an annotation on the run. */
export function workflowAnnotation(f: Finding): string {
  const l = f.location;
  const props = [
    `file=${escapeProperty(l.path)}`,
    `line=${Math.max(1, l.startLine)}`,
    `endLine=${Math.max(l.startLine, l.endLine, 1)}`,
    ...(l.startLine === l.endLine && l.endColumn > l.startColumn
      ? [`col=${l.startColumn}`, `endColumn=${l.endColumn}`]
      : []),
    `title=${escapeProperty(`[${f.severity}] ${f.title}`)}`,
  ];
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(`${f.message} (${f.ruleId})`)}`;
}

/** Workflow annotations beyond these are not displayed by GitHub anyway; the summary has the rest. */
export const MAX_WORKFLOW_ANNOTATIONS = 50;

export function workflowAnnotations(findings: readonly Finding[]): string[] {
  const sorted = [...findings].sort(compareBySeverity);
  const lines = sorted.slice(0, MAX_WORKFLOW_ANNOTATIONS).map(workflowAnnotation);
  if (sorted.length > MAX_WORKFLOW_ANNOTATIONS)
    lines.push(
      `::notice::${sorted.length - MAX_WORKFLOW_ANNOTATIONS} more findings are listed in the job summary`,
    );
  return lines;
}

/** GitHub takes at most 1 MiB of job summary per step. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

export function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const path = env.GITHUB_STEP_SUMMARY;
  if (!path) return false;
  const bytes = Buffer.byteLength(markdown);
  const text =
    bytes > STEP_SUMMARY_LIMIT - 1024
      ? `${Buffer.from(markdown)
          .subarray(0, STEP_SUMMARY_LIMIT - 1024)
          .toString('utf8')
          .replace(/\uFFFD*$/, '')}\n\n… truncated at GitHub's 1 MiB job summary limit\n`
      : markdown;
  appendFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
  return true;
}
