import type { ScanJob } from '../jobs.ts';
import { pullFor, type EventInput, type LinkedPull } from './types.ts';

interface CheckRunPayload {
  action: string;
  check_run: { head_sha: string; app?: { id: number } | null; pull_requests?: LinkedPull[] };
}

/** The re-run button on one of vigil's check runs: scan that commit again. */
export function checkRunJob(input: EventInput<CheckRunPayload>): ScanJob | undefined {
  const { check_run: run, action } = input.payload;
  if (action !== 'rerequested' || run.app?.id !== input.appId) return undefined;
  const pull = pullFor(run.pull_requests, run.head_sha);
  return {
    type: 'scan',
    ...input.repo,
    headSha: run.head_sha,
    ...(pull ? { pull } : {}),
    trigger: 'check_run.rerequested',
    rerun: true,
  };
}
