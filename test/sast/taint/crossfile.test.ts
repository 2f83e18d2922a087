/**
 * Flows across files: summaries (not trees) of imported modules carry them, for ESM and CommonJS,
 * named/default/namespace imports, re-exports and barrels; summaries are cached by content hash.
 */
import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sastRules } from '../../../rules/index.ts';
import { scanJsFiles } from '../../../src/sast/workers/index.ts';

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
document.body.innerHTML = userHash();`,
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

describe('cross-file taint', () => {
  it('follows flows into imported helpers and reports them at the call', async () => {
    const result = await scanJsFiles(list(), { rules: sastRules, root: dir, workers: 0 });
    expect(result.diagnostics).toEqual([]);
    const taint = result.findings
      .filter((f) => f.flow?.length)
      .map((f) => `${f.properties?.taintRule ?? f.ruleId} ${f.location.path}:${f.location.startLine}`)
      .sort();
    expect(taint).toEqual([
      'js/tainted-command app.ts:8',
      'js/tainted-command app.ts:9',
      'js/tainted-dom-html app.ts:13',
      'js/tainted-sql app.ts:7',
    ]);
    const sql = result.findings.find((f) => f.location.startLine === 7 && f.location.path === 'app.ts')!;
    expect(sql.message).toContain('lib/db.js:3');
    expect(sql.flow!.map((s) => `${s.location.path}:${s.location.startLine}`)).toContain('lib/db.js:3');
    const dom = result.findings.find((f) => f.location.startLine === 13)!;
    expect(dom.flow![0]!.location.path).toBe('lib/source.ts');
  });

  it('gives the same findings on worker threads', async () => {
    const inline = await scanJsFiles(list(), { rules: sastRules, root: dir, workers: 0 });
    const threaded = await scanJsFiles(list(), { rules: sastRules, root: dir, workers: 2 });
    const key = (r: typeof inline) =>
      r.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`).sort();
    expect(key(threaded)).toEqual(key(inline));
  });

  it('caches summaries by content hash and reuses them', async () => {
    const cacheDir = join(dir, '.cache');
    await scanJsFiles(list(), { rules: sastRules, root: dir, workers: 0, cacheDir });
    const all = await readdir(join(cacheDir, 'sast-summaries'));
    // One entry per content hash, and one per absolute path for the ESLint plugin.
    const entries = all.filter((e) => /^[0-9a-f]{64}\.json$/.test(e));
    expect(entries.length).toBe(Object.keys(files).length);
    expect(all.filter((e) => /^path-[0-9a-f]{64}\.json$/.test(e)).length).toBe(Object.keys(files).length);
    await writeFile(join(cacheDir, 'sast-summaries', entries[0]!), '{ broken');
    const again = await scanJsFiles(list(), { rules: sastRules, root: dir, workers: 0, cacheDir });
    expect(again.diagnostics).toEqual([]);
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
