import type { BaselineJob } from '../jobs.ts';
import type { EventInput } from './types.ts';

interface PushPayload {
  ref: string;
  after: string;
  deleted?: boolean;
  repository: { default_branch?: string; master_branch?: string };
}

/** A push to the default branch records the baseline PRs are compared with; other pushes are not ours. */
export function pushJob(input: EventInput<PushPayload>): BaselineJob | undefined {
  const { payload } = input;
  const branch = payload.repository.default_branch ?? payload.repository.master_branch;
  if (!branch || payload.ref !== `refs/heads/${branch}`) return undefined;
  if (payload.deleted || !/^[0-9a-f]{40}$/.test(payload.after) || /^0+$/.test(payload.after))
    return undefined;
  return { type: 'baseline', ...input.repo, sha: payload.after };
}
