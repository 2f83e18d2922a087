/**
 * `--changed-since <ref>`: findings of the files changed since the ref and of the files whose
 * imports reach them; unchanged dependencies still contribute their summaries. A flow into a
 * helper stands at the helper's sink, whichever of the two files changed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sastRules } from '../../rules/index.ts';
import { ChangedSinceError, changedFiles } from '../../src/sast/changed.ts';
import { scanJsFiles } from '../../src/sast/workers/index.ts';
import { type ScanContext, silentProgress } from '../../src/core/scanner.ts';
import { sastScanner } from '../../src/sast/scanner.ts';
import { sampleSecrets } from '../../src/sast/secrets/samples.ts';

let dir: string;
const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: dir,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  });

const helper = `import { exec } from 'child_process';\nexport function run(c: string) { exec('x ' + c); }\n`;
const files = {
  'helper.ts': helper,
  'uses-helper.ts': `import { run } from './helper.ts';\napp.get('/a', (req, res) => run(req.query.c));\n`,
  'other.ts': `import { exec } from 'child_process';\napp.get('/b', (req, res) => exec(req.query.c));\n`,
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-changed-'));
  for (const [p, t] of Object.entries(files)) await writeFile(join(dir, p), t);
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const list = () => Object.keys(files).map((path) => ({ path, absPath: join(dir, path) }));
const located = (r: { findings: Array<{ location: { path: string } }> }) =>
  [...new Set(r.findings.map((f) => f.location.path))].sort();

describe('--changed-since', () => {
  it('reports nothing when nothing changed', async () => {
    const r = await scanJsFiles(list(), {
      rules: sastRules,
      root: dir,
      workers: 0,
      changed: await changedFiles(dir, 'HEAD'),
    });
    expect(r.findings).toEqual([]);
  });

  it('analyses the changed file and the files whose imports reach it', async () => {
    await writeFile(join(dir, 'helper.ts'), helper + '// touched\n');
    expect([...(await changedFiles(dir, 'HEAD'))]).toEqual(['helper.ts']);
    const r = await scanJsFiles(list(), {
      rules: sastRules,
      root: dir,
      workers: 0,
      changed: await changedFiles(dir, 'HEAD'),
    });
    // The helper's pattern finding and the route's proven flow into it are one finding, at the sink.
    expect(located(r)).toEqual(['helper.ts']);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.flow?.some((s) => s.location.path === 'uses-helper.ts')).toBe(true);
  });

  it('uses unchanged dependencies for their summaries only', async () => {
    await writeFile(join(dir, 'helper.ts'), helper);
    await writeFile(join(dir, 'uses-helper.ts'), files['uses-helper.ts'] + '// touched\n');
    const r = await scanJsFiles(list(), {
      rules: sastRules,
      root: dir,
      workers: 0,
      changed: await changedFiles(dir, 'HEAD'),
    });
    // The changed route's flow, standing at the unchanged helper's sink.
    expect(located(r)).toEqual(['helper.ts']);
    expect(r.findings.map((f) => f.precision)).toEqual(['very-high']);
    expect(r.findings[0]!.flow?.some((s) => s.location.path === 'uses-helper.ts')).toBe(true);
  });

  it('narrows the secret text scan to changed files too', async () => {
    const secret = `token: ${sampleSecrets()['github-token']}\n`;
    await writeFile(join(dir, 'settings.yml'), secret);
    git('add', 'settings.yml');
    git('commit', '-q', '-m', 'settings');
    const context = (): ScanContext => ({
      root: dir,
      files: ['settings.yml', 'new.yml'].map((path) => ({
        path,
        absPath: join(dir, path),
        size: secret.length,
      })),
      config: {},
      options: { changedSince: 'HEAD' },
      progress: silentProgress,
    });
    await writeFile(join(dir, 'new.yml'), secret);
    const r = await sastScanner.run(context());
    expect(located(r)).toEqual(['new.yml']);
  });

  it('counts untracked files as changed', async () => {
    await writeFile(join(dir, 'new.ts'), `import { exec } from 'child_process';\nexec(process.argv[2]);\n`);
    expect(await changedFiles(dir, 'HEAD')).toContain('new.ts');
  });

  it('refuses a bad ref with a clear error', async () => {
    await expect(changedFiles(dir, '--upload-pack=evil')).rejects.toThrow(ChangedSinceError);
    await expect(changedFiles(dir, 'no-such-branch')).rejects.toThrow(/no-such-branch/);
    await expect(changedFiles(tmpdir(), 'HEAD')).rejects.toThrow(ChangedSinceError);
  });
});
