import { getCompileCacheDir } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Diagnostic, DraftFinding } from '../../core/finding.ts';
import { MAX_WORKERS } from '../../core/scanner.ts';
import { stackBytesFor } from '../parse.ts';
import type { RuleModule } from '../rule.ts';
import { libraryFindings } from '../library/findings.ts';
import type { LibraryPackage } from '../library/packages.ts';
import { SummaryCache, summaryKey, textHash } from '../taint/summary.ts';
import {
  analyseFile,
  auditsFor,
  failedOutcome,
  type FileJob,
  type FileOutcome,
  type ParseRequest,
  rulesFor,
  SummaryStore,
} from './analyse-file.ts';
import { DependencyScheduler, type ImportGraph } from './graph.ts';
import { HeapBudget } from './heap-budget.ts';

/** Bumped when rules or the engine change what a summary holds; part of every cache key. */
export const SUMMARY_FORMAT = 'vigil-taint-34';

/**
 * Below this many files per worker a worker costs more than it saves: each worker's V8 compiles
 * the parser bindings and the analysis again.
 */
const MIN_FILES_PER_WORKER = 500;

/**
 * Worker threads when the caller does not say: `$VIGIL_WORKERS` if set, else one per core (at
 * most 8, and only as many as the files pay for), and at least one. Two threads were measured no
 * faster than one on two cores (bench/README.md), so there one worker analyses alone. Even one
 * worker beats the main thread: a worker's stack is sized for the longest text, so every file can
 * go to the native parser (see `declareThreadStack`).
 */
export function defaultWorkerCount(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const set = env.VIGIL_WORKERS?.trim();
  if (set && /^\d+$/.test(set)) return Math.min(Number(set), MAX_WORKERS);
  const cores = availableParallelism();
  return cores <= 2 ? 1 : Math.max(1, Math.min(cores, 8, Math.floor(files / MIN_FILES_PER_WORKER)));
}

export interface AnalyseOptions {
  rules: readonly RuleModule[];
  /**
   * Worker threads; 0 runs in this thread, where only texts short enough for its unknown stack go
   * to the native parser and typescript-estree parses the rest. Default: defaultWorkerCount.
   */
  workers?: number;
  /** Files whose findings are wanted; the others are analysed only for their summaries. Default: all. */
  report?: ReadonlySet<string>;
  /** Files the taint rules must see (default: all); the others get the structural rules only. */
  taint?: ReadonlySet<string>;
  /**
   * Generated files (src/sast/generated-files.ts): outside the taint set, and not given the taint
   * rules' pattern halves either, whose premise is code someone wrote with callers out of view.
   */
  generated?: ReadonlySet<string>;
  /**
   * Library mode: the library packages, whose entry files' summaries yield findings for what a
   * caller of their exported API controls (see libraryFindings), and the files of their code,
   * which run every taint rule whatever its hint (a summary must carry every sink upwards).
   */
  library?: { packages: readonly LibraryPackage[]; files: ReadonlySet<string> };
  /** The version ranges a file's package declares for version-gated sinks' modules. */
  declared?: (path: string) => Readonly<Record<string, string>> | undefined;
  cacheDir?: string;
  /** Absolute scan root: with a cache, summaries are also indexed by absolute path for the ESLint plugin. */
  root?: string;
  onFile?: () => void;
  signal?: AbortSignal;
  /** Workers started before the import graph was built (startWorkers); the pool adopts them. */
  started?: StartedWorkers;
}

/**
 * Worker threads started as soon as the texts are read, so that loading the parser and the rules
 * in them overlaps the import graph and the other work the main thread does before analysing.
 */
export interface StartedWorkers {
  readonly stackMb: number;
  readonly ruleIds: readonly string[];
  readonly compileCache: string | undefined;
  readonly idle: Worker[];
}

/** Start `count` workers for these texts (their stack fits the longest); analyseFiles adopts them. */
export function startWorkers(
  count: number,
  texts: Iterable<string>,
  rules: readonly RuleModule[],
  cacheDir?: string,
): StartedWorkers {
  let longest = 0;
  for (const text of texts) longest = Math.max(longest, text.length);
  const stackMb = workerStackMb(longest);
  const ruleIds = rules.map((r) => r.meta.id);
  // V8's compile cache for the workers: in vigil's cache directory, else wherever this thread's is.
  const compileCache = cacheDir ? join(cacheDir, 'node-compile-cache') : getCompileCacheDir();
  const started = { stackMb, ruleIds, compileCache, idle: [] as Worker[] };
  // One that dies before a pool adopts it is dropped, and the pool starts another in its place.
  for (let i = 0; i < count; i++) keepIdle(started, newWorker(started));
  return started;
}

/** Stop the started workers: those no pool adopted, and those a pool handed back when done. */
export async function stopWorkers(started: StartedWorkers): Promise<void> {
  await Promise.all(started.idle.splice(0).map((w) => w.terminate()));
}

/** An idle worker is dropped from `started` when it dies. */
function keepIdle(started: StartedWorkers, worker: Worker): void {
  worker.once('error', () => {
    const at = started.idle.indexOf(worker);
    if (at >= 0) started.idle.splice(at, 1);
  });
  started.idle.push(worker);
}

/**
 * Parse texts of the scan on an idle worker of `started`, whose stack fits Oxc for every one of
 * them: for the main thread, where a long text would load typescript-estree (and TypeScript's
 * compiler, half a second) instead. The trees come back by structured clone, without parent
 * pointers; null where a text does not parse. Undefined when no worker is idle.
 */
export function parseOnWorker(
  started: StartedWorkers,
  files: ParseRequest['parse'],
): Promise<Array<TSESTree.Program | null>> | undefined {
  const worker = started.idle[0];
  if (!worker) return undefined;
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    const onMessage = (trees: Array<TSESTree.Program | null>) => {
      worker.off('error', onError);
      resolve(trees);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage({ parse: files } satisfies ParseRequest);
  });
}

function newWorker({ stackMb, ruleIds, compileCache }: Omit<StartedWorkers, 'idle'>): Worker {
  // Read when the worker's isolate is configured: set before each start (process-wide, but the
  // isolates already running keep their young generation).
  setFlagsFromString(`--min-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
  return new Worker(WORKER_URL, {
    workerData: { ruleIds, compileCache, stackBytes: stackMb * MB },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, stackSizeMb: stackMb },
  });
}

export interface AnalyseResult {
  findings: DraftFinding[];
  diagnostics: Diagnostic[];
  /** Files whose summary came from the cache instead of an analysis. */
  cached: number;
}

/**
 * Analyse files in dependency order — a file after the files it imports, so their summaries are
 * ready — on a pool of worker threads. Only texts and summaries cross thread boundaries; each
 * worker parses a file, analyses it and drops the tree before the next.
 */
export async function analyseFiles(
  texts: ReadonlyMap<string, string>,
  graph: ImportGraph,
  options: AnalyseOptions,
): Promise<AnalyseResult> {
  const scheduler = new DependencyScheduler(graph, texts.keys());
  const summaries = new SummaryStore();
  const keys = new Map<string, string>();
  const findings: DraftFinding[] = [];
  const diagnostics: Diagnostic[] = [];
  const cache = options.cacheDir ? new SummaryCache(options.cacheDir) : undefined;
  const report = options.report;
  let cached = 0;

  const declared = options.declared ?? (() => undefined);
  /**
   * The job for a file. `held` holds the summaries the receiving thread has, or will have made by
   * the time it reaches this file (a lone worker's earlier batches): those are not sent again.
   */
  const jobFor = (path: string, held?: Set<string>): FileJob => {
    const imports: Record<string, string> = {};
    const pending: string[] = [];
    const toSend: Record<string, string> = {};
    for (const [spec, target] of graph.imports.get(path) ?? []) {
      if (held?.has(target)) {
        imports[spec] = target;
        continue;
      }
      const json = summaries.text(target);
      if (json === undefined) {
        pending.push(spec);
        continue;
      }
      imports[spec] = target;
      if (held) {
        held.add(target);
        toSend[target] = json;
      }
    }
    const text = texts.get(path)!;
    const summaryOnly = report !== undefined && !report.has(path);
    const ranges = declared(path);
    const { rules, audits } = hintsOf(path);
    return {
      path,
      text,
      imports,
      ...(pending.length ? { pending } : {}),
      summaries: toSend,
      ...(summaryOnly ? { summaryOnly } : {}),
      ...(options.taint && !options.taint.has(path) ? { outsideTaint: true } : {}),
      ...(options.generated?.has(path) ? { generated: true } : {}),
      ...(options.library?.files.has(path) ? { library: true } : {}),
      ...(ranges ? { declared: { ...ranges } } : {}),
      rules,
      audits,
    };
  };
  /**
   * The rules a file's hints let run, and the pattern halves among them: matched in the pool's
   * thread, on demand or ahead (`matchHintsAhead`) while the worker is busy.
   */
  const hints = new Map<string, Pick<FileJob, 'rules' | 'audits'>>();
  const hintsOf = (path: string): Pick<FileJob, 'rules' | 'audits'> => {
    let known = hints.get(path);
    if (!known) {
      const text = texts.get(path)!;
      const summaryOnly = report !== undefined && !report.has(path);
      const rules = options.library?.files.has(path)
        ? [...new Set([...rulesFor(options.rules, text, summaryOnly), ...taintRuleIds])]
        : rulesFor(options.rules, text, summaryOnly);
      hints.set(path, (known = { rules, audits: auditsFor(options.rules, rules, text) }));
    }
    return known;
  };
  const taintRuleIds = options.rules.filter((r) => r.taint).map((r) => r.meta.id);
  const ruleset = SUMMARY_FORMAT + options.rules.map((r) => r.meta.id).join(',');
  /** Each text is hashed once: for its cache key and for the ESLint plugin's index by path. */
  const hashes = new Map<string, string>();
  const keyFor = (path: string): string => {
    const hash = textHash(texts.get(path)!);
    hashes.set(path, hash);
    const ranges = declared(path);
    return summaryKey(
      hash,
      (options.library?.files.has(path) ? `${ruleset}+library` : ruleset) +
        (ranges ? `+declared:${JSON.stringify(ranges)}` : ''),
      [...(graph.imports.get(path)?.values() ?? [])].map((t) => keys.get(t) ?? t),
    );
  };

  /** `scheduled`: the scheduler counted the file complete when it was sent (a lone worker's). */
  const accept = (out: FileOutcome, scheduled = false): void => {
    findings.push(...out.findings);
    diagnostics.push(...out.diagnostics);
    if (out.summary !== undefined) {
      summaries.set(out.path, out.summary);
      if (cache) {
        const key = keys.get(out.path)!;
        cache.set(key, out.summary);
        if (options.root) cache.setForPath(join(options.root, out.path), hashes.get(out.path)!, key);
      }
    }
    if (!scheduled) scheduler.complete(out.path);
    options.onFile?.();
  };

  // A summary-only file whose summary is cached needs no analysis at all.
  const tryCache = (path: string): boolean => {
    keys.set(path, keyFor(path));
    if (!cache || !report || report.has(path)) return false;
    const hit = cache.get(keys.get(path)!);
    if (!hit) return false;
    cached++;
    summaries.set(path, hit);
    scheduler.complete(path);
    options.onFile?.();
    return true;
  };

  const count = Math.min(options.workers ?? defaultWorkerCount(texts.size), texts.size);
  if (count <= 0) {
    const heap = new HeapBudget(MAIN_THREAD_HEAP_MB * 1024 * 1024);
    let slice = performance.now();
    for (let path = scheduler.next(); path !== undefined; path = scheduler.next()) {
      options.signal?.throwIfAborted();
      if (tryCache(path)) continue;
      let out: FileOutcome;
      try {
        out = analyseFile(jobFor(path), options.rules, summaries);
      } catch (error) {
        out = failedOutcome(path, error);
      }
      accept(out);
      heap.check();
      // Let the event loop run now and then: the progress bar, other scanners' reads, a signal.
      if (performance.now() - slice > YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
    }
  } else {
    const started = options.started ?? startWorkers(0, texts.values(), options.rules, options.cacheDir);
    const ahead = matchHintsAhead(texts.keys(), hintsOf);
    try {
      await runPool(count, started, options, scheduler, { jobFor, accept, tryCache });
    } finally {
      ahead.stop();
      if (!options.started) await stopWorkers(started);
    }
  }
  cache?.close();
  if (options.library) {
    const own = libraryFindings(options.library.packages, (p) => summaries.get(p), options.rules);
    findings.push(...(report ? own.filter((f) => report.has(f.location.path)) : own));
  }
  return { findings, diagnostics, cached };
}

/**
 * Match every file's hints in this thread's idle time, a few milliseconds at a time between other
 * callbacks: a worker going through files it need not parse would otherwise wait for the matching
 * of its next batch (about a third of a millisecond a file).
 */
export function matchHintsAhead(
  paths: Iterable<string>,
  match: (path: string) => unknown,
): { stop: () => void } {
  const todo = paths[Symbol.iterator]();
  let timer: NodeJS.Immediate | undefined;
  const slice = () => {
    const until = performance.now() + HINT_SLICE_MS;
    for (let next = todo.next(); !next.done; next = todo.next()) {
      match(next.value);
      if (performance.now() > until) {
        timer = setImmediate(slice);
        return;
      }
    }
    timer = undefined;
  };
  timer = setImmediate(slice);
  return { stop: () => timer && clearImmediate(timer) };
}

/** The longest stretch of hint matching ahead before other callbacks (a worker's result) get a turn. */
const HINT_SLICE_MS = 4;

/** The main thread's heap budget while it analyses (a worker's old generation is capped at WORKER_HEAP_MB). */
const MAIN_THREAD_HEAP_MB = 512;

/** In the main thread, the longest stretch of analysis before other callbacks get a turn. */
const YIELD_EVERY_MS = 50;

/** worker.ts from the sources, worker.js from a build. */
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);

/**
 * Per-worker heap cap: V8 collects early instead of growing to its default limits (peak RSS). A
 * worker holds every summary it was sent (28 MB of JSON on a 3,500-file monorepo) besides the file
 * it analyses, and its live set reached 275 MB there: at a cap of 256 MB one scan of six died,
 * and Node may abort the whole process rather than end the worker (nodejs/node#47224).
 */
const WORKER_HEAP_MB = 384;

/**
 * A worker's young generation at its full size from the start. V8 starts a new isolate's
 * semi-spaces small and grows them slowly, while an analysis keeps a file's tree and state alive
 * across every scavenge it spans, each of which copies them again: on bench/sast, 63 scavenges and
 * 1.7 s of the worker's time against 37 and 0.9 s (bench/README.md, session 27), and a lower peak
 * RSS. Larger sizes were no better.
 */
const WORKER_SEMI_SPACE_MB = 32;

const MB = 1024 * 1024;

/**
 * A worker's stack: room for Oxc to parse the longest text (`stackBytesFor`), between Node's
 * default of 4 MB and 2 GB. It is address space reserved, not memory used: only as much is touched
 * as a text's nesting needs. A text longer than the cap allows is parsed by typescript-estree.
 */
function workerStackMb(longest: number): number {
  return Math.min(MAX_WORKER_STACK_MB, Math.max(4, Math.ceil(stackBytesFor(longest) / MB)));
}

const MAX_WORKER_STACK_MB = 2048;

/** Batches queued per worker, so a worker never waits for the main thread to hand it the next one. */
const SLOTS_PER_WORKER = 4;

/**
 * Files per message at most. Each message wakes the other thread; on a busy machine every wake-up
 * is a chance to lose the core, and per-file messages cost about a millisecond each that way. A
 * lone worker's gaps between files on bench/sast: 335–436 ms in batches of 8, 243–258 ms in 32.
 */
const MAX_BATCH = 32;

interface PoolCallbacks {
  /** The job for a file; `held` holds the summaries the receiving worker has or will have made. */
  jobFor: (path: string, held: Set<string>) => FileJob;
  accept: (out: FileOutcome, scheduled: boolean) => void;
  tryCache: (path: string) => boolean;
}

async function runPool(
  count: number,
  started: StartedWorkers,
  options: AnalyseOptions,
  scheduler: DependencyScheduler,
  { jobFor, accept, tryCache }: PoolCallbacks,
): Promise<void> {
  /** Per worker, the files of each batch it has been sent, oldest first. */
  const inflight = new Map<Worker, string[][]>();
  /** Summaries each worker holds, or will have made when it reaches the next batch it is sent. */
  const held = new Map<Worker, Set<string>>();
  /**
   * A lone worker analyses its batches in order and keeps every summary it makes, so a file's
   * importers need not wait for its result to come back: they may follow it in the next batch.
   * Files are counted complete as they are sent (once: a resent file was counted already); waiting
   * for each round trip left the worker idle an eighth of the time on bench/sast.
   */
  const eager = count === 1;
  const counted = new Set<string>();
  const all = new Set<Worker>();
  const slots: Worker[] = [];
  const retry: string[] = [];
  /** Files of a batch whose worker died: each is sent alone, to find the one that kills a worker. */
  const alone: string[] = [];
  let settle: { resolve: () => void; reject: (e: Error) => void } | undefined;
  let failed = false;
  const running = (): number => [...inflight.values()].reduce((n, q) => n + q.length, 0);
  const next = (): string | undefined => retry.shift() ?? scheduler.next();

  const fail = (error: unknown): void => {
    if (failed) return;
    failed = true;
    settle?.reject(error instanceof Error ? error : new Error(String(error)));
  };

  const pump = (): void => {
    if (failed) return;
    if (options.signal?.aborted) return fail(options.signal.reason);
    while (slots.length) {
      // Ready files shared out among the free slots, so one worker does not take them all.
      const size = Math.min(MAX_BATCH, Math.ceil((scheduler.ready + retry.length) / slots.length));
      const batch: string[] = [];
      const worker = slots[slots.length - 1]!;
      const holds = held.get(worker)!;
      const jobs: FileJob[] = [];
      const lone = alone.shift();
      if (lone !== undefined) {
        batch.push(lone);
        jobs.push(jobFor(lone, holds));
      }
      while (lone === undefined && batch.length < (eager ? MAX_BATCH : Math.max(1, size))) {
        const path = next();
        if (path === undefined) break;
        if (tryCache(path)) continue;
        batch.push(path);
        jobs.push(jobFor(path, holds));
        // The lone worker reads its batch in order: a file's importers may join the same batch,
        // so a chain of imports does not cost a round trip per link.
        if (eager) {
          holds.add(path);
          if (counted.has(path)) continue;
          counted.add(path);
          scheduler.complete(path);
        }
      }
      if (batch.length === 0) break;
      slots.pop();
      inflight.get(worker)!.push(batch);
      worker.postMessage(jobs);
    }
    const idle = running() === 0 && retry.length === 0 && alone.length === 0;
    if (idle && scheduler.remaining === 0) settle?.resolve();
  };

  const spawn = (): void => {
    const worker = started.idle.pop() ?? newWorker(started);
    all.add(worker);
    inflight.set(worker, []);
    held.set(worker, new Set());
    worker.on('message', (outs: FileOutcome[]) => {
      inflight.get(worker)!.shift();
      slots.push(worker);
      try {
        for (const out of outs) {
          // The worker holds the summary it made: it is never sent back to it.
          if (out.summary !== undefined) held.get(worker)!.add(out.path);
          accept(out, eager);
        }
      } catch (error) {
        return fail(error);
      }
      pump();
    });
    // A worker that dies (out of memory on one hostile file) costs that file, not the scan: the
    // files of the batch it was on are sent again one by one, so only the file that kills a worker
    // on its own gets a diagnostic; the batches queued behind are analysed again elsewhere.
    worker.on('error', (error) => {
      const [current, ...queued] = inflight.get(worker) ?? [];
      inflight.delete(worker);
      all.delete(worker);
      for (let i = slots.indexOf(worker); i >= 0; i = slots.indexOf(worker)) slots.splice(i, 1);
      void worker.terminate();
      if (current === undefined) return fail(error);
      retry.push(...queued.flat());
      spawn();
      if (current.length > 1) {
        alone.push(...current);
        pump();
        return;
      }
      try {
        accept(failedOutcome(current[0]!, error), eager);
      } catch (e) {
        return fail(e);
      }
      pump();
    });
    for (let i = 0; i < SLOTS_PER_WORKER; i++) slots.push(worker);
  };

  for (let i = 0; i < count; i++) spawn();
  try {
    await new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
      pump();
    });
  } catch (error) {
    await Promise.all([...all].map((w) => w.terminate()));
    throw error;
  }
  // Done: the workers go back to `started`, idle, for parseOnWorker; stopWorkers ends them.
  for (const worker of all) {
    worker.removeAllListeners('message');
    worker.removeAllListeners('error');
    keepIdle(started, worker);
  }
}
