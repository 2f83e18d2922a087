/** measure.ts `parse-2`: one worker thread's share of the bare parse; posts how many files failed. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { parseWithEstree } from '../../src/sast/parse.ts';
import { WORK } from './corpus.ts';

let failed = 0;
for (const f of workerData as string[]) {
  const text = await readFile(join(WORK, f), 'utf8');
  try {
    parseWithEstree(f, text);
  } catch {
    failed++;
  }
}
parentPort!.postMessage(failed);
