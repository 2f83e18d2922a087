import { describe, expect, it } from 'vitest';
import { npmSourceKind } from '../../../src/sca/lockfiles/npm-kind.ts';
import { extractCorpus, extractText, find } from './helpers.ts';

const lock = (packages: Record<string, unknown>): string =>
  JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages }, null, 2);

describe('package-lock.json v2/v3', () => {
  it('resolves dependencies by Node resolution: nested first, then up the tree', () => {
    const inv = extractText(
      'package-lock.json',
      lock({
        '': { name: 'app', dependencies: { express: '^4.0.0' }, devDependencies: { jest: '^29' } },
        'node_modules/express': { version: '4.17.1', dependencies: { 'body-parser': '1.19.0', qs: '6.7.0' } },
        'node_modules/body-parser': { version: '1.19.0', dependencies: { qs: '6.7.0' } },
        'node_modules/body-parser/node_modules/qs': { version: '6.7.0' },
        'node_modules/qs': { version: '6.11.0' },
        'node_modules/jest': { version: '29.0.0', dev: true, dependencies: { qs: '*' } },
      }),
    );
    expect(find(inv, 'qs', '6.7.0').paths[0]).toEqual(['app', 'express', 'body-parser', 'qs']);
    expect(find(inv, 'qs', '6.11.0').paths[0]).toEqual(['app', 'express', 'qs']);
    expect(find(inv, 'express').direct).toBe(true);
    expect(find(inv, 'body-parser').direct).toBe(false);
    // qs@6.11.0 is reachable from production (express) and from jest: production wins
    expect(find(inv, 'qs', '6.11.0').dev).toBe(false);
    expect(find(inv, 'jest').dev).toBe(true);
    expect(inv.declared).toEqual({ express: '^4.0.0', jest: '^29' });
    expect(find(inv, 'body-parser').line).toBe(22);
    expect(find(inv, 'express').dependsOn).toEqual(['pkg:npm/body-parser@1.19.0', 'pkg:npm/qs@6.11.0']);
  });

  it('records the real name of an npm: alias and keeps the installed name', () => {
    const inv = extractCorpus('package-lock-v2', 'scalibr-alias.v2.json', 'package-lock.json');
    const alias = find(inv, 'string-width', '4.2.0');
    expect(alias).toMatchObject({
      kind: 'alias',
      alias: 'string-width-cjs',
      purl: 'pkg:npm/string-width@4.2.0',
    });
    expect(find(inv, 'string-width', '5.1.2').kind).toBe('registry');
  });

  it('recognises git dependencies and file dependencies', () => {
    const git = extractCorpus('package-lock-v2', 'scalibr-commits.v2.json', 'package-lock.json');
    expect(find(git, 'is-number-1')).toMatchObject({ kind: 'git', version: '3.0.0', dev: true });
    expect(find(git, 'raven-js')).toMatchObject({
      kind: 'git',
      version: 'c2b377e7a254264fd4a1fe328e4e3cfc9e245570',
    });
    const files = extractCorpus('package-lock-v2', 'scalibr-files.v2.json', 'package-lock.json');
    expect(files.packages.find((p) => p.kind === 'file')?.version).toBe('1.8.0');
  });

  it('treats npm workspaces as root manifests, linked from node_modules', () => {
    const inv = extractCorpus('package-lock-v3', 'socket.io-monorepo-package-lock.json', 'package-lock.json');
    const ws = inv.packages.filter((p) => p.kind === 'workspace');
    expect(ws.map((p) => p.name)).toContain('engine.io-parser');
    expect(inv.roots).toContain('engine.io');
    // engine.io depends on the workspace engine.io-parser through a link, and on ws from the registry
    const wsDep = inv.packages.find((p) => p.name === 'ws' && p.paths[0]?.[0] === 'engine.io');
    expect(wsDep?.direct).toBe(true);
    expect(inv.declared?.['@babel/core']).toBe('^7.24.7');
    // a dependency only a member lists keeps the member's range
    expect(inv.declared?.ws).toBe('~8.21.0');
  });

  it('skips install paths that climb out of the project, with a note', () => {
    const inv = extractText(
      'package-lock.json',
      lock({
        '': { dependencies: { a: '1' } },
        'node_modules/a': { version: '1.0.0' },
        '../../etc/node_modules/evil': { version: '6.6.6' },
      }),
    );
    expect(inv.packages.map((p) => p.name)).toEqual(['a']);
    expect(inv.notes?.[0]?.message).toMatch(/outside the project/);
  });
});

describe('package-lock.json v1', () => {
  it('reads nested dependencies and resolves `requires` up the nesting', () => {
    const inv = extractCorpus('package-lock-v1', 'scalibr-nested-dependencies.v1.json', 'package-lock.json');
    expect(inv.format).toBe('package-lock v1');
    for (const p of inv.packages) expect(p.paths[0]?.[0]).toBe('(root)');
    const nested = inv.packages.filter((p) => p.paths[0]!.length > 2);
    expect(nested.length).toBeGreaterThan(0);
  });

  it('takes direct and dev dependencies from the sibling package.json', () => {
    const text = JSON.stringify({
      lockfileVersion: 1,
      dependencies: {
        a: { version: '1.0.0', requires: { b: '^2' } },
        b: { version: '2.0.0' },
        c: { version: '3.0.0', dev: true },
        d: { version: 'npm:lodash@4.17.20' },
      },
    });
    const pkg = JSON.stringify({
      name: 'svc',
      dependencies: { a: '^1', d: 'npm:lodash@^4' },
      devDependencies: { c: '^3' },
    });
    const inv = extractText('svc/package-lock.json', text, { 'svc/package.json': pkg });
    expect(find(inv, 'b').paths[0]).toEqual(['svc', 'a', 'b']);
    expect(find(inv, 'c')).toMatchObject({ direct: true, dev: true });
    expect(find(inv, 'lodash')).toMatchObject({
      kind: 'alias',
      alias: 'd',
      version: '4.17.20',
      direct: true,
    });
    expect(inv.declared).toEqual({ a: '^1', d: 'npm:lodash@^4', c: '^3' });
  });
});

describe('npmSourceKind', () => {
  it('tells git URLs ending in .git (with or without a ref) from tarball URLs', () => {
    for (const spec of [
      'https://example.com/a/b.git',
      'http://example.com/b.git#v1.0.0',
      'https://example.com/a.git#x.git#y',
      'https://.git',
      'git+https://example.com/a.tgz',
      'https://github.com/a/b/archive/v1.tar.gz',
      'user/repo#main',
    ])
      expect(npmSourceKind(spec), spec).toBe('git');
    for (const spec of [
      'https://registry.npmjs.org/a/-/a-1.0.0.tgz',
      'https://example.com/a.gitx',
      'https://example.com/a.git\n',
      'https://example.com/a.git#ref\nmore',
      'ftp://example.com/a.git',
      '^1.0.0',
    ])
      expect(npmSourceKind(spec), JSON.stringify(spec)).toBeUndefined();
  });
});
