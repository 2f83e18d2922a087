import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectInventory, findLockfiles, walkInventoryFiles } from '../../src/sca/inventory.ts';
import { MAX_LOCKFILE_BYTES } from '../../src/sca/lockfiles/text.ts';
import { corpusPath } from './support/corpus.ts';

let root: string;
let outside: string;

function put(rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

const corpus = (p: string): string => readFileSync(corpusPath('lockfiles', p), 'utf8');

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vigil-inventory-'));
  outside = mkdtempSync(join(tmpdir(), 'vigil-outside-'));
  // a monorepo: npm workspaces at the top, a Go service, a Python service with an include, a Ruby app
  put('package-lock.json', corpus('package-lock-v3/hono-benchmarks-query-param-package-lock.json'));
  put('services/api/go.mod', corpus('go.mod/scalibr-indirect-packages.go.mod'));
  put('services/py/requirements.txt', '-r base.txt\nflask==2.0.0\n');
  put('services/py/base.txt', 'six==1.16.0\n');
  put('services/py/requirements-dev.txt', '-r base.txt\npytest==7.0.0\n');
  put(
    'apps/web/yarn.lock',
    'express@^4.0.0:\n  version "4.17.1"\n  dependencies:\n    qs "6.7.0"\n\nqs@6.7.0:\n  version "6.7.0"\n',
  );
  put('apps/web/package.json', JSON.stringify({ name: 'web', dependencies: { express: '^4.0.0' } }));
  // bad lockfiles: each becomes a diagnostic, the rest are still read
  put('apps/broken/pnpm-lock.yaml', "lockfileVersion: '9.0'\nimporters:\n  .: [\n");
  put('apps/broken2/Cargo.lock', '[[package]]\nname = "x"\nversion = \n');
  // never read: installed or vendored copies
  put('node_modules/left-pad/package-lock.json', corpus('package-lock-v2/scalibr-two-packages.v2.json'));
  put('services/api/vendor/github.com/x/y/go.mod', 'module github.com/x/y\n');
  put('apps/web/.yarn/cache/yarn.lock', 'x@1:\n  version "1"\n');
  // a lockfile linked from outside the tree
  writeFileSync(join(outside, 'Gemfile.lock'), corpus('Gemfile.lock/scalibr-one-gem.Gemfile.lock'));
  mkdirSync(join(root, 'apps/linked'), { recursive: true });
  symlinkSync(join(outside, 'Gemfile.lock'), join(root, 'apps/linked/Gemfile.lock'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('collectInventory', () => {
  it('finds every lockfile of a monorepo, never in node_modules or vendored folders', () => {
    const files = [
      'package-lock.json',
      'node_modules/left-pad/package-lock.json',
      'services/api/vendor/github.com/x/y/go.mod',
      'apps/web/.yarn/cache/yarn.lock',
      'apps/web/yarn.lock',
      'src/index.ts',
      'tools/package-lock.json',
      'tools/npm-shrinkwrap.json',
    ].map((path) => ({ path, absPath: join(root, path), size: 1 }));
    // npm installs from npm-shrinkwrap.json when a folder has both
    expect(findLockfiles(files).map((l) => l.file.path)).toEqual([
      'apps/web/yarn.lock',
      'package-lock.json',
      'tools/npm-shrinkwrap.json',
    ]);
  });

  it('reads all good lockfiles, reports each bad one with file and line, and goes on', async () => {
    const walked = await walkInventoryFiles(root);
    const result = await collectInventory(root, walked.files);
    expect(result.inventories.map((i) => i.path)).toEqual([
      'apps/web/yarn.lock',
      'package-lock.json',
      'services/api/go.mod',
      'services/py/requirements-dev.txt',
      'services/py/requirements.txt',
    ]);
    const errors = result.diagnostics.filter((d) => d.level === 'error');
    expect(errors.map((d) => [d.path, d.line])).toEqual([
      ['apps/broken/pnpm-lock.yaml', 4],
      ['apps/broken2/Cargo.lock', 3],
    ]);
    expect(errors.every((d) => d.message.startsWith(d.path as string) && d.source === 'sca')).toBe(true);
    // the yarn.lock reads its sibling package.json
    const web = result.inventories[0];
    expect(web?.roots).toEqual(['web']);
    expect(web?.packages.find((p) => p.name === 'qs')?.paths[0]).toEqual(['web', 'express', 'qs']);
    // six comes in through two -r includes: one package, reported where it is written
    const six = result.packages.filter((p) => p.name === 'six');
    expect(six).toHaveLength(1);
    expect(six[0]).toMatchObject({ source: 'services/py/base.txt', line: 1 });
    // go.mod's `go 1.17` adds the standard library, as 1.17.0
    expect(result.packages.find((p) => p.name === 'stdlib')).toMatchObject({ version: '1.17.0' });
    expect(result.packages.length).toBe(51 + 6 + 3 + 1 + 1);
  });

  it('does not read a lockfile that links out of the tree', async () => {
    const files = [
      { path: 'apps/linked/Gemfile.lock', absPath: join(root, 'apps/linked/Gemfile.lock'), size: 100 },
    ];
    const result = await collectInventory(root, files);
    expect(result.inventories).toEqual([]);
    expect(result.diagnostics[0]).toMatchObject({ level: 'error', path: 'apps/linked/Gemfile.lock' });
    expect(result.diagnostics[0]?.message).toMatch(/outside the scanned tree/);
  });

  it('summarises a flood of notes', async () => {
    put('flood/requirements.txt', Array.from({ length: 500 }, (_, i) => `pkg${i}>=1`).join('\n'));
    const files = [
      { path: 'flood/requirements.txt', absPath: join(root, 'flood/requirements.txt'), size: 5000 },
    ];
    const result = await collectInventory(root, files);
    expect(result.diagnostics).toHaveLength(21);
    expect(result.diagnostics[0]).toMatchObject({
      level: 'note',
      line: 1,
      message: 'pkg0 >=1 is not pinned with ==; not matched',
    });
    expect(result.diagnostics[20]?.message).toBe('480 more notes like these');
  });

  it('refuses lockfiles over 64 MiB without reading them', async () => {
    const files = [
      { path: 'package-lock.json', absPath: join(root, 'package-lock.json'), size: MAX_LOCKFILE_BYTES + 1 },
    ];
    const result = await collectInventory(root, files);
    expect(result.diagnostics[0]?.message).toBe('package-lock.json: larger than 64 MiB; not read');
  });
});
