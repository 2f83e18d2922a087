import type { ScanJob } from '../jobs.ts';
import type { EventInput } from './types.ts';

/** A pull request as check_run / check_suite payloads list it. */
export interface LinkedPull {
  number: number;
  head: { sha: string };
  base: { sha: string };
}

/** What check_run and check_suite share: the commit, the App that owns it, the PRs it heads. */
export interface CheckTarget {
  head_sha: string;
  app?: { id: number } | null;
  pull_requests?: LinkedPull[];
}

/**
 * A re-run request on one of vigil's checks: scan that commit again (with the PR it heads, if
 * any). Requests for other Apps' checks are not ours.
 */
export function rerunJob(
  input: EventInput<unknown>,
  target: CheckTarget,
  action: string,
  trigger: string,
): ScanJob | undefined {
  if (action !== 'rerequested' || target.app?.id !== input.appId) return undefined;
  const pr = target.pull_requests?.find((p) => p.head.sha === target.head_sha) ?? target.pull_requests?.[0];
  return {
    type: 'scan',
    ...input.repo,
    headSha: target.head_sha,
    ...(pr ? { pull: { number: pr.number, baseSha: pr.base.sha } } : {}),
    trigger,
    rerun: true,
  };
}
