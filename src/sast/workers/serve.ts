import { parentPort, workerData } from 'node:worker_threads';
import { sastRules } from '../../../rules/index.ts';
import { declareThreadStack, parseSource } from '../parse.ts';
import { analyseFile, failedOutcome, type FileJob, type ParseRequest, SummaryStore } from './analyse-file.ts';

/** The worker thread proper (started by worker.ts): loads the rules once, then analyses the batches of files the pool sends. */
const { ruleIds, stackBytes } = workerData as { ruleIds: string[]; stackBytes: number };
declareThreadStack(stackBytes);
const ids = new Set(ruleIds);
const rules = sastRules.filter((r) => ids.has(r.meta.id));
/** Every summary this worker has received or made; the pool sends each one once. */
const store = new SummaryStore();

/**
 * A batch of files in, their outcomes out in one message. Or, after the analysis, texts to parse
 * for the main thread, whose stack is too small for Oxc (see parseOnWorker): their trees out.
 */
parentPort!.on('message', (jobs: FileJob[] | ParseRequest) => {
  if (!Array.isArray(jobs)) {
    parentPort!.postMessage(
      jobs.parse.map(({ path, text }) => {
        try {
          return parseSource(path, text);
        } catch {
          return null;
        }
      }),
    );
    return;
  }
  const outs = jobs.map((job) => {
    try {
      return analyseFile(job, rules, store);
    } catch (error) {
      return failedOutcome(job.path, error);
    }
  });
  parentPort!.postMessage(outs);
});
