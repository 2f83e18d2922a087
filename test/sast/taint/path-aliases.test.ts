/**
 * Imports through TypeScript's `paths` and `baseUrl` (tsconfig.json, jsconfig.json) resolve to the
 * tree's files as relative ones do: a Next.js `@/lib/db`, an Nx `@acme/api/services/x`. Flows
 * follow them, and a project's own method reached that way is judged by what it does, not by a
 * library's method of the same name.
 */
import { describe, expect, it } from 'vitest';
import { parseJsonc, pathAliases } from '../../../src/sast/scope/path-aliases.ts';
import { buildImportGraph } from '../../../src/sast/workers/graph.ts';
import { findingsOf, treeForBlock } from '../../support/sast-tree.ts';

describe('parseJsonc', () => {
  it('reads comments and trailing commas, and leaves strings alone', () => {
    const text = `{
  // line comment
  "compilerOptions": { /* block */ "baseUrl": ".", "paths": { "@/*": ["./src/*",], }, },
  "note": "a // not a comment, nor /* this */, and a \\" quote",
}`;
    expect(parseJsonc(text)).toEqual({
      compilerOptions: { baseUrl: '.', paths: { '@/*': ['./src/*'] } },
      note: 'a // not a comment, nor /* this */, and a " quote',
    });
  });

  it('answers an error for what is no object: truncated, an array, too large', () => {
    expect(parseJsonc('{ "compilerOptions": { "paths": ')).toBeInstanceOf(Error);
    expect(parseJsonc('[1, 2]')).toBeInstanceOf(Error);
    expect(parseJsonc(`{"a": "${'x'.repeat(2 * 1024 * 1024)}"}`)).toBeInstanceOf(Error);
    // An unterminated comment or string ends the text; nothing loops.
    expect(parseJsonc('{ "a": 1 /* open')).toBeInstanceOf(Error);
    expect(parseJsonc('{ "a": "open')).toBeInstanceOf(Error);
  });
});

describe('pathAliases', () => {
  const files = new Set([
    'src/lib/db.ts',
    'src/lib/index.ts',
    'src/lib/special.ts',
    'src/components/Button.tsx',
    'libs/common/src/lib/dtos/index.ts',
    'apps/api/src/services/fetch.service.ts',
    'apps/api/src/main.ts',
    'apps/web/src/utils/format.js',
    'apps/web/src/page.js',
    'etc/secret.ts',
  ]);
  const configs = new Map([
    [
      'tsconfig.json',
      `{ "compilerOptions": { "baseUrl": ".", "paths": {
        "@/*": ["./src/*"], "@/lib/special": ["./src/lib/special.ts"], "@lib": ["src/lib"],
        "escape/*": ["../*"] } } }`,
    ],
    [
      'tsconfig.base.json',
      JSON.stringify({
        compilerOptions: {
          paths: { '@acme/api/*': ['./apps/api/src/*'], '@acme/common/*': ['./libs/common/src/lib/*'] },
        },
      }),
    ],
    // Nx: each app extends the base, and takes its paths.
    ['apps/api/tsconfig.json', '{ "extends": "../../tsconfig.base.json", "compilerOptions": {} }'],
    // jsconfig with baseUrl alone: bare specifiers are looked for under it.
    ['apps/web/jsconfig.json', '{ "compilerOptions": { "baseUrl": "src" } }'],
    ['node_modules/x/tsconfig.json', '{ "compilerOptions": { "baseUrl": "." } }'],
    ['broken/tsconfig.json', '{ "compilerOptions": '],
  ]);
  const { aliases, diagnostics } = pathAliases(configs);

  it('maps `paths` patterns, the longest prefix first and exact keys before wildcards', () => {
    expect(aliases.resolve('src/app.ts', '@/lib/db', files)).toBe('src/lib/db.ts');
    expect(aliases.resolve('src/app.ts', '@/components/Button', files)).toBe('src/components/Button.tsx');
    expect(aliases.resolve('src/app.ts', '@/lib/special', files)).toBe('src/lib/special.ts');
    expect(aliases.resolve('src/app.ts', '@lib', files)).toBe('src/lib/index.ts');
  });

  it('follows extends to a base config, relative to the config that declares the paths', () => {
    expect(aliases.resolve('apps/api/src/main.ts', '@acme/api/services/fetch.service', files)).toBe(
      'apps/api/src/services/fetch.service.ts',
    );
    expect(aliases.resolve('apps/api/src/main.ts', '@acme/common/dtos', files)).toBe(
      'libs/common/src/lib/dtos/index.ts',
    );
  });

  it('resolves bare specifiers under baseUrl, for the files below the config only', () => {
    expect(aliases.resolve('apps/web/src/page.js', 'utils/format', files)).toBe(
      'apps/web/src/utils/format.js',
    );
    expect(aliases.resolve('apps/web/src/page.js', 'react', files)).toBeUndefined();
  });

  it('resolves nothing outside the scan root, nor from installed packages', () => {
    expect(aliases.resolve('src/app.ts', 'escape/etc/secret', files)).toBeUndefined();
    expect(aliases.resolve('src/app.ts', '@/../../etc/secret', files)).toBeUndefined();
    expect(aliases.resolve('node_modules/x/a.ts', 'src/lib/db', files)).toBe('src/lib/db.ts');
  });

  it('reports a config that does not parse, and takes nothing from it', () => {
    expect(diagnostics).toEqual([
      expect.objectContaining({ path: 'broken/tsconfig.json', level: 'warning' }),
    ]);
    expect(aliases.resolve('broken/a.ts', '@/lib/db', files)).toBe('src/lib/db.ts');
  });

  it('ends on an extends cycle, and skips paths entries that are not lists of strings', () => {
    const looping = pathAliases(
      new Map([
        ['a/tsconfig.json', '{ "extends": "../b/tsconfig.json", "compilerOptions": { "baseUrl": "." } }'],
        ['b/tsconfig.json', '{ "extends": "../a/tsconfig.json" }'],
        [
          'c/tsconfig.json',
          '{ "extends": "./tsconfig", "compilerOptions": { "paths": { "x": "y", "z/*": [1, "./z/*"], "a*b*": ["./q"] } } }',
        ],
      ]),
    );
    expect(looping.diagnostics).toEqual([]);
    expect(looping.aliases.resolve('b/main.ts', 'lib', new Set(['a/lib.ts']))).toBe('a/lib.ts');
    expect(looping.aliases.resolve('c/main.ts', 'z/k', new Set(['c/z/k.ts']))).toBe('c/z/k.ts');
    expect(looping.aliases.resolve('c/main.ts', 'x', new Set(['c/y.ts']))).toBeUndefined();
  });

  it('puts aliased imports in the import graph', () => {
    const texts = new Map([
      ['src/app.ts', `import { db } from '@/lib/db';\nimport x from 'react';`],
      ['src/lib/db.ts', 'export const db = 1;'],
    ]);
    expect(buildImportGraph(texts, new Map(), aliases).imports.get('src/app.ts')).toEqual(
      new Map([['@/lib/db', 'src/lib/db.ts']]),
    );
  });
});

describe('flows through aliased imports', () => {
  const tree: Record<string, string> = {
    'tsconfig.json': `{
  // Next.js writes this one
  "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] }, },
}`,
    'src/lib/db.ts': `import { Pool } from 'pg';
const pool = new Pool();
export function byName(name: string) {
  return pool.query("SELECT * FROM users WHERE name = '" + name + "'");
}`,
    'src/services/market.service.ts': `import { prisma } from '@/lib/prisma';
export class MarketService {
  async updateMany({ data }: { data: Array<{ price: number }> }) {
    return Promise.all(data.map((d) => prisma.price.create({ data: d })));
  }
}`,
    'src/lib/prisma.ts': `export const prisma: any = {};`,
    'src/app.ts': `import express from 'express';
import { byName } from '@/lib/db';
import { MarketService } from '@/services/market.service';
const app = express();
const market = new MarketService();
app.get('/u', async (req, res) => res.json(await byName(req.query.name as string)));
app.post('/m', async (req, res) => res.json(await market.updateMany({ data: req.body.items })));`,
  };
  const dir = treeForBlock(tree);

  it('follows a flow into the aliased module, to its sink', async () => {
    const sql = await findingsOf(dir(), tree, 'js/sql-injection');
    expect(sql.map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual(['src/lib/db.ts:4']);
  });

  it("takes the program's own updateMany for its own, not a MongoDB collection's", async () => {
    expect(await findingsOf(dir(), tree, 'js/nosql-injection')).toEqual([]);
  });
});
