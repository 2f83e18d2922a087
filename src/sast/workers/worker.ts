import { parentPort, workerData } from 'node:worker_threads';
import { sastRules } from '../../../rules/index.ts';
import { analyseFile, type FileJob } from './analyse-file.ts';

/** A worker thread: loads the rules once, then analyses the files the pool sends, one at a time. */
const ids = new Set((workerData as { ruleIds: string[] }).ruleIds);
const rules = sastRules.filter((r) => ids.has(r.meta.id));

parentPort!.on('message', (job: FileJob) => {
  try {
    parentPort!.postMessage(analyseFile(job, rules));
  } catch (error) {
    parentPort!.postMessage({
      path: job.path,
      findings: [],
      diagnostics: [
        {
          level: 'error',
          source: 'sast',
          path: job.path,
          message: `analysis failed: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    });
  }
});
