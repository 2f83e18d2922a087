import type { ScanJob } from '../jobs.ts';
import { rerunJob, type CheckTarget } from './rerun.ts';
import type { EventInput } from './types.ts';

interface CheckRunPayload {
  action: string;
  check_run: CheckTarget;
}

/** The re-run button on one of vigil's check runs. */
export function checkRunJob(input: EventInput<CheckRunPayload>): ScanJob | undefined {
  return rerunJob(input, input.payload.check_run, input.payload.action, 'check_run.rerequested');
}
