/**
 * Bare imports naming a package of the scanned tree resolve to its files: a workspace's packages
 * (`@acme/db`), and an application requiring itself by its own name through a node_modules link
 * (`require('app/node/db')`). Their helpers' summaries carry flows as relative imports' do,
 * including a response helper exported where it is written (`exports.sendPage = (res, t) => …`).
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImportGraph } from '../../../src/sast/workers/graph.ts';
import { localPackages, resolveLocalPackage } from '../../../src/sast/library/packages.ts';
import { findingsOf, writeTree } from '../../support/sast-tree.ts';

const tree: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['packages/*'] }),
  'packages/db/package.json': JSON.stringify({ name: '@acme/db', main: 'dist/index.js' }),
  'packages/db/src/index.ts': `import { Pool } from 'pg';
const pool = new Pool();
export function byName(name: string) {
  return pool.query("SELECT * FROM users WHERE name = '" + name + "'");
}`,
  'packages/api/package.json': JSON.stringify({ name: '@acme/api' }),
  'packages/api/src/server.ts': `import express from 'express';
import { byName } from '@acme/db';
const { sendPage } = require('@acme/api/src/views');
const app = express();
app.get('/u', async (req, res) => {
  await byName(req.query.name as string);
  sendPage(res, req.query.title);
});`,
  'packages/api/src/views.js': `exports.sendPage = (res, title) => res.send('<h1>' + title + '</h1>');`,
  // A fixture claiming a library's name is no package of the program.
  'test/fixtures/express/package.json': JSON.stringify({ name: 'express' }),
  'test/fixtures/express/index.js': 'module.exports = () => ({});',
};

describe('packages of the scanned tree', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await writeTree(tree);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('resolves workspace packages, their subpaths and sources behind a build entry', () => {
    const manifests = new Map(Object.entries(tree).filter(([p]) => p.endsWith('package.json')));
    const texts = new Map(Object.entries(tree).filter(([p]) => !p.endsWith('.json')));
    const graph = buildImportGraph(texts, localPackages(manifests));
    expect(graph.imports.get('packages/api/src/server.ts')).toEqual(
      new Map([
        ['@acme/db', 'packages/db/src/index.ts'],
        ['@acme/api/src/views', 'packages/api/src/views.js'],
      ]),
    );
  });

  it('leaves out fixtures, names two manifests claim, and manifests that do not parse', () => {
    const packages = localPackages(
      new Map([
        ['test/fixtures/express/package.json', '{"name":"express"}'],
        ['a/package.json', '{"name":"dup"}'],
        ['b/package.json', '{"name":"dup"}'],
        ['c/package.json', '{"name":'],
        ['package.json', '{"name":"app","main":"./server.js"}'],
      ]),
    );
    expect([...packages]).toEqual([['app', { dir: '', entries: ['server.js'] }]]);
  });

  it('resolves nothing outside the scanned tree, nor a package it does not hold', () => {
    const packages = new Map([['@acme/db', { dir: 'packages/db', entries: [] }]]);
    const files = new Set(['packages/db/src/index.ts', 'etc/passwd.js']);
    expect(resolveLocalPackage('@acme/db/../../../etc/passwd', packages, files)).toBeUndefined();
    expect(resolveLocalPackage('@acme/other', packages, files)).toBeUndefined();
    expect(resolveLocalPackage('@acme', packages, files)).toBeUndefined();
    expect(resolveLocalPackage('@acme/db', packages, files)).toBe('packages/db/src/index.ts');
  });

  it('follows flows into another package of the tree', async () => {
    const sql = await findingsOf(dir, tree, 'js/sql-injection');
    expect(sql.map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual([
      'packages/db/src/index.ts:4',
    ]);
    const xss = await findingsOf(dir, tree, 'js/reflected-xss');
    expect(xss.map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual([
      'packages/api/src/views.js:1',
    ]);
  });
});
