/**
 * A function that returns a record of known properties (an object literal, or a variable declared
 * with one and written into at named properties) says what each property holds: a caller reading
 * `parse(q).id` does not take what `parse(q).cmd` holds, in the same file and through an imported
 * function's summary. Anything the properties cannot account for keeps the whole result.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRules } from '../../../src/sast/engine.ts';
import { sastRules } from '../../../rules/index.ts';
import commandRule from '../../../rules/js/command-injection.ts';
import { scanJsFiles } from '../../../src/sast/workers/index.ts';

function flows(code: string): number[] {
  const result = runRules('case.js', code, [commandRule]);
  expect(result.diagnostics).toEqual([]);
  return result.findings.filter((f) => f.flow).map((f) => f.location.startLine);
}

const head = `const { exec } = require('child_process');\nconst app = require('express')();\n`;

/** The lines (from 1, after `head` and the helper's one line) where `uses` reach a sink. */
function flagged(helper: string, ...uses: string[]): number[] {
  const route = `app.get('/r', (req, res) => {\n${uses.join('\n')}\n});`;
  return flows(head + helper + '\n' + route)
    .map((line) => line - 4)
    .sort();
}

describe('returned records in the same file', () => {
  it('reads each property of an object literal a function returns', () => {
    const helper = `function parse(q) { return { id: Number(q.id), cmd: q.cmd }; }`;
    expect(
      flagged(
        helper,
        `exec(parse(req.query).id);`,
        `exec(parse(req.query).cmd);`,
        `const { id, cmd } = parse(req.query);`,
        `exec(id);`,
        `exec(cmd);`,
      ),
    ).toEqual([2, 5]);
  });

  it('reads what was written into a named property of a declared record', () => {
    const helper = `function parse(q) { const o = { id: 0, cmd: 'ls' }; o.id = Number(q.id); if (q.c) o.cmd = q.c; return o; }`;
    expect(flagged(helper, `const p = parse(req.query);`, `exec(p.id);`, `exec(p.cmd);`)).toEqual([3]);
  });

  it('joins the records of several returns, where a property one lacks is undefined', () => {
    const helper = `function parse(q) { if (q.a) return { id: 1, cmd: q.c }; return { id: 2 }; }`;
    expect(flagged(helper, `exec(parse(req.query).id);`, `exec(parse(req.query).cmd);`)).toEqual([2]);
  });

  it("takes property names that every object inherits as the record's own", () => {
    const helper = `function parse(q) { if (q.a) return { constructor: q.c, id: 1 }; return { toString: q.t, __proto__: null, id: 2 }; }`;
    expect(
      flagged(
        helper,
        `exec(parse(req.query).id);`,
        `exec(parse(req.query).constructor);`,
        `exec(parse(req.query).toString);`,
      ),
    ).toEqual([2, 3]);
  });

  it('keeps the whole result where the properties are not all known', () => {
    expect(
      flagged(`function a(q) { const o = { id: 1 }; o[q.k] = q.v; return o; }`, `exec(a(req.query).id);`),
    ).toEqual([1]);
    expect(flagged(`function b(q) { return { ...q, id: 1 }; }`, `exec(b(req.query).id);`)).toEqual([1]);
    expect(
      flagged(`function c(q) { let o = { id: 1 }; if (q.x) o = q; return o; }`, `exec(c(req.query).id);`),
    ).toEqual([1]);
    expect(
      flagged(`function d(q) { const o = { id: 1 }; o.push(q.x); return o; }`, `exec(d(req.query).id);`),
    ).toEqual([1]);
  });

  it('reads nothing at a property no return names', () => {
    const helper = `function parse(q) { return { id: 1, cmd: q.c }; }`;
    expect(
      flagged(helper, `exec(parse(req.query).other);`, `const { other } = parse(req.query);`, `exec(other);`),
    ).toEqual([]);
  });

  it('keeps the whole result once it is joined with another value', () => {
    const helper = `function parse(q) { return { id: Number(q.id), cmd: q.cmd }; }`;
    expect(
      flagged(helper, `let p = parse(req.query);`, `if (req.query.raw) p = req.body;`, `exec(p.id);`),
    ).toEqual([3]);
  });
});

describe('returned records across files', () => {
  let dir: string;
  let scanned: Awaited<ReturnType<typeof scanJsFiles>>;
  const files: Record<string, string> = {
    'paths.js': `module.exports = {
  parse(raw) {
    const page = { id: 0, name: 'home' };
    page.id = parseInt(raw.id, 10);
    page.name = raw.name;
    return page;
  },
};`,
    'app.js': `const app = require('express')();
const { exec } = require('child_process');
const paths = require('./paths.js');
app.get('/p', (req, res) => {
  const page = paths.parse(req.query);
  exec('show ' + page.id);
  exec('show ' + page.name);
});`,
    'views.js': `exports.toPublic = (link) => ({ ...link, password: !!link.password });
exports.toPage = (link) => '<p>' + link.target + '</p>';`,
    'links.js': `const app = require('express')();
const { toPublic, toPage } = require('./views.js');
app.post('/links', (req, res) => {
  if (req.query.html) return res.send(toPage(req.body));
  const shown = toPublic(req.body);
  res.status(201).send(shown);
});`,
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-returned-fields-'));
    for (const [path, text] of Object.entries(files)) await writeFile(join(dir, path), text);
    scanned = await scanJsFiles(
      Object.keys(files).map((path) => ({ path, absPath: join(dir, path) })),
      { rules: sastRules, root: dir, workers: 0 },
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports only the property that holds request data', () => {
    const taint = scanned.findings.filter((f) => f.ruleId === 'js/command-injection');
    expect(taint.map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual(['app.js:7']);
  });

  it('sends what a function that always returns an object literal gave as JSON, its text as HTML', () => {
    const xss = scanned.findings.filter((f) => f.ruleId === 'js/reflected-xss');
    expect(xss.map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual(['links.js:4']);
  });
});
