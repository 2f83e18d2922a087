import { describe, expect, it } from 'vitest';
import { extractLockfile, extractorFor } from '../../../src/sca/lockfiles/index.ts';
import { extractCorpus, extractText, find } from './helpers.ts';

describe('requirements.txt', () => {
  it('matches pinned == requirements only, with extras, markers, hashes and continuations', () => {
    const text = [
      '# comment',
      'Django_REST.framework==3.14.0 ; python_version >= "3.8"',
      'requests[socks,security]==2.31.0 \\',
      '    --hash=sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f',
      'flask>=2.0',
      'numpy',
      '-e git+https://github.com/x/y.git#egg=y',
      'https://example.com/pkg.whl',
      'pytest===7.4.0',
    ].join('\n');
    const inv = extractText('requirements-dev.txt', text);
    expect(inv.packages.map((p) => `${p.name}@${p.version}:${p.line}`)).toEqual([
      'django-rest-framework@3.14.0:2',
      'requests@2.31.0:3',
      'pytest@7.4.0:9',
    ]);
    expect(inv.packages.every((p) => p.direct && p.dev)).toBe(true);
    const notes = (inv.notes ?? []).map((n) => n.line);
    expect(notes).toEqual([5, 6, 7, 8]);
  });

  it('follows -r includes inside the tree, once, and refuses ones that climb out', () => {
    const siblings = {
      'svc/base.txt': 'six==1.16.0\n-r requirements.txt\n',
    };
    const inv = extractText(
      'svc/requirements.txt',
      '-r base.txt\n-r ../../etc/passwd\nidna==3.4\n',
      siblings,
    );
    expect(inv.packages.map((p) => `${p.name}:${p.source}:${p.line}`)).toEqual([
      'six:svc/base.txt:1',
      'idna:svc/requirements.txt:3',
    ]);
    expect(inv.notes?.[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/outside the scanned tree/),
    });
  });

  it('reads real files', () => {
    const inv = extractCorpus('requirements.txt', 'scalibr-per_req_options.txt', 'requirements.txt');
    expect(inv.packages.length).toBe(12);
  });
});

describe('poetry.lock, Pipfile.lock, uv.lock', () => {
  it('poetry: graph, groups, git source and pyproject direct dependencies', () => {
    const inv = extractCorpus('poetry.lock', 'poetry-project-poetry.lock', 'poetry.lock');
    expect(inv.packages.find((p) => p.kind === 'git')).toBeDefined();
    expect(inv.packages.every((p) => p.name === p.name.toLowerCase() && !p.name.includes('_'))).toBe(true);
    const two = extractCorpus('poetry.lock', 'scalibr-two-packages.poetry.lock', 'py/poetry.lock', {
      'py/pyproject.toml':
        '[tool.poetry]\nname = "svc"\n[tool.poetry.dependencies]\npython = "^3.10"\ncryptography = "^38"\n',
    });
    expect(two.roots).toEqual(['svc']);
    expect(two.declared).toEqual({ cryptography: '^38' });
  });

  it('Pipfile.lock: default and develop; git entries pinned by ref', () => {
    const inv = extractCorpus('Pipfile.lock', 'pipenv-examples-Pipfile.lock', 'Pipfile.lock');
    expect(inv.packages.filter((p) => p.dev)).toHaveLength(5);
    const git = extractCorpus('Pipfile.lock', 'scalibr-no-version.Pipfile.lock', 'Pipfile.lock');
    expect(git.packages.every((p) => p.kind === 'git' && p.version !== '')).toBe(true);
  });

  it('uv.lock: the project is the root, not a package', () => {
    const inv = extractCorpus('uv.lock', 'scalibr-grouped-packages.uv.lock', 'uv.lock');
    expect(inv.roots).toEqual(['uv-lockfiles']);
    expect(inv.packages.some((p) => p.name === 'uv-lockfiles')).toBe(false);
    expect(find(inv, 'click').direct).toBe(true);
    expect(find(inv, 'emoji').line).toBeGreaterThan(0);
  });
});

describe('go.mod', () => {
  it('require blocks, // indirect, the main module and stdlib from the toolchain', () => {
    const inv = extractCorpus('go.mod', 'scalibr-indirect-packages.go.mod', 'go.mod');
    expect(inv.roots).toEqual(['my-library']);
    expect(find(inv, 'golang.org/x/sys').direct).toBe(false);
    expect(find(inv, 'github.com/BurntSushi/toml')).toMatchObject({
      direct: true,
      version: '1.0.0',
      line: 6,
    });
    expect(find(inv, 'github.com/BurntSushi/toml').purl).toBe('pkg:golang/github.com/BurntSushi/toml@v1.0.0');
    const tc = extractCorpus('go.mod', 'scalibr-toolchain-with-suffix.go.mod', 'go.mod');
    expect(find(tc, 'stdlib').version).toBe('1.23.6');
  });

  it('stdlib: go 1.19 is taken as 1.19.0 with a note; toolchain wins over go; sca.goVersion over both', () => {
    const lang = extractText('go.mod', 'module m\n\ngo 1.19\n');
    expect(find(lang, 'stdlib')).toMatchObject({ version: '1.19.0', direct: true });
    expect(lang.notes).toEqual([
      {
        message:
          'stdlib taken as Go 1.19.0 from the language version "go 1.19"; set sca.goVersion to the Go release that builds this module for exact advisories',
        line: 3,
      },
    ]);
    const full = extractText('go.mod', 'module m\ngo 1.21.4\ntoolchain go1.22.7\n');
    expect(find(full, 'stdlib').version).toBe('1.22.7');
    expect(full.notes ?? []).toEqual([]);
    const extractor = extractorFor('go.mod')!;
    const configured = extractLockfile(extractor, 'go.mod', 'module m\ngo 1.19\ntoolchain go1.22.7\n', {
      readFile: () => undefined,
      goVersion: '1.23.2',
    });
    expect(find(configured, 'stdlib').version).toBe('1.23.2');
    expect(configured.notes ?? []).toEqual([]);
    expect(extractText('go.mod', 'module m\n').packages.some((p) => p.name === 'stdlib')).toBe(false);
  });

  it('replace directives: another module, a version-specific one, a local path', () => {
    const mixed = extractCorpus('go.mod', 'scalibr-replace-mixed.go.mod', 'go.mod');
    expect(mixed.packages.map((p) => `${p.name}@${p.version}`)).toEqual([
      'example.com/fork/net@1.4.5',
      'golang.org/x/net@0.5.6',
    ]);
    const local = extractCorpus('go.mod', 'scalibr-replace-local.go.mod', 'go.mod');
    expect(find(local, 'golang.org/x/net').kind).toBe('file');
  });

  it('names the line of a bad directive', () => {
    expect(() => extractText('go.mod', 'module m\n\nrequire (\n  x\n)\n')).toThrow(
      /^go\.mod:4: malformed require/,
    );
    expect(() => extractText('go.mod', 'module m\nrequire (\n a v1.0.0\n')).toThrow(
      /unterminated require block/,
    );
  });
});

describe('Cargo.lock, Gemfile.lock, composer.lock', () => {
  it('Cargo: workspace crates are roots; dependencies resolved by name and version', () => {
    const inv = extractCorpus('Cargo.lock', 'ripgrep-Cargo.lock', 'Cargo.lock');
    expect(inv.roots).toContain('ripgrep');
    expect(find(inv, 'ripgrep').kind).toBe('workspace');
    const memchr = find(inv, 'memchr');
    expect(memchr.paths[0]?.at(-1)).toBe('memchr');
    expect(memchr.purl).toMatch(/^pkg:cargo\/memchr@/);
    const git = extractCorpus('Cargo.lock', 'scalibr-package-with-comments.Cargo.lock', 'Cargo.lock');
    expect(git.packages.some((p) => p.kind === 'git')).toBe(true);
  });

  it('Gemfile: platform suffixes dropped, GIT/PATH sources, DEPENDENCIES are direct', () => {
    const docs = extractCorpus('Gemfile.lock', 'osv-scanner-docs-Gemfile.lock', 'Gemfile.lock');
    expect(find(docs, 'ffi').version).toBe('1.17.4');
    expect(find(docs, 'ffi').paths[0]).toEqual([
      '(root)',
      'jekyll',
      'jekyll-watch',
      'listen',
      'rb-inotify',
      'ffi',
    ]);
    const git = extractCorpus('Gemfile.lock', 'scalibr-has-git-gem.Gemfile.lock', 'Gemfile.lock');
    expect(find(git, 'hanami-utils')).toMatchObject({ kind: 'git', direct: true });
    expect(find(git, 'concurrent-ruby').paths[0]).toEqual(['(root)', 'hanami-utils', 'concurrent-ruby']);
    const local = extractCorpus('Gemfile.lock', 'scalibr-has-local-gem.Gemfile.lock', 'Gemfile.lock');
    expect(find(local, 'backbone-on-rails').kind).toBe('file');
    expect(() => extractCorpus('Gemfile.lock', 'scalibr-invalid.Gemfile.lock', 'Gemfile.lock')).toThrow(
      /Gemfile\.lock:4: malformed gem spec/,
    );
  });

  it('composer: packages-dev are dev, composer.json gives direct and declared', () => {
    const inv = extractCorpus('composer.lock', 'composer-project-composer.lock', 'composer.lock');
    expect(inv.packages.filter((p) => p.dev)).toHaveLength(6);
    const one = extractCorpus('composer.lock', 'scalibr-one-package-dev.composer.lock', 'composer.lock');
    expect(one.packages[0]).toMatchObject({ dev: true, direct: true });
    expect(one.packages[0]?.line).toBeGreaterThan(0);
  });
});
