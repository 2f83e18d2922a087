import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sastRules } from '../../../rules/index.ts';
import { scanJsFiles } from '../../../src/sast/workers/index.ts';
import { HeapBudget } from '../../../src/sast/workers/heap-budget.ts';
import { buildImportGraph } from '../../../src/sast/workers/graph.ts';
import {
  analyseFiles,
  defaultWorkerCount,
  matchHintsAhead,
  parseOnWorker,
  startWorkers,
  stopWorkers,
} from '../../../src/sast/workers/pool.ts';
import { ProjectCode } from '../../../src/sast/routes/project-code.ts';
import {
  analyseFile,
  auditsFor,
  type FileJob,
  type FileOutcome,
  rulesFor,
  SummaryStore,
} from '../../../src/sast/workers/analyse-file.ts';
import { parsesNatively } from '../../../src/sast/parse.ts';

describe('defaultWorkerCount', () => {
  it('honours $VIGIL_WORKERS, capped at 64, and ignores a value that is not a whole number', () => {
    expect(defaultWorkerCount(10, { VIGIL_WORKERS: '3' })).toBe(3);
    expect(defaultWorkerCount(10, { VIGIL_WORKERS: '0' })).toBe(0);
    expect(defaultWorkerCount(10, { VIGIL_WORKERS: '999' })).toBe(64);
    expect(defaultWorkerCount(10, { VIGIL_WORKERS: 'many' })).toBe(defaultWorkerCount(10, {}));
  });

  it('uses one worker for a few files, or on a machine with two cores or fewer', () => {
    expect(defaultWorkerCount(10, {})).toBe(1);
    const many = defaultWorkerCount(100_000, {});
    if (availableParallelism() <= 2) expect(many).toBe(1);
    else expect(many).toBe(Math.min(availableParallelism(), 8));
  });
});

describe('a worker that runs out of memory', () => {
  it('costs the one file that exhausted it: a diagnostic naming it, every other finding kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-oom-'));
    try {
      writeFileSync(join(dir, 'ok.js'), "const cp = require('child_process');\ncp.exec(process.argv[2]);\n");
      // A million and a half nodes: the tree outgrows the worker's heap cap (384 MB) while it is built. Many
      // modest arrays, not one huge one: an array growing far past the cap in one allocation cannot
      // be stopped in time, and V8 then takes the whole process down instead of the worker.
      const statement = (i: number) => `const a${i} = [${'{a:[1]},'.repeat(100)}];\n`;
      writeFileSync(
        join(dir, 'huge.js'),
        `eval(x);\n${Array.from({ length: 3500 }, (_, i) => statement(i)).join('')}`,
      );
      writeFileSync(join(dir, 'after.js'), 'el.innerHTML = location.hash;\n');
      const result = await scanJsFiles(
        ['ok.js', 'huge.js', 'after.js'].map((path) => ({ path, absPath: join(dir, path) })),
        { rules: sastRules, root: dir, workers: 1 },
      );
      expect([...new Set(result.findings.map((f) => f.location.path))].sort()).toEqual(['after.js', 'ok.js']);
      expect(result.diagnostics).toHaveLength(1);
      expect(result.diagnostics[0]).toMatchObject({ level: 'error', path: 'huge.js' });
      expect(result.diagnostics[0]!.message).toMatch(/analysis failed: .*memory limit/);
      expect(result.diagnostics[0]!.incomplete).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('workers started before the import graph', () => {
  const texts = new Map([
    ['a.js', "const cp = require('child_process');\ncp.exec(process.argv[2]);\n"],
    ['b.js', 'el.innerHTML = location.hash;\n'],
  ]);

  it('are adopted by the pool, handed back idle when done; one that died before is replaced; all are stopped', async () => {
    const started = startWorkers(3, texts.values(), sastRules);
    const dead = started.idle[0]!;
    dead.emit('error', new Error('failed to load'));
    expect(started.idle).toHaveLength(2);
    // The pool adopts from the end of the list: the first one is left over.
    const leftover = started.idle[0]!;
    const exited = new Promise((resolve) => leftover.once('exit', resolve));
    try {
      const result = await analyseFiles(texts, buildImportGraph(texts), {
        rules: sastRules,
        workers: 1,
        started,
      });
      expect(result.findings.map((f) => f.location.path).sort()).toEqual(['a.js', 'b.js']);
      // The pool took one and gave it back; both wait for whoever started them to stop them.
      expect(started.idle).toHaveLength(2);
      expect(started.idle[0]).toBe(leftover);
    } finally {
      await stopWorkers(started);
      await dead.terminate();
    }
    expect(started.idle).toHaveLength(0);
    await exited;
  }, 60_000);
});

describe('parseOnWorker (texts this thread cannot parse natively)', () => {
  // Longer than this thread's assumed 4 MB stack lets Oxc parse: here, typescript-estree would.
  const long = `${'f(a);\n'.repeat(2_000)}module.exports = (req, res) => res.send(req.query.q);\n`;
  const texts = new Map([
    ['long.js', long],
    ['bad.js', 'const = ;'],
  ]);

  it('parses them with Oxc on an idle worker, null for one that does not parse', async () => {
    expect(parsesNatively(long)).toBe(false);
    const started = startWorkers(1, texts.values(), sastRules);
    try {
      const trees = await parseOnWorker(
        started,
        [...texts].map(([path, text]) => ({ path, text })),
      );
      expect(trees).toHaveLength(2);
      expect(trees![0]).toMatchObject({ type: 'Program', start: 0 });
      expect(trees![0]!.body).toHaveLength(2_001);
      expect(trees![1]).toBeNull();
      // ProjectCode takes the tree from there, with parent pointers, and never parses it here.
      const code = new ProjectCode(texts, buildImportGraph(texts), (files) => parseOnWorker(started, files));
      await code.prefetch(['long.js', 'bad.js', 'missing.js']);
      const program = code.program('long.js')!;
      expect(program).toMatchObject({ start: 0 });
      expect(program.body[0]!.parent).toBe(program);
    } finally {
      await stopWorkers(started);
    }
    expect(parseOnWorker(started, [{ path: 'long.js', text: long }])).toBeUndefined();
  }, 60_000);

  it('costs nothing but the detour when the worker dies: the text is parsed here after all', async () => {
    const started = startWorkers(1, texts.values(), sastRules);
    const worker = started.idle[0]!;
    try {
      const code = new ProjectCode(texts, buildImportGraph(texts), (files) => {
        const trees = parseOnWorker(started, files);
        worker.emit('error', new Error('worker died'));
        return trees;
      });
      await code.prefetch(['long.js']);
      expect(started.idle).toHaveLength(0);
      const program = code.program('long.js')!;
      expect(program.body).toHaveLength(2_001);
      expect('start' in program).toBe(false); // typescript-estree's tree, from this thread
    } finally {
      await worker.terminate();
    }
  }, 60_000);
});

describe('HeapBudget (the main thread analysing alone)', () => {
  it('collects once the heap passes the budget, then not again until it has doubled', () => {
    const budget = new HeapBudget(1);
    budget.check();
    expect(budget.collections).toBe(1);
    for (let i = 0; i < 50; i++) budget.check();
    expect(budget.collections).toBe(1);
    const roomy = new HeapBudget(64 * 1024 ** 3);
    roomy.check();
    expect(roomy.collections).toBe(0);
  });
});

describe("pattern-half hints matched by the pool's thread (FileJob.audits)", () => {
  // No source in view: only js/command-injection's pattern half can report the shell command.
  const text = "const cp = require('child_process');\nexports.list = (dir) => cp.exec('ls ' + dir);\n";
  const job = (audits?: string[]): FileJob => ({
    path: 'list.js',
    text,
    imports: {},
    summaries: {},
    outsideTaint: true,
    rules: rulesFor(sastRules, text, false),
    ...(audits ? { audits } : {}),
  });
  const ruleIds = (out: FileOutcome) => [...new Set(out.findings.map((f) => f.ruleId))];

  it('are worked out from the text, and the worker takes them as given', () => {
    // Not told, the worker matches them itself.
    expect(ruleIds(analyseFile(job(), sastRules, new SummaryStore()))).toContain('js/command-injection');
    const audits = auditsFor(sastRules, job().rules, text);
    expect(audits).toContain('js/command-injection');
    expect(ruleIds(analyseFile(job(audits), sastRules, new SummaryStore()))).toContain(
      'js/command-injection',
    );
    // Told that no pattern half's hint matches, it runs none of them.
    expect(ruleIds(analyseFile(job([]), sastRules, new SummaryStore()))).not.toContain(
      'js/command-injection',
    );
  });
});

describe('matchHintsAhead', () => {
  it('matches every file in slices that let other callbacks run in between, and stops when told', async () => {
    const matched: string[] = [];
    let turns = 0;
    const paths = Array.from({ length: 50 }, (_, i) => `f${i}.js`);
    // Each match takes a millisecond: a 4 ms slice holds a few, then other callbacks get a turn.
    const busy = (path: string) => {
      const until = performance.now() + 1;
      while (performance.now() < until);
      matched.push(path);
    };
    const ticking = setInterval(() => turns++, 0);
    matchHintsAhead(paths, busy);
    await new Promise((resolve) => setTimeout(resolve, 200));
    clearInterval(ticking);
    expect(matched).toEqual(paths);
    expect(turns).toBeGreaterThan(3);
    const stopped: string[] = [];
    matchHintsAhead(paths, (p) => stopped.push(p)).stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toEqual([]);
  });
});
