/**
 * One measurement in a fresh process, printed as JSON:
 * - `parse`: typescript-estree alone, one thread, with the options vigil's fallback parse uses
 *   (locations, ranges, no JSDoc, no comment list);
 * - `parse-2`: the same on two worker threads, half the files each (what two threads buy here);
 * - `parse-defaults`: the same with typescript-estree's defaults (JSDoc parsed, no locations);
 * - `vigil`: the full SAST scan (every rule, taint across files, worker threads);
 * - `eslint`: ESLint with @typescript-eslint/parser and eslint-plugin-security's recommended rules.
 * Usage: npx node bench/sast/measure.ts <parse|parse-2|parse-defaults|vigil|eslint> <file-list.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { enableCompileCache } from 'node:module';
import { join } from 'node:path';
import { WORK } from './corpus.ts';
import { securityEslint } from './eslint-security.ts';

const [mode, listFile] = process.argv.slice(2);
const files = JSON.parse(readFileSync(listFile!, 'utf8')) as string[];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let detail: Record<string, number>;

/** Parse every file on this thread; a file the parser rejects is counted, not fatal. */
async function parseAll(parseOne: (path: string, text: string) => unknown): Promise<{ failed: number }> {
  let failed = 0;
  for (const f of files) {
    const text = await readFile(join(WORK, f), 'utf8');
    try {
      parseOne(f, text);
    } catch {
      failed++;
    }
  }
  return { failed };
}

if (mode === 'parse') {
  const { parseWithEstree } = await import('../../src/sast/parse.ts');
  detail = await parseAll(parseWithEstree);
} else if (mode === 'parse-2') {
  // The machine's own parallel capacity: the same bare parse, files dealt out to two worker threads.
  const { Worker } = await import('node:worker_threads');
  const halves = [0, 1].map((k) => files.filter((_, i) => i % 2 === k));
  const failed = await Promise.all(
    halves.map(
      (list) =>
        new Promise<number>((resolve, reject) => {
          const w = new Worker(new URL('./parse-worker.ts', import.meta.url), { workerData: list });
          w.once('message', (n: number) => void w.terminate().then(() => resolve(n)));
          w.once('error', reject);
        }),
    ),
  );
  detail = { failed: failed[0]! + failed[1]! };
} else if (mode === 'parse-defaults') {
  const { parse } = await import('@typescript-eslint/typescript-estree');
  detail = await parseAll((f, text) => parse(text, { jsx: /\.(jsx|tsx|js|mjs|cjs)$/.test(f), filePath: f }));
} else if (mode === 'vigil') {
  // As bin/vigil.js does: V8's compiled code for this thread's modules in the cache directory.
  enableCompileCache(join(WORK, 'cache', 'node-compile-cache'));
  const { scanJsFiles } = await import('../../src/sast/workers/index.ts');
  const { sastRules } = await import('../../rules/index.ts');
  const { defaultWorkerCount } = await import('../../src/sast/workers/pool.ts');
  // As the CLI runs: the default worker count ($VIGIL_WORKERS overrides it), a cache directory.
  const workers = defaultWorkerCount(files.length);
  const r = await scanJsFiles(
    files.map((path) => ({ path, absPath: join(WORK, path) })),
    { rules: sastRules, root: WORK, workers, cacheDir: join(WORK, 'cache') },
  );
  // For comparing findings across changes: VIGIL_BENCH_FINDINGS=<file>.
  if (process.env.VIGIL_BENCH_FINDINGS)
    writeFileSync(
      process.env.VIGIL_BENCH_FINDINGS,
      r.findings
        .map(
          (f) =>
            `${f.ruleId} ${f.location.path}:${f.location.startLine}:${f.location.startColumn} ${f.message}`,
        )
        .sort()
        .join('\n'),
    );
  const kinds = new Map<string, number>();
  for (const d of r.diagnostics)
    kinds.set(
      d.message.replace(/^[^:]*: /, '').slice(0, 60),
      (kinds.get(d.message.replace(/^[^:]*: /, '').slice(0, 60)) ?? 0) + 1,
    );
  if (process.env.VIGIL_BENCH_VERBOSE) console.error([...kinds].slice(0, 10));
  detail = {
    findings: r.findings.length,
    taintFindings: r.findings.filter((f) => f.flow).length,
    diagnostics: r.diagnostics.length,
    workers,
  };
} else if (mode === 'eslint') {
  const eslint = await securityEslint(WORK, true);
  const results = await eslint.lintFiles(files);
  detail = { messages: results.reduce((n, r) => n + r.messages.length, 0) };
} else {
  throw new Error(`unknown mode ${mode}`);
}

const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    mode,
    files: files.length,
    wallMs: Math.round(performance.now() - t0),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    ...detail,
  }),
);
