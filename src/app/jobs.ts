/**
 * What the webhook side hands to the scan workers. Jobs are plain JSON (they cross Redis): ids and
 * SHAs only, never a token (workers request their own per scan).
 */
interface RepoJob {
  installationId: number;
  owner: string;
  repo: string;
  /** X-GitHub-Delivery of the webhook that caused the job, for the logs. */
  delivery: string;
}

export interface ScanJob extends RepoJob {
  type: 'scan';
  headSha: string;
  /** The PR whose head this is; without it only check runs are written. */
  pull?: { number: number; baseSha: string; changedFiles?: number };
  /** The event that asked (`pull_request.opened`, `check_run.rerequested`, …). */
  trigger: string;
  /** Someone pressed re-run: scan again even though this SHA was scanned. */
  rerun?: boolean;
}

/** A push to the default branch: scan it and record its fingerprints as the baseline. */
export interface BaselineJob extends RepoJob {
  type: 'baseline';
  sha: string;
}

export type Job = ScanJob | BaselineJob;

export const fullName = (job: Pick<Job, 'owner' | 'repo'>) => `${job.owner}/${job.repo}`;
export const jobSha = (job: Job) => (job.type === 'scan' ? job.headSha : job.sha);

/**
 * Jobs with one key run one at a time, and a newer job supersedes a pending older one: a PR's
 * scans share `owner/repo#N`; a re-run or a commit without a PR is keyed by its SHA; baselines by
 * the repository.
 */
export function jobKey(job: Job): string {
  if (job.type === 'baseline') return `${fullName(job)}~baseline`;
  if (job.pull && !job.rerun) return `${fullName(job)}#${job.pull.number}`;
  return `${fullName(job)}@${job.headSha}`;
}

/**
 * Jobs that must not run at the same time: everything about one PR (its pushes and its re-runs,
 * which post to the same review threads), else one commit, else the repository's baseline.
 */
export function lockKey(job: Job): string {
  if (job.type === 'scan' && job.pull) return `${fullName(job)}#${job.pull.number}`;
  return jobKey(job);
}

/** Unique per piece of work (BullMQ ids may not contain ':'); equal ids are the same work. */
export function jobId(job: Job): string {
  const base = `${jobKey(job)}@${jobSha(job)}`;
  return job.type === 'scan' && job.rerun ? `${base}~rerun-${job.delivery}` : base;
}

/**
 * A job that ended before its check runs existed (no installation token, no check run created):
 * the commit does not count as scanned, so a redelivery or a re-open starts it again.
 */
export class JobNotStarted extends Error {}
