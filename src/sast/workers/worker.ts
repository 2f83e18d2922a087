import { parentPort, workerData } from 'node:worker_threads';
import { sastRules } from '../../../rules/index.ts';
import { analyseFile, failedOutcome, type FileJob } from './analyse-file.ts';

/** A worker thread: loads the rules once, then analyses the files the pool sends, one at a time. */
const ids = new Set((workerData as { ruleIds: string[] }).ruleIds);
const rules = sastRules.filter((r) => ids.has(r.meta.id));

parentPort!.on('message', (job: FileJob) => {
  let out;
  try {
    out = analyseFile(job, rules);
  } catch (error) {
    out = failedOutcome(job.path, error);
  }
  parentPort!.postMessage(out);
});
