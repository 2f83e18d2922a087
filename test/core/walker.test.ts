import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { walk } from '../../src/core/walker.ts';

let dir: string;
let outside: string;

async function put(rel: string, content: string | Buffer = 'x\n'): Promise<void> {
  await mkdir(dirname(join(dir, rel)), { recursive: true });
  await writeFile(join(dir, rel), content);
}

async function paths(options: Parameters<typeof walk>[1] = {}): Promise<string[]> {
  return (await walk(dir, options)).files.map((f) => f.path);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-walk-'));
  outside = await mkdtemp(join(tmpdir(), 'vigil-outside-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe('walk', () => {
  it('returns sorted POSIX paths with sizes and absolute paths', async () => {
    await put('src/b.js', 'let b = 1;\n');
    await put('src/a.ts');
    await put('README.md');
    const { files } = await walk(dir);
    expect(files.map((f) => f.path)).toEqual(['README.md', 'src/a.ts', 'src/b.js']);
    expect(files[2]).toMatchObject({ size: 11, absPath: join(dir, 'src/b.js') });
  });

  it('always skips dependency, VCS and vendored folders', async () => {
    for (const d of [
      'node_modules/x',
      '.git',
      'vendor',
      'third_party/lib',
      'bower_components',
      'a/node_modules',
    ]) {
      await put(`${d}/index.js`);
    }
    await put('src/vendor.js');
    await put('sub/.git', 'gitdir: ../.git/modules/sub\n');
    expect(await paths()).toEqual(['src/vendor.js']);
  });

  it('respects .gitignore files at every level, negations and .git/info/exclude', async () => {
    await put('.gitignore', 'dist/\n*.log\n!keep.log\n');
    await put('dist/bundle.js');
    await put('build/out.js');
    await put('debug.log');
    await put('keep.log');
    await put('pkg/.gitignore', 'generated.ts\n/local-only/\n');
    await put('pkg/generated.ts');
    await put('pkg/local-only/x.ts');
    await put('pkg/src/local-only/y.ts');
    await put('other/generated.ts');
    await put('.git/info/exclude', 'secret-notes.md\n');
    await put('secret-notes.md');
    expect(await paths()).toEqual([
      '.gitignore',
      'build/out.js',
      'keep.log',
      'other/generated.ts',
      'pkg/.gitignore',
      'pkg/src/local-only/y.ts',
    ]);
    expect(await paths({ gitignore: false })).toContain('dist/bundle.js');
  });

  it('refuses a huge .gitignore with a warning and walks on', async () => {
    await put('.gitignore', `# ${'x'.repeat(1024 * 1024)}\nsecret.js\n`);
    await put('secret.js', 'x\n');
    const result = await walk(dir);
    expect(result.files.map((f) => f.path)).toEqual(['secret.js']);
    expect(result.diagnostics).toContainEqual({
      level: 'warning',
      source: 'walker',
      path: '.gitignore',
      message: 'ignore file too large; not applied',
    });
  });

  it('applies include and exclude globs (a bare pattern matches a basename)', async () => {
    await put('src/app.ts');
    await put('src/app.test.ts');
    await put('test/helpers.ts');
    await put('docs/x.md');
    expect(await paths({ include: ['**/*.ts'], exclude: ['*.test.ts', 'test/'] })).toEqual(['src/app.ts']);
    expect(await paths({ exclude: ['src/**'] })).toEqual(['docs/x.md', 'test/helpers.ts']);
  });

  it('marks files holding a suppression marker, also past the first 64 KiB read', async () => {
    await put('small.js', 'x(); // vigil-ignore-line js/a -- why\n');
    await put('large.js', `${'const a = 1;\n'.repeat(10_000)}// vigil-ignore-file js/a -- why\n`);
    await put('plain.js', 'const a = 1;\n'.repeat(10_000));
    const result = await walk(dir);
    expect([...result.marked].sort()).toEqual(['large.js', 'small.js']);
    expect(result.files.find((f) => f.path === 'large.js')?.size).toBe(130_000 + 33);
  });

  it('skips a binary file even with a .js name, with a note', async () => {
    await put('evil.js', Buffer.concat([Buffer.from('var a = 1;'), Buffer.from([0, 1, 2, 3])]));
    await put('ok.js', 'var a = 1;\n');
    const result = await walk(dir);
    expect(result.files.map((f) => f.path)).toEqual(['ok.js']);
    expect(result.diagnostics).toEqual([
      { level: 'note', source: 'walker', path: 'evil.js', message: 'skipped: binary file' },
    ]);
  });

  it('skips files over the size cap, and a 10 MB one-line bundle even under a raised cap', async () => {
    const bundle = `!function(){${'var a=1;'.repeat((10 * 1024 * 1024) / 8)}}();`;
    await put('dist-like/app.js', bundle);
    await put('small.js', 'x'.repeat(100));
    const capped = await walk(dir);
    expect(capped.files.map((f) => f.path)).toEqual(['small.js']);
    expect(capped.diagnostics[0]).toMatchObject({
      path: 'dist-like/app.js',
      message: 'skipped: 10 MiB is over the 1 MiB size limit',
    });
    const raised = await walk(dir, { maxFileSize: 64 * 1024 * 1024 });
    expect(raised.files.map((f) => f.path)).toEqual(['small.js']);
    expect(raised.diagnostics[0]).toMatchObject({
      path: 'dist-like/app.js',
      message: 'skipped: minified file',
    });
    expect((await walk(dir, { maxFileSize: 50 })).diagnostics.map((d) => d.message)).toContain(
      'skipped: 100 B is over the 50 B size limit',
    );
  });

  it('admits files above the cap when a larger allowance names them (lockfiles)', async () => {
    const lock = `{"lockfileVersion": 3, "packages": {}}${' '.repeat(2 * 1024 * 1024)}\n`;
    await put('package-lock.json', lock);
    await put('web/package-lock.json', lock);
    await put('big.js', 'x'.repeat(2 * 1024 * 1024));
    const result = await walk(dir, {
      largeFiles: [{ include: ['package-lock.json'], maxFileSize: 64 * 1024 * 1024 }],
    });
    expect(result.files.map((f) => [f.path, f.size])).toEqual([
      ['package-lock.json', lock.length],
      ['web/package-lock.json', lock.length],
    ]);
    expect(result.diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      'big.js: skipped: 2 MiB is over the 1 MiB size limit',
    ]);
    const small = await walk(dir, { largeFiles: [{ include: ['package-lock.json'], maxFileSize: 1024 }] });
    expect(small.files).toEqual([]);
  });

  it('keeps long-line data files that are not code (lockfiles stay scannable)', async () => {
    await put('data.json', JSON.stringify({ a: 'x'.repeat(10_000) }));
    await put('Cargo.lock', '# This file is automatically @generated by Cargo.\n[[package]]\n');
    expect(await paths()).toEqual(['Cargo.lock', 'data.json']);
  });

  it('skips generated sources by their header marker', async () => {
    await put('gen/a.ts', '// @generated by protoc\nexport const a = 1;\n');
    await put('gen/b.go', '// Code generated by stringer; DO NOT EDIT.\npackage x\n');
    await put('gen/c.ts', '/**\n * Copyright\n * @generated\n */\nexport {};\n');
    await put('src/d.ts', "const marker = '@generated';\n");
    const result = await walk(dir);
    expect(result.files.map((f) => f.path)).toEqual(['src/d.ts']);
    expect(result.diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      'gen/a.ts: skipped: generated file',
      'gen/b.go: skipped: generated file',
      'gen/c.ts: skipped: generated file',
    ]);
  });

  it('skips copies of third-party libraries by their release banner', async () => {
    await put(
      'static/vendors/jquery.ts',
      '// @ts-nocheck\n/*!\n * jQuery JavaScript Library v3.7.1\n */\nvar a;\n',
    );
    await put('public/bootstrap.js', '/*! Bootstrap v5.3.0 | MIT */\nvar b;\n');
    await put('lib/moment.js', '//! moment.js\n//! version : 2.29.4\nvar c;\n');
    // A banner with no release, or a version far below it, is the project's own header.
    await put('src/own.ts', '/*!\n * Acme portal\n * (c) Acme\n *\n * since 1.2.3\n */\nexport {};\n');
    await put('src/plain.ts', '/* v1.2.3 */\nexport {};\n');
    const result = await walk(dir);
    expect(result.files.map((f) => f.path)).toEqual(['src/own.ts', 'src/plain.ts']);
    expect(result.diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      'lib/moment.js: skipped: third-party library copy',
      'public/bootstrap.js: skipped: third-party library copy',
      'static/vendors/jquery.ts: skipped: third-party library copy',
    ]);
  });

  it('follows no symlink out of the tree; follows links inside it and survives loops', async () => {
    await writeFile(join(outside, 'secret.js'), 'steal();\n');
    await mkdir(join(outside, 'dir'));
    await writeFile(join(outside, 'dir', 'x.js'), 'x();\n');
    await put('src/real.js');
    await symlink(join(outside, 'secret.js'), join(dir, 'src/escape.js'));
    await symlink(join(outside, 'dir'), join(dir, 'src/escape-dir'));
    await symlink('../../..', join(dir, 'src/up'));
    await symlink('real.js', join(dir, 'src/alias.js'));
    await symlink('..', join(dir, 'src/loop'));
    await symlink('missing.js', join(dir, 'src/dangling.js'));
    const result = await walk(dir);
    expect(result.files.map((f) => f.path)).toEqual(['src/alias.js', 'src/real.js']);
    expect(result.files[0]!.absPath).toBe(join(dir, 'src/real.js'));
    expect(result.diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      'src/dangling.js: symbolic link skipped: target does not exist',
      'src/escape-dir: symbolic link skipped: it points outside the scanned tree',
      'src/escape.js: symbolic link skipped: it points outside the scanned tree',
      'src/up: symbolic link skipped: it points outside the scanned tree',
    ]);
  });

  it('walks a linked directory whose target the walk did not reach in place', async () => {
    await put('.gitignore', 'shared/\n');
    await put('shared/util.ts');
    await symlink('shared', join(dir, 'lib'));
    await symlink('.', join(dir, 'lib/self'));
    expect(await paths()).toEqual(['.gitignore', 'lib/util.ts']);
  });

  it('reports an unreadable file and keeps going', async () => {
    await put('locked.js');
    await put('open.js');
    await chmod(join(dir, 'locked.js'), 0o000);
    const result = await walk(dir);
    expect(result.files.map((f) => f.path)).toContain('open.js');
    if (process.getuid?.() === 0) {
      // root reads mode-000 files anyway; the permission branch cannot be reached as root.
      expect(result.files.map((f) => f.path)).toContain('locked.js');
    } else {
      expect(result.diagnostics).toContainEqual({
        level: 'warning',
        source: 'walker',
        path: 'locked.js',
        message: 'cannot read: permission denied',
      });
    }
  });

  it('ignores FIFOs instead of blocking on them', async () => {
    const { execFileSync } = await import('node:child_process');
    await put('a.js');
    execFileSync('mkfifo', [join(dir, 'pipe.js')]);
    expect(await paths()).toEqual(['a.js']);
  });

  it('stops when aborted', async () => {
    await put('a.js');
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(walk(dir, { signal: controller.signal })).rejects.toThrow('cancelled');
  });
});
