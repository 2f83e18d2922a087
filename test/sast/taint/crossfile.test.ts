/**
 * Flows across files: summaries (not trees) of imported modules carry them, for ESM and CommonJS,
 * named/default/namespace imports, re-exports and barrels; summaries are cached by content hash.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sastRules } from '../../../rules/index.ts';
import {
  generatedFiles,
  scanJsFiles,
  taintRelevant,
  withoutLeadingComments,
} from '../../../src/sast/workers/index.ts';
import { buildImportGraph } from '../../../src/sast/workers/graph.ts';

let dir: string;
const files: Record<string, string> = {
  'lib/db.js': `const { Pool } = require('pg');
const pool = new Pool();
function byId(id) { return pool.query('SELECT * FROM t WHERE id = ' + id); }
const quote = (s) => "'" + s + "'";
module.exports = { byId, quote };`,
  'lib/run.ts': `import { exec } from 'node:child_process';
export function runTool(cmd: string) { exec('tool ' + cmd); }
export default function wrap(x: string) { return x; }
export { execSync as shell } from 'child_process';`,
  'lib/index.ts': `export * from './run.ts';
export { default as wrap } from './run.ts';`,
  'lib/source.ts': `export const userHash = () => location.hash.slice(1);`,
  // A module whose methods another file adds (NodeBB's mixins): `groups.search` is no String method.
  'lib/groups/index.js': `const Groups = module.exports;
require('./search')(Groups);`,
  'lib/groups/search.js': `module.exports = (Groups) => { Groups.search = async (q) => [q]; };`,
  // Helpers handed the response by routes in other files: the response's sinks are theirs.
  'lib/views.js': `function sendPage(res, body) { res.send('<main>' + body + '</main>'); }
function go(url, res) { res.redirect(url); }
function label(response) { return response.statusText; }
module.exports = { sendPage, go, label };`,
  'app.ts': `import express from 'express';
import { runTool, shell, wrap } from './lib/index.ts';
import * as db from './lib/db.js';
import { userHash } from './lib/source.ts';
const app = express();
app.get('/a', (req, res) => {
  db.byId(req.query.id);
  runTool(req.query.t);
  shell(wrap(db.quote(req.query.n)));
  db.byId(Number(req.query.id));
  runTool('fixed');
});
document.body.innerHTML = userHash();
app.post('/b', (req, res) => db.byId(req.body.id));
const groups = require('./lib/groups/index.js');
app.get('/g', async (req, res) => res.json(await groups.search(req.query.q)));
const views = require('./lib/views.js');
app.get('/v', (req, res) => {
  views.sendPage(res, req.query.v);
  views.go(req.query.next, res);
  views.sendPage(res, 'fixed');
});`,
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-taint-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const list = () => Object.keys(files).map((path) => ({ path, absPath: join(dir, path) }));

/** Writes a tree of its own beside the shared one and scans only it, in one thread. */
async function scanTree(tree: Record<string, string>) {
  for (const [path, text] of Object.entries(tree)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return scanJsFiles(
    Object.keys(tree).map((path) => ({ path, absPath: join(dir, path) })),
    { rules: sastRules, root: dir, workers: 0 },
  );
}

describe('cross-file taint', () => {
  it('follows flows into imported helpers and reports them at the sink, one finding per sink', async () => {
    const result = await scanJsFiles(list(), { rules: sastRules, root: dir, workers: 0 });
    expect(result.diagnostics).toEqual([]);
    const taint = result.findings
      .filter((f) => f.flow?.length)
      .map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`)
      .sort();
    expect(taint).toEqual([
      'js/command-injection app.ts:9',
      'js/command-injection lib/run.ts:2',
      'js/dom-xss app.ts:13',
      'js/open-redirect lib/views.js:2',
      'js/reflected-xss lib/views.js:1',
      'js/sql-injection lib/db.js:3',
    ]);
    // The helper's own file has no source: its pattern half saw the same line, which is one finding.
    const sqlAll = result.findings.filter((f) => f.ruleId === 'js/sql-injection');
    expect(sqlAll).toHaveLength(1);
    const sql = sqlAll[0]!;
    expect(sql.precision).toBe('very-high');
    expect(sql.message).toContain('(app.ts:7)');
    expect(sql.flow!.map((s) => `${s.location.path}:${s.location.startLine}`)).toEqual([
      'app.ts:7',
      'app.ts:7',
      'lib/db.js:3',
      'lib/db.js:3',
    ]);
    expect(sql.flow!.map((s) => s.message)).toEqual([
      'source: request query',
      'passed to an imported function',
      'assigned to id',
      'sink: SQL text',
    ]);
    // The second route reaching the same sink is a second flow of the same finding.
    expect(sql.otherFlows?.map((f) => `${f[0]!.location.path}:${f[0]!.location.startLine}`)).toEqual([
      'app.ts:14',
    ]);
    const dom = result.findings.find((f) => f.location.startLine === 13)!;
    expect(dom.flow![0]!.location.path).toBe('lib/source.ts');
  });

  it('gives the same findings on worker threads: two, or one sent importers before their imports come back', async () => {
    const inline = await scanJsFiles(list(), { rules: sastRules, root: dir, workers: 0 });
    const key = (r: typeof inline) =>
      r.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`).sort();
    expect(key(inline).some((k) => k.startsWith('js/sql-injection'))).toBe(true);
    for (const workers of [1, 2]) {
      const threaded = await scanJsFiles(list(), { rules: sastRules, root: dir, workers });
      expect(key(threaded), `${workers} worker(s)`).toEqual(key(inline));
    }
  });

  it('caches summaries by content hash and by path, in one database, and survives damage', async () => {
    const cacheDir = join(dir, '.cache');
    const first = await scanJsFiles(list(), { rules: sastRules, root: dir, workers: 0, cacheDir });
    const db = new DatabaseSync(join(cacheDir, 'sast-summaries.db'));
    const count = (table: string) =>
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    // One entry per content hash, and one per absolute path for the ESLint plugin.
    expect(count('summary')).toBe(Object.keys(files).length);
    expect(count('path')).toBe(Object.keys(files).length);
    const keys = (r: typeof first) =>
      r.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`).sort();

    // A damaged entry is a miss: the file is analysed again, nothing else changes.
    db.prepare('UPDATE summary SET json = ?').run('{ broken');
    db.close();
    const again = await scanJsFiles(list(), { rules: sastRules, root: dir, workers: 0, cacheDir });
    expect(again.diagnostics).toEqual([]);
    expect(keys(again)).toEqual(keys(first));

    // A damaged database file is set aside and rebuilt.
    await writeFile(join(cacheDir, 'sast-summaries.db'), 'not a database at all, just bytes'.repeat(200));
    await rm(join(cacheDir, 'sast-summaries.db-wal'), { force: true });
    await rm(join(cacheDir, 'sast-summaries.db-shm'), { force: true });
    const rebuilt = await scanJsFiles(list(), { rules: sastRules, root: dir, workers: 0, cacheDir });
    expect(rebuilt.diagnostics).toEqual([]);
    expect(keys(rebuilt)).toEqual(keys(first));
    const fresh = new DatabaseSync(join(cacheDir, 'sast-summaries.db'), { readOnly: true });
    expect((fresh.prepare('SELECT COUNT(*) AS n FROM summary').get() as { n: number }).n).toBe(
      Object.keys(files).length,
    );
    fresh.close();
  });

  it('skips taint only where no untrusted data can arrive', async () => {
    // No framework word in this file: it still gets taint analysis because an import exports a source.
    await writeFile(
      join(dir, 'quiet.ts'),
      `import { userHash } from './lib/source.ts';\nexport function show(el: Element) { el.innerHTML = userHash(); }`,
    );
    await writeFile(
      join(dir, 'plain.ts'),
      `export function show(el: Element, html: string) { el.innerHTML = html; }`,
    );
    const result = await scanJsFiles(
      ['lib/source.ts', 'quiet.ts', 'plain.ts'].map((path) => ({ path, absPath: join(dir, path) })),
      { rules: sastRules, root: dir, workers: 0 },
    );
    const taint = result.findings
      .filter((f) => f.flow?.length)
      .map((f) => `${f.location.path}:${f.location.startLine}`);
    expect(taint).toEqual(['quiet.ts:2']);
  });

  it('takes a framework word in a leading comment for no source, but one in code or after code for one', () => {
    const texts = new Map([
      [
        'doc.js',
        `/**\n * Handles (req, res) of process.argv.\n */\n// fetch(url) upstream\nexport const f = (a) => a + 1;\n`,
      ],
      ['code.js', `export const g = (req, res) => res.send(req.query.id);\n`],
      ['trailing.js', `export const h = (a) => a; // (request, response)\n`],
      ['template.js', 'const t = `\n// not a comment: ${process.argv[2]}`;\n'],
      // Words that name no source's shape: a request with no response, a process not read.
      ['words.js', `export const k = (request) => request.split('!');\nprocess.nextTick(k);\n`],
      // A page's props are the request's in a page file only; a validator's callback elsewhere.
      ['app/[id]/page.tsx', `export default function Page({ params }) {\n  return params.id;\n}\n`],
      ['rules/min.js', `export const min = { message: ({ params }) => 'at least ' + params.limit };\n`],
      // RxJS's class in an import list is no resolver map; a `Subscription:` key is.
      ['feed.ts', `import { Observable, Subscription } from 'rxjs';\nexport let s: Subscription;\n`],
      ['live.js', `export const live = { Subscription: { tick: { subscribe: (_, args) => args } } };\n`],
      // A generated schema's `document:` key is no use of the page's document; an alias of it is.
      [
        'schema.js',
        `export const s = { type: 'object', properties: { a: 1, document: { type: 'boolean' } } };\n`,
      ],
      ['alias.js', `const d = document;\nexport const c = () => d.cookie;\n`],
    ]);
    const relevant = taintRelevant(texts, buildImportGraph(texts));
    expect([...relevant].sort()).toEqual([
      'alias.js',
      'app/[id]/page.tsx',
      'code.js',
      'live.js',
      'template.js',
      'trailing.js',
    ]);
    expect(withoutLeadingComments('/* a\n b */ x\n  // y\nz // w')).toBe(' x\n\nz // w');
  });

  it("reads an imported predicate's test of its argument as a guard (its summary's `passes`)", async () => {
    const result = await scanTree({
      'pred/links.js': `export function isLocal(url) {\n  return url.startsWith('/') && !url.startsWith('//');\n}\nexport function isLong(url) {\n  return url.length > 3;\n}\n`,
      'pred/app.js': `import { isLocal, isLong } from './links.js';\napp.get('/a', (req, res) => {\n  if (isLocal(req.query.n)) res.redirect(req.query.n);\n  if (isLong(req.query.m)) res.redirect(req.query.m);\n});\n`,
    });
    const redirects = result.findings.filter((f) => f.ruleId === 'js/open-redirect' && f.flow);
    expect(redirects.map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual(['pred/app.js:4']);
  });

  it('analyses an import cycle without hanging', async () => {
    await writeFile(
      join(dir, 'cycle-a.ts'),
      `import { b } from './cycle-b.ts';\nexport const a = (x: string) => b(x);`,
    );
    await writeFile(
      join(dir, 'cycle-b.ts'),
      `import { a } from './cycle-a.ts';\nexport const b = (x: string) => x || a(x);`,
    );
    const result = await scanJsFiles(
      ['cycle-a.ts', 'cycle-b.ts'].map((path) => ({ path, absPath: join(dir, path) })),
      { rules: sastRules, root: dir, workers: 0 },
    );
    expect(result.diagnostics).toEqual([]);
  });

  it("takes a module across an import cycle for the program's own: no library sink names its methods", async () => {
    // posts ↔ notes: notes is analysed first, with no summary of posts.
    const cycle: Record<string, string> = {
      'src/activitypub/notes.js': `const posts = require('../posts');
const Notes = module.exports;
Notes.assert = async (uid, input) => {
  const exists = await posts.exists([input.id]);
  return exists;
};`,
      'src/controllers/intents.js': `const notes = require('../activitypub/notes');
const User = require('../models/user');
module.exports = function (app) {
  app.get('/intents', async (req, res) => { await notes.assert(0, req.query.toPid); res.end(); });
  app.get('/users', async (req, res) => res.json(await User.find({ name: req.query.name })));
};`,
      'src/models/user.js': `const mongoose = require('mongoose');
module.exports = mongoose.model('User', new mongoose.Schema({ name: String }));`,
      'src/database.js': `const name = process.env.DB || 'redis';
const primary = require(\`./database/\${name}\`);
module.exports = primary;`,
      'src/posts/data.js': `module.exports = function (Posts) { Posts.getPostData = async (pid) => [pid]; };`,
      'src/posts/index.js': `const db = require('../database');
const notes = require('../activitypub/notes');
const Posts = module.exports;
require('./data')(Posts);
Posts.exists = async function (pids) { return await db.exists(pids.map(p => \`post:\${p}\`)); };`,
    };
    const result = await scanTree(cycle);
    // `posts.exists` is the program's own function, not Mongoose's `Model.exists`; the model's `find` is.
    expect(result.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`)).toEqual([
      'js/nosql-injection src/controllers/intents.js:5',
    ]);
  });

  it("takes a module whose summary names no library object for the program's own", async () => {
    const files: Record<string, string> = {
      // A facade that picks its backend by a computed name: its `get` is no library's.
      'kv/index.js': `const primary = require('./' + (process.env.DB || 'redis'));
module.exports = primary;`,
      'sqlite.js': `const sqlite3 = require('sqlite3');
module.exports = new sqlite3.Database(':memory:');`,
      'routes.js': `const db = require('./kv');
const sql = require('./sqlite');
app.get('/u', async (req, res) => res.json(await db.get('user:' + req.query.id)));
app.get('/s', (req, res) => sql.get('SELECT * FROM t WHERE id = ' + req.query.id, (e, r) => res.json(r)));`,
    };
    const result = await scanTree(files);
    expect(result.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`)).toEqual([
      'js/sql-injection routes.js:4',
    ]);
  });

  it('follows the members of an object an imported plain function constructs', async () => {
    const files: Record<string, string> = {
      'ctor/allocations-dao.js': `function AllocationsDAO(db) {
  if (false === (this instanceof AllocationsDAO)) return new AllocationsDAO(db);
  const allocations = db.collection('allocations');
  this.byThreshold = (threshold, callback) => {
    allocations.find({ $where: \`this.stocks > '\${threshold}'\` }).toArray(callback);
  };
}
AllocationsDAO.prototype.byOwner = function (owner, callback) {
  this.db.collection('allocations').find({ owner: owner }).toArray(callback);
};
module.exports = { AllocationsDAO };`,
      'ctor/routes.js': `const { AllocationsDAO } = require('./allocations-dao');
function AllocationsHandler(db) {
  const dao = new AllocationsDAO(db);
  this.show = (req, res) => dao.byThreshold(req.query.threshold, (e, a) => res.json(a));
  this.mine = (req, res) => dao.byOwner(req.body.owner, (e, a) => res.json(a));
  this.other = (req, res) => dao.missing(req.body.owner);
}
module.exports = AllocationsHandler;`,
    };
    const result = await scanTree(files);
    expect(
      result.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`).sort(),
    ).toEqual([
      'js/nosql-injection ctor/allocations-dao.js:5',
      'js/nosql-injection ctor/allocations-dao.js:9',
    ]);
  });

  it("takes a check of what an imported function found in its module's own table for an allow-list", async () => {
    const files: Record<string, string> = {
      'lookup/registry.js': `const handlers = Object.create(null);
exports.add = (name, handler) => { handlers[name] = handler; };
exports.find = function (name) { return handlers[name]; };
exports.same = (name) => name;
exports.within = (tables, name) => tables[name];`,
      'lookup/routes.js': `const registry = require('./registry');
app.get('/a', async (req, res, next) => {
  const handler = await registry.find(req.query.to);
  if (!handler) return next();
  res.redirect(req.query.to);
});
app.get('/b', (req, res, next) => {
  if (!registry.same(req.query.to)) return next();
  res.redirect(req.query.to);
});
app.get('/c', (req, res, next) => {
  if (!registry.within(req.body, req.query.to)) return next();
  res.redirect(req.query.to);
});
app.get('/d', (req, res, next) => {
  if (!registry.find(req.query.name)) return next();
  res.redirect(req.query.to);
});`,
    };
    const result = await scanTree(files);
    // A function returning its argument, a lookup in the caller's table, a check of another value.
    expect(result.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`)).toEqual([
      'js/open-redirect lookup/routes.js:9',
      'js/open-redirect lookup/routes.js:13',
      'js/open-redirect lookup/routes.js:17',
    ]);
  });

  it('leaves generated files out of taint analysis, their own sinks and the helpers only they import', async () => {
    const texts = new Map([
      [
        'gen/api.js',
        `// Code generated by a client generator. DO NOT EDIT.\nimport { send } from '../lib/send.js';\nexport const getUser = (id) => send('/users/' + id);\n`,
      ],
      [
        'lib/send.js',
        `import { exec } from 'node:child_process';\nexport const send = (path) => exec('curl ' + path);\n`,
      ],
      ['gen/routes.js', `/* @generated */\napp.get('/g', (req, res) => { res.send(req.query.q); });\n`],
      [
        'app.js',
        `import { getUser } from './gen/api.js';\napp.get('/u', (req, res) => getUser(req.query.id));\n`,
      ],
    ]);
    const graph = buildImportGraph(texts);
    expect([...taintRelevant(texts, graph, generatedFiles(texts))].sort()).toEqual(['app.js']);
    const result = await scanTree(Object.fromEntries(texts));
    // No flow stands in generated code nor goes through it.
    expect(result.findings.filter((f) => f.flow).map((f) => f.location.path)).toEqual([]);
    const plain = await scanTree({
      'gen2/routes.js': `app.get('/g', (req, res) => { res.send(req.query.q); });\n`,
    });
    expect(plain.findings.filter((f) => f.flow).map((f) => `${f.ruleId} ${f.location.path}`)).toEqual([
      'js/reflected-xss gen2/routes.js',
    ]);
  });

  it('turns unreadable and binary files into diagnostics and scans the rest', async () => {
    await writeFile(join(dir, 'bin.js'), Buffer.from([0x7f, 0x45, 0x00, 0x01]));
    const result = await scanJsFiles(
      [
        ...list(),
        { path: 'bin.js', absPath: join(dir, 'bin.js') },
        { path: 'gone.js', absPath: join(dir, 'gone.js') },
      ],
      { rules: sastRules, root: dir, workers: 0 },
    );
    expect(result.diagnostics.map((d) => `${d.path} ${d.level}`).sort()).toEqual([
      'bin.js note',
      'gone.js error',
    ]);
    expect(result.findings.some((f) => f.location.path === 'app.ts')).toBe(true);
  });
});
