import type { ScanJob } from '../jobs.ts';
import { rerunJob, type CheckTarget } from './rerun.ts';
import type { EventInput } from './types.ts';

interface CheckSuitePayload {
  action: string;
  check_suite: CheckTarget;
}

/** "Re-run all checks" on vigil's check suite. */
export function checkSuiteJob(input: EventInput<CheckSuitePayload>): ScanJob | undefined {
  return rerunJob(input, input.payload.check_suite, input.payload.action, 'check_suite.rerequested');
}
