/**
 * TypeScript files the project's tsconfig.json excludes, and that no scanned file imports, are not
 * compiled as the project's code: their findings are medium, with the reason in the message.
 */
import { describe, expect, it } from 'vitest';
import { excludedFromProgram } from '../../../src/sast/scope/excluded-sources.ts';
import { buildImportGraph } from '../../../src/sast/workers/graph.ts';
import { findingsOf, treeForBlock } from '../../support/sast-tree.ts';

/** The excluded files among `files` (each importing what its text says), under `configs`. */
function excluded(configs: Record<string, string>, files: Record<string, string>): string[] {
  const graph = buildImportGraph(new Map(Object.entries(files)));
  return [...excludedFromProgram(new Map(Object.entries(configs)), Object.keys(files), graph)].sort();
}

describe('excludedFromProgram', () => {
  const files = {
    'src/app.ts': '',
    'src/app.spec.ts': '',
    'src/deep/util.ts': '',
    'data/snippets/fix_1.ts': '',
    'data/snippets/fix_2.tsx': '',
    'data/static.js': '',
    'dist/out.ts': '',
    'scripts/seed.ts': '',
    'types/global.d.ts': '',
  };

  it('reads folder names, `**`, `*` and `?` as tsconfig does, relative to the config', () => {
    const configs = {
      'tsconfig.json': `{
        // comments and trailing commas, as tsconfig is written
        "exclude": ["./data/snippets/**", "dist", "src/*.spec.ts", "types", "data/static.js",],
      }`,
    };
    expect(excluded(configs, files)).toEqual([
      'data/snippets/fix_1.ts',
      'data/snippets/fix_2.tsx',
      'dist/out.ts',
      'src/app.spec.ts',
    ]);
    expect(
      excluded({ 'tsconfig.json': '{ "exclude": ["data/snippets/fix_?.ts", "**/deep"] }' }, files),
    ).toEqual(['data/snippets/fix_1.ts', 'src/deep/util.ts']);
  });

  it('keeps a file another file imports, or another config names in its own include or files', () => {
    const configs = {
      'tsconfig.json': '{ "exclude": ["scripts", "data"] }',
      'tsconfig.scripts.json': '{ "extends": "./tsconfig.json", "include": ["scripts/**/*"], "exclude": [] }',
      'tsconfig.data.json': '{ "files": ["data/snippets/fix_2.tsx"] }',
    };
    const importing = { ...files, 'src/app.ts': "import { fix } from '../data/snippets/fix_1';" };
    expect(excluded(configs, importing)).toEqual([]);
    // A config that inherits the exclusion and names nothing of its own takes nothing back.
    expect(
      excluded(
        {
          'tsconfig.json': '{ "exclude": ["scripts"] }',
          'tsconfig.build.json': '{ "extends": "./tsconfig" }',
        },
        files,
      ),
    ).toEqual(['scripts/seed.ts']);
  });

  it('goes by the nearest tsconfig.json and its `extends` within the tree', () => {
    const configs = {
      'tsconfig.json': '{ "exclude": ["data"] }',
      'tsconfig.base.json': '{ "exclude": ["deep"] }',
      'src/tsconfig.json': '{ "extends": "../tsconfig.base.json" }',
    };
    // src/tsconfig.json inherits `deep`, relative to the root where it was written: no match.
    expect(excluded(configs, files)).toEqual(['data/snippets/fix_1.ts', 'data/snippets/fix_2.tsx']);
    const own = {
      ...configs,
      'src/tsconfig.json': '{ "extends": "../tsconfig.base.json", "exclude": ["deep"] }',
    };
    expect(excluded(own, files)).toEqual([
      'data/snippets/fix_1.ts',
      'data/snippets/fix_2.tsx',
      'src/deep/util.ts',
    ]);
  });

  it('excludes nothing without an explicit list, or with a config that does not parse', () => {
    expect(excluded({ 'tsconfig.json': '{ "compilerOptions": {} }' }, files)).toEqual([]);
    expect(excluded({ 'tsconfig.json': '{ "exclude": ["data"' }, files)).toEqual([]);
    expect(excluded({ 'tsconfig.json': '{ "exclude": "data" }' }, files)).toEqual([]);
  });

  it('ends an `extends` cycle and reads a config that extends itself', () => {
    const configs = {
      'tsconfig.json': '{ "extends": "./tsconfig.base.json" }',
      'tsconfig.base.json': '{ "extends": "./tsconfig.json", "exclude": ["data"] }',
      'src/tsconfig.json': '{ "extends": "./tsconfig.json" }',
    };
    expect(excluded(configs, files)).toEqual(['data/snippets/fix_1.ts', 'data/snippets/fix_2.tsx']);
  });

  it('matches long names and deep paths without blowing up', () => {
    const long = `${'a'.repeat(5000)}.ts`;
    const deep = `${Array.from({ length: 300 }, () => 'd').join('/')}/x.ts`;
    const configs = { 'tsconfig.json': `{ "exclude": ["${'*a'.repeat(40)}b.ts", "**/d/**/d/**/y.ts"] }` };
    const start = performance.now();
    expect(excluded(configs, { [long]: '', [deep]: '' })).toEqual([]);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('findings in an excluded file', () => {
  const tree = {
    'package.json': '{ "name": "app", "dependencies": { "express": "^4.18.0", "sequelize": "^6.0.0" } }',
    'tsconfig.json': '{ "compilerOptions": { "strict": true }, "exclude": ["snippets/**"] }',
    'snippets/search_1.ts': `import express from 'express';
import { sequelize } from '../models';
const app = express();
app.get('/search', (req, res) => {
  sequelize.query('SELECT * FROM Products WHERE name LIKE ' + req.query.q).then((r) => res.json(r));
});
`,
    'routes/search.ts': `import express from 'express';
import { sequelize } from '../models';
const app = express();
app.get('/search', (req, res) => {
  sequelize.query('SELECT * FROM Products WHERE name LIKE ' + req.query.q).then((r) => res.json(r));
});
`,
    'models.ts': `import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize('sqlite::memory:');\n`,
  };
  const dir = treeForBlock(tree);

  it('are medium and say why; the same code compiled keeps its precision', async () => {
    const found = await findingsOf(dir(), tree, 'js/sql-injection');
    const byPath = Object.fromEntries(found.map((f) => [f.location.path, f]));
    expect(byPath['routes/search.ts']?.precision).toBe('very-high');
    expect(byPath['snippets/search_1.ts']?.precision).toBe('medium');
    expect(byPath['snippets/search_1.ts']?.message).toMatch(/tsconfig\.json excludes this file/);
  });
});
