import type { ScanJob } from '../jobs.ts';
import { pullFor, type EventInput, type LinkedPull } from './types.ts';

interface CheckSuitePayload {
  action: string;
  check_suite: { head_sha: string; app?: { id: number } | null; pull_requests?: LinkedPull[] };
}

/** "Re-run all checks" on vigil's suite: scan that commit again. */
export function checkSuiteJob(input: EventInput<CheckSuitePayload>): ScanJob | undefined {
  const { check_suite: suite, action } = input.payload;
  if (action !== 'rerequested' || (suite.app && suite.app.id !== input.appId)) return undefined;
  const pull = pullFor(suite.pull_requests, suite.head_sha);
  return {
    type: 'scan',
    ...input.repo,
    headSha: suite.head_sha,
    ...(pull ? { pull } : {}),
    trigger: 'check_suite.rerequested',
    rerun: true,
  };
}
