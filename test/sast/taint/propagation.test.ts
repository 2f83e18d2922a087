/**
 * How taint moves inside one file: each case names the construct it exercises and must produce a
 * flow to the sink (or none, for the negatives). One rule (shell commands) keeps the cases short.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../src/sast/engine.ts';
import { parseSource } from '../../../src/sast/parse.ts';
import { FileAnalysis } from '../../../src/sast/taint/analyse.ts';
import { noImports } from '../../../src/sast/taint/summary.ts';
import commandRule from '../../../rules/js/command-injection.ts';

/** Counts how often the writes of a file run, over all rounds. */
class CountingAnalysis extends FileAnalysis {
  runs = 0;
  writeCount = 0;
  protected override collect(): void {
    super.collect();
    this.writeCount = this.writes.length;
    for (const [i, w] of this.writes.entries())
      this.writes[i] = () => {
        this.runs++;
        w();
      };
  }
}

function lines(code: string, filename = 'case.ts'): number[] {
  const result = runRules(filename, code, [commandRule]);
  expect(result.diagnostics).toEqual([]);
  // The taint half's proven flows; the rule's pattern half reports shapes without one.
  return result.findings.filter((f) => f.flow).map((f) => f.location.startLine);
}

const head = `import * as cp from 'node:child_process';\nconst { exec } = require('child_process');\n`;

describe('taint propagation', () => {
  it.each([
    ['alias of a namespace member', `const run = cp.exec;\napp.get('/', (req, res) => run(req.query.c));`],
    [
      're-bound destructured require',
      `const { execSync: sh } = require('child_process');\napp.get('/', (req, res) => sh(req.query.c));`,
    ],
    [
      'object destructuring with default',
      `app.get('/', (req, res) => { const { c = 'ls' } = req.query; exec(c); });`,
    ],
    ['nested destructuring in parameters', `app.get('/', ({ query: { c } }, res) => exec(c));`],
    ['array destructuring', `app.get('/', (req, res) => { const [a] = req.body.list; exec(a); });`],
    [
      'spread into an array',
      `app.get('/', (req, res) => { const all = [...req.body.list]; exec(all.join(' ')); });`,
    ],
    [
      'object literal and read back',
      `app.get('/', (req, res) => { const o = { cmd: req.query.c }; exec(o.cmd); });`,
    ],
    ['template literal', `app.get('/', (req, res) => exec(\`ls \${req.query.dir}\`));`],
    [
      'string methods',
      `app.get('/', (req, res) => exec(req.query.c.trim().toLowerCase().slice(1).split(',').join(' ')));`,
    ],
    [
      'replace that strips nothing dangerous',
      `app.get('/', (req, res) => exec(req.query.c.replace('a', 'b')));`,
    ],
    ['compound assignment', `app.get('/', (req, res) => { let c = 'ls '; c += req.query.dir; exec(c); });`],
    [
      'await and Promise.resolve',
      `app.get('/', async (req, res) => { const c = await Promise.resolve(req.query.c); exec(c); });`,
    ],
    ['then callback', `app.get('/', (req, res) => { Promise.resolve(req.query.c).then((c) => exec(c)); });`],
    [
      'map callback',
      `app.get('/', (req, res) => { req.body.files.map((f) => 'rm ' + f).forEach((c) => exec(c)); });`,
    ],
    ['optional chaining', `app.get('/', (req, res) => exec(req?.query?.c));`],
    ['untrusted data called as an accessor', `app.get('/', (req, res) => exec('ls ' + req.query('dir')));`],
    [
      "a sloppy script's undeclared global",
      `app.get('/', (req, res) => { cmd = 'ls ' + req.query.dir; exec(cmd); });`,
    ],
    ['TypeScript casts and non-null', `app.get('/', (req, res) => exec((req.query.c as string)!));`],
    [
      'conditional and logical',
      `app.get('/', (req, res) => exec(req.query.a ? req.query.a : 'ls' || req.query.b));`,
    ],
    [
      'class field written in one method, used in another',
      `class Job { cmd = ''; set(c: string) { this.cmd = c; } run() { exec(this.cmd); } }\napp.get('/', (req, res) => { const j = new Job(); j.set(req.query.c); });`,
    ],
    [
      'local helper returning its parameter',
      `function wrap(x: string) { return 'sh -c ' + x; }\napp.get('/', (req, res) => exec(wrap(req.query.c)));`,
    ],
    [
      'array push then join',
      `app.get('/', (req, res) => { const parts = ['ls']; parts.push(req.query.dir); exec(parts.join(' ')); });`,
    ],
    [
      'TypeScript import-equals require',
      `import cpx = require('child_process');\napp.get('/', (req, res) => cpx.exec(req.query.c));`,
    ],
    ['for-of over request data', `app.get('/', (req, res) => { for (const c of req.body.cmds) exec(c); });`],
    // Reassignment: only a definition the code's structure proves to be the one reaching the
    // sink replaces the others; a branch, a loop or a closure keeps the union.
    [
      'reassigned in a branch',
      `app.get('/', (req, res) => { let c = 'ls'; if (req.query.x) c = req.query.c; exec(c); });`,
    ],
    [
      'reassigned through a closure',
      `app.get('/', (req, res) => { let c = 'ls'; const set = () => { c = req.query.c; }; set(); exec(c); });`,
    ],
    [
      'reassigned later in a loop (the next iteration reads it)',
      `app.get('/', (req, res) => { let c = 'ls'; while (more()) { exec(c); c = req.query.c; } });`,
    ],
    [
      'reassigned from itself',
      `app.get('/', (req, res) => { let c = req.query.c; c = 'ls ' + c.trim(); exec(c); });`,
    ],
    [
      'reassigned in an if without else: what reached the if stays',
      `app.get('/', (req, res) => { let c = req.query.c; if (req.query.safe) c = 'ls'; exec(c); });`,
    ],
    [
      'a clean value reassigned in an if from request data',
      `app.get('/', (req, res) => { let c = 'ls'; c = c.trim(); if (req.query.x) c = c + req.query.d; exec(c); });`,
    ],
    [
      'a path through the branches that keeps the raw value',
      `app.get('/', (req, res) => { let n = req.query.n; if (req.query.a) { n = Number(n); } else if (req.query.b) { log(n); } exec('kill ' + n); });`,
    ],
    [
      'written in a loop before the branches',
      `app.get('/', (req, res) => { let n = 0; for (const v of req.body.list) n = v; if (req.query.a) n = 1; exec('kill ' + n); });`,
    ],
    [
      'read in a catch after a partial try',
      `app.get('/', (req, res) => { let n = req.query.n; try { n = Number(n); risky(); } catch (e) { exec('kill ' + n); } });`,
    ],
    [
      'reassigned in a try whose catch carries on',
      `app.get('/', (req, res) => { let n = req.query.n; try { n = Number(n); } catch (e) { log(e); } exec('kill ' + n); });`,
    ],
    [
      'reassigned in a try with a finally',
      `app.get('/', (req, res) => { let m = req.query.m; try { m = Number(m); } catch (e) { return; } finally { m = req.query.m; } exec('kill ' + m); });`,
    ],
    [
      'reassigned in an expression',
      `app.get('/', (req, res) => { let c = 'ls'; req.query.c && (c = req.query.c); exec(c); });`,
    ],
    [
      "written into the request's server-side state and read back",
      `app.get('/', (req, res) => { req.session.cmd = req.query.c; exec(req.session.cmd); });`,
    ],
    [
      'read back in a loop before the write in source order',
      `app.get('/', (req, res) => { for (const c of req.body.list) { if (req.job) exec(req.job.cmd); req.job = { cmd: c }; } });`,
    ],
    [
      "a library function that is no lookup by key: its argument's taint",
      `import tables from 'table-kit';\napp.get('/', (req, res) => exec('report ' + tables.describeTable(req.params.id)));`,
    ],
  ])('%s', (_, body) => {
    expect(lines(head + body).length).toBeGreaterThan(0);
  });

  it.each([
    ['a constant', `app.get('/', (req, res) => exec('ls'));`],
    [
      'request data written back into the body, and the session read',
      `app.get('/', (req, res) => { req.body.name = req.body.name.trim(); exec(req.session.cmd); });`,
    ],
    [
      "another handler's request",
      `app.get('/a', (req, res) => { req.session.cmd = req.query.c; });\napp.get('/b', (req, res) => exec(req.session.cmd));`,
    ],
    [
      'a reassigned local with the same name elsewhere',
      `function f(exec: (s: string) => void, req: any) { exec(req.query.c); }`,
    ],
    ['numeric conversion', `app.get('/', (req, res) => exec('kill ' + Number(req.query.pid)));`],
    ['length of input', `app.get('/', (req, res) => exec('head -c ' + req.query.c.length));`],
    [
      'boolean result of a check',
      `app.get('/', (req, res) => exec(req.query.c.includes('x') ? 'ls' : 'pwd'));`,
    ],
    [
      'allow-list guard with early return',
      `const OK = ['ls', 'pwd'];\napp.get('/', (req, res) => { const c = req.query.c; if (!OK.includes(c)) return; exec(c); });`,
    ],
    [
      'allow-list guard around the sink',
      `const OK = new Set(['ls']);\napp.get('/', (req, res) => { if (OK.has(req.query.c)) { exec(req.query.c); } });`,
    ],
    [
      'lookup table keyed by input',
      `const T: Record<string, string> = { a: 'ls' };\napp.get('/', (req, res) => exec(T[req.query.c] ?? 'ls'));`,
    ],
    [
      'a record found by its key, not the key',
      `import { useContext } from 'react';\napp.get('/', async (req, res) => { const { getFactTableById, findUserByEmail } = useContext(Definitions); exec('report ' + getFactTableById(req.params.id).name); exec('notify ' + (await findUserByEmail(ctx, req.query.email)).handle); });`,
    ],
    [
      'untrusted data that never reaches the sink',
      `app.get('/', (req, res) => { const c = req.query.c; res.json({ c }); exec('ls'); });`,
    ],
    [
      'numeric conversion, then a branch that changes it again',
      `app.get('/', (req, res) => { let n = req.query.n; n = Number(n); if (req.query.next) n = n + 1; exec('kill ' + n); });`,
    ],
    [
      'a number on every path: if/else, nested branches, a branch that leaves with the raw value',
      `app.get('/', (req, res) => { let n = req.query.n; if (req.query.a) { n = Number(n); } else if (req.query.b) { n = parseInt(n, 10); if (n > 9) n = 9; } else { n = req.query.n; return res.end(); } exec('kill ' + n); });`,
    ],
    [
      'numeric conversion by reassignment in a try whose catch leaves',
      `app.get('/', (req, res) => { let n = req.query.n; try { n = Number(n); } catch (e) { return; } exec('kill ' + n); });`,
    ],
    [
      'numeric conversion by reassignment',
      `app.get('/', (req, res) => { let pid = req.query.pid; pid = Number(pid); exec('kill ' + pid); });`,
    ],
    [
      'a parameter reassigned with a number',
      `function kill(pid: string) { pid = String(Number(pid)); exec('kill ' + pid); }\napp.get('/', (req, res) => kill(req.query.pid));`,
    ],
    [
      'overwritten with a constant before the sink',
      `app.get('/', (req, res) => { let c = req.query.c; c = 'ls'; exec(c); });`,
    ],
    [
      'a constant at the sink, untrusted only after it',
      `app.get('/', (req, res) => { let c = 'ls'; exec(c); c = req.query.c; });`,
    ],
    [
      'reassigned in a loop before the read, every iteration',
      `app.get('/', (req, res) => { let c = req.query.c; for (const k of ['a']) { c = k; exec(c); } });`,
    ],
    [
      'a function that is not a handler',
      `function build(query: any) { return query.c; }\nexec(build({ c: 'ls' }));`,
    ],
  ])('stays silent: %s', (_, body) => {
    expect(lines(head + body)).toEqual([]);
  });

  it('gives a named handler registered by reference the roles of its registration', () => {
    const body =
      `function onMessage(e) { exec(e.data.cmd); }\n` +
      `window.addEventListener('message', onMessage);\n` +
      `const handle = function (msg) { exec(msg.data); };\n` +
      `addEventListener('message', handle);\n` +
      `function unrelated(e) { exec(e.data); }\n` +
      `button.addEventListener('click', unrelated);\n`;
    expect(lines(head + body)).toEqual([3, 5]);
  });

  it('records the flow from source to sink', () => {
    const result = runRules(
      'case.ts',
      `${head}app.get('/', (req, res) => {\n  const dir = req.query.dir;\n  exec('ls ' + dir);\n});`,
      [commandRule],
    );
    const flow = result.findings[0]!.flow!;
    expect(flow[0]).toMatchObject({ message: 'source: request query', location: { startLine: 4 } });
    expect(flow.at(-1)).toMatchObject({ message: 'sink: a shell command', location: { startLine: 5 } });
    expect(flow.length).toBeGreaterThanOrEqual(3);
  });

  it('works out again, in later rounds, only the writes whose reads changed after them', () => {
    // Each round carries the request data one assignment further up; 200 writes around read
    // variables that never change after they are read.
    const bystanders = Array.from({ length: 200 }, (_, i) => `const z${i + 1} = z${i} + 'x';`).join(' ');
    const code =
      `${head}let v1: any, v2: any, v3: any, v4: any; const z0 = 'a';\n` +
      `function run() { exec(v4); }\n` +
      `app.get('/', (req, res) => { v4 = v3; v3 = v2; v2 = v1; v1 = req.query.c; ${bystanders} run(); });\n`;
    const analysis = new CountingAnalysis(
      parseSource('case.ts', code),
      'case.ts',
      code,
      [{ id: commandRule.meta.id, taint: commandRule.taint }],
      noImports,
      () => ({ path: 'case.ts', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }),
    );
    const result = analysis.run();
    expect(result.findings.get(commandRule.meta.id)).toHaveLength(1);
    // Five rounds to settle: all of them again each round would be over a thousand runs.
    expect(analysis.writeCount).toBeGreaterThan(200);
    expect(analysis.runs).toBeLessThan(analysis.writeCount + 20);
    expect(lines(code)).toEqual([4]);
  });

  it('survives hostile input: deep nesting, huge concatenations, self-referential assignments', () => {
    const deep = `${head}app.get('/', (req, res) => { let x = req.query.c; ${'x = [x];'.repeat(2000)} exec(x); });`;
    expect(lines(deep)).toEqual([4 - 1]);
    const wide = `${head}app.get('/', (req, res) => exec(${Array.from({ length: 800 }, (_, i) => (i === 795 ? 'req.query.c' : `'p${i}'`)).join(' + ')}));`;
    expect(lines(wide)).toEqual([3]);
    const cyclic = `${head}let a: any, b: any; a = b; b = a; a = { a, b }; app.get('/', (req, res) => { b = req.query.c; exec(a); });`;
    expect(lines(cyclic)).toEqual([3]);
    // 20,000 reassignments, each reading the last (a quadratic search would outlast the test's timeout).
    const chain = `${head}app.get('/', (req, res) => { let x = req.query.c; while (more()) { ${'x = x + f(x);'.repeat(20_000)} } exec(x); });`;
    expect(lines(chain)).toEqual([3]);
  });

  it('reads a field of a literal that spreads the variable it is assigned to', () => {
    // `o = { state: …, ...o }`: o's value holds the literal itself (a stack overflow once).
    const selfSpread = (state: string, read: string) =>
      `${head}app.get('/', async (req, res) => { let o = await load(); o = { state: ${state}, ...o }; o.label = o.state; exec(o.${read}); });`;
    expect(lines(selfSpread('req.query.s', 'label'))).toEqual([3]);
    expect(lines(selfSpread("'open'", 'label'))).toEqual([]);
  });
});
