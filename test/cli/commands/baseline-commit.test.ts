import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers.ts';

let repo: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-C', repo, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.invalid',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.invalid',
    },
  });
const put = (rel: string, text: string) => {
  mkdirSync(dirname(join(repo, rel)), { recursive: true });
  writeFileSync(join(repo, rel), text);
};

interface JsonFinding {
  location: { path: string };
  suppression?: { kind: string; justification?: string };
  properties?: { baseline?: string };
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'vigil-baseline-'));
  git('init', '--quiet', '--initial-branch=main');
  put('app/old.js', 'eval(process.argv[2]);\n');
  git('add', '.');
  git('commit', '--quiet', '-m', 'old finding');
  // Uncommitted work: one more finding, and the old one moved down a line (same fingerprint).
  put('app/old.js', '// moved\neval(process.argv[2]);\n');
  put('app/new.js', 'eval(process.argv[3]);\n');
});

afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('vigil scan --baseline-commit', () => {
  it('reports only what is new since the commit; what was there is suppressed as baseline', async () => {
    const run = await runCli([
      'scan',
      join(repo, 'app'),
      '--scanners',
      'sast',
      '--format',
      'json',
      '--baseline-commit',
      'main',
    ]);
    expect(run.code, run.stderr).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    const byPath = Object.fromEntries(findings.map((f) => [f.location.path, f]));
    expect(byPath['new.js']).toMatchObject({ properties: { baseline: 'new' } });
    expect(byPath['new.js']!.suppression ?? undefined).toBeUndefined();
    expect(byPath['old.js']).toMatchObject({
      properties: { baseline: 'existing' },
      suppression: {
        kind: 'baseline',
        justification: expect.stringMatching(/^already present at main \([0-9a-f]{7}\)$/),
      },
    });
    // The working copy is untouched and no worktree is left behind.
    expect(git('worktree', 'list').trim().split('\n')).toHaveLength(1);
    expect(git('status', '--porcelain')).toContain('?? app/new.js');
  });

  it('passes when nothing is new, and SARIF says baselineState', async () => {
    rmSync(join(repo, 'app', 'new.js'));
    const text = await runCli(['scan', repo, '--scanners', 'sast', '--baseline-commit', 'HEAD']);
    expect(text.code, text.stderr).toBe(0);
    const sarif = await runCli([
      'scan',
      repo,
      '--scanners',
      'sast',
      '--format',
      'sarif',
      '--baseline-commit',
      'HEAD',
    ]);
    const results = (JSON.parse(sarif.stdout) as { runs: { results: { baselineState?: string }[] }[] })
      .runs[0]!.results;
    expect(results.map((r) => r.baselineState)).toEqual(['unchanged']);
  });

  it('is a usage error for a ref git does not know, or outside a repository', async () => {
    const bad = await runCli(['scan', repo, '--baseline-commit', 'no-such-ref']);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe('vigil: --baseline-commit no-such-ref: git knows no commit by that name\n');
    const outside = mkdtempSync(join(tmpdir(), 'vigil-nogit-'));
    try {
      const run = await runCli(['scan', outside, '--baseline-commit', 'main']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is not inside a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
