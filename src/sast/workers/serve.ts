import { parentPort, workerData } from 'node:worker_threads';
import { sastRules } from '../../../rules/index.ts';
import { analyseFile, failedOutcome, type FileJob, SummaryStore } from './analyse-file.ts';

/** The worker thread proper (started by worker.ts): loads the rules once, then analyses the files the pool sends, one at a time. */
const ids = new Set((workerData as { ruleIds: string[] }).ruleIds);
const rules = sastRules.filter((r) => ids.has(r.meta.id));
/** Every summary this worker has received or made; the pool sends each one once. */
const store = new SummaryStore();

parentPort!.on('message', (job: FileJob) => {
  let out;
  try {
    out = analyseFile(job, rules, store);
  } catch (error) {
    out = failedOutcome(job.path, error);
  }
  parentPort!.postMessage(out);
});
