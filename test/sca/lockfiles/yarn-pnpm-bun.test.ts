import { describe, expect, it } from 'vitest';
import { extractCorpus, extractText, find } from './helpers.ts';

describe('yarn.lock v1', () => {
  it('reads aliases under their real name', () => {
    const inv = extractCorpus('yarn-v1', 'scalibr-with-aliases.v1.lock', 'yarn.lock');
    expect(inv.format).toBe('yarn.lock v1');
    expect(inv.packages.filter((p) => p.kind === 'alias').every((p) => p.alias !== p.name)).toBe(true);
  });

  it('recognises file, link and git sources', () => {
    const files = extractCorpus('yarn-v1', 'scalibr-files.v1.lock', 'yarn.lock');
    expect(find(files, 'filedep').kind).toBe('file');
    expect(find(files, 'etag', '1.8.0').kind).toBe('link');
    const git = extractCorpus('yarn-v1', 'scalibr-commits.v1.lock', 'yarn.lock');
    expect(git.packages.filter((p) => p.kind === 'git')).toHaveLength(17);
  });

  it('uses the sibling package.json for direct, dev and declared ranges', () => {
    const text = `# yarn lockfile v1\n\nexpress@^4.0.0:\n  version "4.17.1"\n  dependencies:\n    qs "6.7.0"\n\nqs@6.7.0:\n  version "6.7.0"\n\n"jest@^29.0.0":\n  version "29.0.0"\n  dependencies:\n    qs "6.7.0"\n`;
    const pkg = JSON.stringify({
      name: 'web',
      dependencies: { express: '^4.0.0' },
      devDependencies: { jest: '^29.0.0' },
    });
    const inv = extractText('web/yarn.lock', text, { 'web/package.json': pkg });
    expect(find(inv, 'qs')).toMatchObject({
      direct: false,
      dev: false,
      line: 8,
      paths: [['web', 'express', 'qs']],
    });
    expect(find(inv, 'jest')).toMatchObject({ direct: true, dev: true, line: 11 });
    expect(inv.declared).toEqual({ express: '^4.0.0', jest: '^29.0.0' });
  });

  it('reads workspace members from their package.json files (v1 does not lock them)', () => {
    const text = `lodash@^4.17.0:\n  version "4.17.21"\n\nminimist@^1.2.0:\n  version "1.2.5"\n\nleft-pad@^1.3.0:\n  version "1.3.0"\n`;
    const inv = extractText('mono/yarn.lock', text, {
      'mono/package.json': JSON.stringify({
        name: 'mono',
        private: true,
        workspaces: ['packages/*'],
        devDependencies: { 'left-pad': '^1.3.0' },
      }),
      'mono/packages/api/package.json': JSON.stringify({
        name: '@mono/api',
        dependencies: { lodash: '^4.17.0' },
      }),
      'mono/packages/cli/package.json': JSON.stringify({
        name: '@mono/cli',
        devDependencies: { minimist: '^1.2.0' },
      }),
      'mono/other/package.json': JSON.stringify({
        name: 'not-a-member',
        dependencies: { minimist: '^1.2.0' },
      }),
    });
    expect(inv.roots).toEqual(['mono', '@mono/api', '@mono/cli']);
    expect(find(inv, 'lodash')).toMatchObject({ direct: true, dev: false, paths: [['@mono/api', 'lodash']] });
    expect(find(inv, 'minimist')).toMatchObject({
      direct: true,
      dev: true,
      paths: [['@mono/cli', 'minimist']],
    });
    expect(find(inv, 'left-pad')).toMatchObject({ direct: true, dev: true });
  });

  it('names the line of a syntax error', () => {
    expect(() => extractText('yarn.lock', 'a@^1:\n  version "1"\n   bad\n"x')).toThrow(/^yarn\.lock/);
  });
});

describe('yarn.lock Berry', () => {
  it('reads aliases, workspaces and leaves the root workspace out', () => {
    const inv = extractCorpus('yarn-berry', 'scalibr-with-aliases.v2.lock', 'yarn.lock');
    expect(inv.format).toBe('yarn.lock berry');
    expect(find(inv, 'ansi-regex', '5.0.1')).toMatchObject({
      kind: 'alias',
      alias: 'ansi-regex-cjs',
      direct: true,
    });
    expect(find(inv, '@babel/helper-validator-identifier').alias).toBe('babel-hvi');
    expect(inv.roots).toEqual(['mine']);
    expect(inv.packages.some((p) => p.name === 'mine')).toBe(false);
    const ws = extractCorpus('yarn-berry', 'jest-monorepo-yarn.lock', 'yarn.lock');
    expect(ws.packages.filter((p) => p.kind === 'workspace').length).toBeGreaterThan(50);
  });

  it('reads patched packages as the registry package they patch', () => {
    const text = `__metadata:\n  version: 8\n\n"app@workspace:.":\n  version: 0.0.0-use.local\n  resolution: "app@workspace:."\n  dependencies:\n    typescript: "patch:typescript@npm%3A^5.0.0#~builtin<compat/typescript>"\n  languageName: unknown\n  linkType: soft\n\n"typescript@patch:typescript@npm%3A^5.0.0#~builtin<compat/typescript>":\n  version: 5.0.4\n  resolution: "typescript@patch:typescript@npm%3A5.0.4#~builtin<compat/typescript>::version=5.0.4&hash=b5f058"\n  languageName: node\n  linkType: hard\n`;
    const inv = extractText('yarn.lock', text);
    expect(find(inv, 'typescript')).toMatchObject({
      kind: 'registry',
      version: '5.0.4',
      direct: true,
      line: 12,
    });
  });

  it('splits dev dependencies with the workspace package.json', () => {
    const inv = extractCorpus('yarn-berry', 'jest-e2e-global-setup-yarn.lock', 'yarn.lock', {
      'package.json': JSON.stringify({
        name: 'x',
        dependencies: { 'jest-util': '*' },
        devDependencies: {
          '@babel/core': '^7.0.0',
          '@babel/preset-env': '^7.0.0',
          '@babel/preset-flow': '^7.0.0',
        },
      }),
    });
    expect(inv.packages.filter((p) => p.direct)).toHaveLength(4);
    expect(find(inv, '@babel/preset-flow').dev).toBe(true);
    expect(find(inv, 'jest-util').dev).toBe(false);
    expect(inv.roots).toEqual(['x']);
  });
});

describe('pnpm-lock.yaml', () => {
  it('v9: merges peer-suffixed snapshots into one package and follows importers', () => {
    const inv = extractCorpus('pnpm-v9', 'scalibr-peer-dependencies-advanced.v9.yaml', 'pnpm-lock.yaml');
    expect(inv.format).toBe('pnpm-lock.yaml v9');
    expect(inv.packages.filter((p) => p.name === '@typescript-eslint/utils')).toHaveLength(1);
    expect(find(inv, '@typescript-eslint/type-utils').paths[0]).toEqual([
      '(root)',
      '@typescript-eslint/eslint-plugin',
      '@typescript-eslint/type-utils',
    ]);
    expect(inv.declared?.eslint).toBe('^8.0.0');
  });

  it('dev dependencies from importers, propagated', () => {
    const inv = extractCorpus('pnpm-v9', 'scalibr-mixed-groups.v9.yaml', 'pnpm-lock.yaml');
    expect(find(inv, 'is-number').dev).toBe(true);
    expect(find(inv, 'uuid').dev).toBe(false);
  });

  it('v9 git dependencies, v5 exotic keys, v6 peers', () => {
    const git = extractCorpus('pnpm-v9', 'scalibr-commits.v9.yaml', 'pnpm-lock.yaml');
    expect(find(git, 'ansi-regex')).toMatchObject({ kind: 'git', version: '6.0.1', direct: true });
    const exotic = extractCorpus('pnpm-v5', 'scalibr-exotic.yaml', 'pnpm-lock.yaml');
    expect(exotic.packages.map((p) => `${p.name}@${p.version}`)).toEqual([
      'foo@1.0.0',
      '@foo/bar@1.0.0',
      'foo@1.1.0',
      '@foo/bar@1.1.0',
      'foo@1.2.0',
      'foo@1.3.0',
      'foo@1.4.0',
    ]);
    const v6 = extractCorpus('pnpm-v6', 'scalibr-peer-dependencies-v6.yaml', 'pnpm-lock.yaml');
    expect(find(v6, 'js-tokens').paths[0]).toEqual(['(root)', 'react-dom', 'loose-envify', 'js-tokens']);
  });

  it('workspace importers are roots; link: dependencies point at them', () => {
    const inv = extractCorpus('pnpm-v9', 'vite-monorepo-pnpm-lock.yaml', 'pnpm-lock.yaml');
    expect(inv.roots).toContain('vite');
    const ws = inv.packages.filter((p) => p.kind === 'workspace');
    expect(ws.length).toBeGreaterThan(100);
    expect(inv.packages.every((p) => p.paths[0]!.length >= 1)).toBe(true);
  });

  it('refuses a YAML alias bomb', () => {
    const bomb = `lockfileVersion: '9.0'\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
    expect(() => extractText('pnpm-lock.yaml', bomb)).toThrow(/pnpm-lock\.yaml.*(alias|YAML)/i);
  });

  it('refuses a mapping key that is a collection or an alias, naming the file and line', () => {
    const head = "lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    resolution: {integrity: x}\n";
    for (const key of ['? [a, b]\n  : 1', '? {a: 1}', '? ? ? a', '*x : 1'])
      expect(() => extractText('pnpm-lock.yaml', `x: &x k\n${head}  ${key}\n`), key).toThrow(
        'pnpm-lock.yaml:6: a mapping key that is a collection or an alias',
      );
  });
});

describe('bun.lock', () => {
  it('resolves nested install keys like node_modules and reads trailing-comma JSON', () => {
    const inv = extractCorpus('bun.lock', 'scalibr-nested-dependencies.bun.lock', 'bun.lock');
    expect(find(inv, 'has-flag', '4.0.0').paths[0]).toEqual([
      'bun-lockfile',
      'chalk',
      'supports-color',
      'has-flag',
    ]);
    expect(find(inv, 'has-flag', '4.0.0').dev).toBe(true);
    expect(find(inv, 'has-flag', '3.0.0').dev).toBe(false);
    expect(find(inv, 'color-name').line).toBe(22);
  });

  it('same packages and lines as osv-scalibr expects (bunlock_test.go)', () => {
    const ids = (file: string): string[] =>
      extractCorpus('bun.lock', file, 'bun.lock').packages.map((p) => `${p.name}@${p.version}:${p.line}`);
    expect(ids('scalibr-nested-dependencies.bun.lock').sort()).toEqual(
      [
        'ansi-styles@4.3.0:16',
        'chalk@4.1.2:18',
        'color-convert@2.0.1:20',
        'color-name@1.1.4:22',
        'has-flag@2.0.0:24',
        'supports-color@5.5.0:26',
        'supports-color@7.2.0:28',
        'has-flag@3.0.0:30',
        'has-flag@4.0.0:32',
      ].sort(),
    );
    expect(ids('scalibr-scoped-packages-mixed.bun.lock')).toEqual([
      '@babel/code-frame@7.26.2:15',
      '@babel/helper-validator-identifier@7.25.9:17',
      'js-tokens@4.0.0:19',
      'picocolors@1.1.1:21',
      'wrappy@1.0.2:23',
    ]);
    // scalibr reports the bad tuples as errors and still returns wrappy
    const bad = extractCorpus('bun.lock', 'scalibr-bad-tuple.bun.lock', 'bun.lock');
    expect(bad.packages.map((p) => `${p.name}@${p.version}:${p.line}`)).toEqual(['wrappy@1.0.2:13']);
    expect(bad.notes?.length).toBe(2);
  });

  it('aliases, git and file dependencies', () => {
    const alias = extractCorpus('bun.lock', 'scalibr-alias.bun.lock', 'bun.lock');
    expect(find(alias, 'supports-color', '6.1.0')).toMatchObject({
      kind: 'alias',
      alias: 'supports-color-old',
    });
    const git = extractCorpus('bun.lock', 'scalibr-commits.bun.lock', 'bun.lock');
    expect(find(git, 'raven-js')).toMatchObject({ kind: 'git', version: '91ef2d4' });
    const files = extractCorpus('bun.lock', 'scalibr-files.bun.lock', 'bun.lock');
    expect(find(files, 'etag').kind).toBe('file');
  });
});
