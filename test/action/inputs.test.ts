import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findMergeBase, withWorktree } from '../../src/core/git.ts';
import { ActionInputError, readEvent, readInputs, setOutputs } from '../../src/action/inputs.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigil-action-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readInputs', () => {
  it('reads INPUT_* the way the runner sets them, leaving empty ones to the config', () => {
    const inputs = readInputs({
      INPUT_SCANNERS: 'sast, sca',
      'INPUT_FAIL-ON': 'critical',
      'INPUT_MAX-COMMENTS': '5',
      'INPUT_SARIF-UPLOAD': 'true',
      INPUT_TOKEN: 't',
      'INPUT_COMMENT-MODE': '',
      'INPUT_REPORT-NAME': 'security',
      'INPUT_REPORT-RETENTION-DAYS': '14',
    });
    expect(inputs).toEqual({
      htmlReport: true,
      reportName: 'security',
      reportRetentionDays: 14,
      scanners: ['sast', 'sca'],
      failOn: 'critical',
      maxComments: 5,
      sarifUpload: true,
      token: 't',
      path: '.',
      operator: { upgradePlan: { registry: { url: 'https://registry.npmjs.org', from: 'default' } } },
    });
  });

  it('plans upgrades from the `registry` input by default, none with `upgrade-plan: false`', () => {
    expect(readInputs({ INPUT_REGISTRY: 'http://127.0.0.1:4873/' }).operator.upgradePlan).toEqual({
      registry: { url: 'http://127.0.0.1:4873', from: 'input `registry`' },
    });
    expect(readInputs({ 'INPUT_UPGRADE-PLAN': 'false' }).operator.upgradePlan).toBeUndefined();
  });

  it('reads the operator-only settings (advisory source, database, size limit) from inputs only', () => {
    const inputs = readInputs({
      GITHUB_WORKSPACE: '/home/runner/work/app',
      'INPUT_OSV-API-URL': 'https://osv.mirror.internal',
      'INPUT_OSV-DATABASE': 'advisories',
      'INPUT_MAX-FILE-SIZE': '2097152',
    });
    expect(inputs.operator).toMatchObject({
      sca: { apiUrl: 'https://osv.mirror.internal', database: '/home/runner/work/app/advisories' },
      maxFileSize: 2097152,
    });
  });

  it.each([
    [{ INPUT_SCANNERS: 'sast,dast' }, /input `scanners`: "dast"/],
    [{ 'INPUT_FAIL-ON': 'severe' }, /input `fail-on`/],
    [{ 'INPUT_MAX-COMMENTS': '-1' }, /max-comments/],
    [{ 'INPUT_MAX-COMMENTS': '1e9' }, /max-comments/],
    [{ 'INPUT_SARIF-UPLOAD': 'maybe' }, /sarif-upload/],
    [{ 'INPUT_OSV-API-URL': 'gopher://x' }, /input `osv-api-url`: sca\.apiUrl: expected an http\(s\) URL/],
    [{ 'INPUT_MAX-FILE-SIZE': '-5' }, /input `max-file-size`: maxFileSize: expected an integer/],
    [{ 'INPUT_UPGRADE-PLAN': 'sometimes' }, /input `upgrade-plan`: "sometimes" is not true or false/],
    [{ INPUT_REGISTRY: 'file:///etc' }, /input `registry`: the registry must be an http\(s\) URL/],
  ])('refuses %o with a message naming the input', (env, message) => {
    expect(() => readInputs(env)).toThrow(message);
  });
});

describe('readEvent', () => {
  it('names the file for a missing, malformed or non-object payload', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"truncated": ');
    const arr = join(dir, 'arr.json');
    writeFileSync(arr, '[]');
    for (const path of [join(dir, 'missing.json'), bad, arr]) {
      expect(() => readEvent({ GITHUB_EVENT_PATH: path })).toThrow(ActionInputError);
      expect(() => readEvent({ GITHUB_EVENT_PATH: path })).toThrow(path);
    }
    expect(readEvent({})).toEqual({});
  });
});

describe('setOutputs', () => {
  it('writes values with a heredoc delimiter so newlines and "=" cannot inject outputs', () => {
    const file = join(dir, 'out');
    writeFileSync(file, '');
    setOutputs({ GITHUB_OUTPUT: file }, { a: 'x\nevil=1', b: 2 });
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^a<<(vigil_[0-9a-f]+)\nx\nevil=1\n\1\nb<<(vigil_[0-9a-f]+)\n2\n\2\n$/);
  });
});

describe('merge base', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-C', cwd, '-c', 'user.name=t', '-c', 'user.email=t@e', ...args], {
      encoding: 'utf8',
    }).trim();

  it('finds the merge base, checks it out in a worktree that leaves the workspace alone, and gives up cleanly on unknown commits', async () => {
    const repo = join(dir, 'repo');
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    writeFileSync(join(repo, 'a.txt'), 'base\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'base');
    const base = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'checkout', '-q', '-b', 'pr');
    writeFileSync(join(repo, 'a.txt'), 'head\n');
    git(repo, 'commit', '-q', '-am', 'head');
    const head = git(repo, 'rev-parse', 'HEAD');
    const warnings: string[] = [];
    expect(await findMergeBase(repo, base, head, (m) => warnings.push(m))).toBe(base);
    const seen = await withWorktree(repo, base, async (tree) => readFileSync(join(tree, 'a.txt'), 'utf8'));
    expect(seen).toBe('base\n');
    expect(readFileSync(join(repo, 'a.txt'), 'utf8')).toBe('head\n');
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
    expect(await findMergeBase(repo, 'f'.repeat(40), head, (m) => warnings.push(m))).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/could not fetch the base commit ffffff/);
    expect(await findMergeBase(repo, 'not-a-sha; rm -rf /', head, () => {})).toBeUndefined();
    expect(existsSync(repo)).toBe(true);
  });
});
