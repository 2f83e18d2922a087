import type { ScanJob } from '../jobs.ts';
import type { EventInput } from './types.ts';

/** The actions whose head commit needs a scan. */
export const PULL_REQUEST_ACTIONS = ['opened', 'synchronize', 'reopened', 'ready_for_review'] as const;

interface PullRequestPayload {
  action: string;
  pull_request: {
    number: number;
    draft?: boolean;
    changed_files?: number;
    head: { sha: string };
    base: { sha: string };
  };
}

/** Scan the head SHA. Drafts wait for `ready_for_review`, as most review bots do. */
export function pullRequestJob(input: EventInput<PullRequestPayload>): ScanJob | undefined {
  const { payload } = input;
  const pr = payload.pull_request;
  if (!(PULL_REQUEST_ACTIONS as readonly string[]).includes(payload.action)) return undefined;
  if (pr.draft && payload.action !== 'ready_for_review') return undefined;
  return {
    type: 'scan',
    ...input.repo,
    headSha: pr.head.sha,
    pull: {
      number: pr.number,
      baseSha: pr.base.sha,
      ...(typeof pr.changed_files === 'number' ? { changedFiles: pr.changed_files } : {}),
    },
    trigger: `pull_request.${payload.action}`,
  };
}
