import { gzipSync } from 'node:zlib';
import type * as Sarif from 'sarif';
import type { GitHub } from './client.ts';
import type { RepoRef } from './checks.ts';

/** Code scanning's upload limits: gzip-compressed size, and results per run. */
export const MAX_SARIF_GZIP_BYTES = 10 * 1024 * 1024;
export const MAX_RESULTS_PER_RUN = 25000;

export interface SarifUploadRequest extends RepoRef {
  commitSha: string;
  /** `refs/heads/<branch>` or `refs/pull/<n>/merge` (or `/head`). */
  ref: string;
  log: Sarif.Log;
  /** Size budget, for tests; defaults to GitHub's 10 MB. */
  maxGzipBytes?: number;
}

export interface SarifUploadOutcome {
  uploads: Array<{ category: string; id: string; results: number; bytes: number }>;
  warnings: string[];
}

const LEVEL_ORDER: Record<string, number> = { error: 0, warning: 1, note: 2, none: 3 };

/** Most serious results first, so trimming drops the least serious. */
function bySeverity(a: Sarif.Result, b: Sarif.Result): number {
  return (LEVEL_ORDER[a.level ?? 'warning'] ?? 1) - (LEVEL_ORDER[b.level ?? 'warning'] ?? 1);
}

function encode(log: Sarif.Log): Buffer {
  return gzipSync(JSON.stringify(log));
}

/**
 * Fit one run into the limits: at most 25,000 results, and a compressed upload within the size
 * budget (halving the results until it fits). Every cut is reported as a warning.
 */
export function fitRun(
  log: Sarif.Log,
  run: Sarif.Run,
  maxBytes: number,
  warnings: string[],
): { payload: Buffer; results: number } {
  const category = run.automationDetails?.id ?? '(no category)';
  let results = [...(run.results ?? [])].sort(bySeverity);
  if (results.length > MAX_RESULTS_PER_RUN) {
    warnings.push(
      `SARIF ${category}: ${results.length} results exceed code scanning's ${MAX_RESULTS_PER_RUN} per run; uploading the ${MAX_RESULTS_PER_RUN} most serious`,
    );
    results = results.slice(0, MAX_RESULTS_PER_RUN);
  }
  for (;;) {
    const payload = encode({ ...log, runs: [{ ...run, results }] });
    if (payload.length <= maxBytes) return { payload, results: results.length };
    if (results.length === 0)
      throw new Error(
        `SARIF ${category}: ${payload.length} bytes compressed without any results; exceeds the ${maxBytes}-byte limit`,
      );
    const keep = Math.floor(results.length / 2);
    warnings.push(
      `SARIF ${category}: ${payload.length} compressed bytes exceed ${maxBytes}; keeping the ${keep} most serious of ${results.length} results`,
    );
    results = results.slice(0, keep);
  }
}

/** One upload per run, so each scan kind keeps its own code scanning category. */
export async function uploadSarif(gh: GitHub, o: SarifUploadRequest): Promise<SarifUploadOutcome> {
  const outcome: SarifUploadOutcome = { uploads: [], warnings: [] };
  const { runs, ...rest } = o.log;
  for (const run of runs) {
    const { payload, results } = fitRun(
      { ...rest, runs: [] },
      run,
      o.maxGzipBytes ?? MAX_SARIF_GZIP_BYTES,
      outcome.warnings,
    );
    const { data } = await gh.request('POST /repos/{owner}/{repo}/code-scanning/sarifs', {
      owner: o.owner,
      repo: o.repo,
      commit_sha: o.commitSha,
      ref: o.ref,
      sarif: payload.toString('base64'),
      tool_name: run.tool.driver.name,
    });
    outcome.uploads.push({
      category: run.automationDetails?.id ?? '',
      id: data.id ?? '',
      results,
      bytes: payload.length,
    });
  }
  return outcome;
}
