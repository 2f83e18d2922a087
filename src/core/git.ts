import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SHA = /^[0-9a-f]{40}$/;

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-C', cwd, ...args], {
    maxBuffer: 16 * 1024 * 1024,
    timeout: 120_000,
  });
  return stdout.trim();
}

const hasCommit = (cwd: string, sha: string) =>
  git(cwd, ['cat-file', '-e', `${sha}^{commit}`]).then(
    () => true,
    () => false,
  );

/**
 * The commit a PR's findings are compared with: the merge base of base and head. A shallow
 * checkout may lack it, so it is fetched once (actions/checkout leaves credentials for `origin`);
 * if that fails too, the base SHA itself serves when present; else undefined and the caller
 * falls back to diff-only "new" detection.
 */
export async function findMergeBase(
  repoDir: string,
  baseSha: string,
  headSha: string,
  warn: (m: string) => void,
): Promise<string | undefined> {
  if (!SHA.test(baseSha) || !SHA.test(headSha)) return undefined;
  const mergeBase = () =>
    git(repoDir, ['merge-base', baseSha, headSha]).then(
      (s) => (SHA.test(s) ? s : undefined),
      () => undefined,
    );
  let found = await mergeBase();
  if (found) return found;
  try {
    await git(repoDir, ['fetch', '--no-tags', '--quiet', '--depth=200', 'origin', baseSha, headSha]);
    found = await mergeBase();
  } catch (error) {
    warn(
      `could not fetch the base commit ${baseSha.slice(0, 7)}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (found) return found;
  return (await hasCommit(repoDir, baseSha)) ? baseSha : undefined;
}

/**
 * Check a commit out into a temporary worktree, run `fn` on it, remove it. The workspace's own
 * checkout and index are untouched.
 */
export async function withWorktree<T>(
  repoDir: string,
  sha: string,
  fn: (dir: string) => Promise<T>,
): Promise<T> {
  const parent = await mkdtemp(join(tmpdir(), 'vigil-base-'));
  const dir = join(parent, 'tree');
  await git(repoDir, ['worktree', 'add', '--detach', '--quiet', dir, sha]);
  try {
    return await fn(dir);
  } finally {
    await git(repoDir, ['worktree', 'remove', '--force', dir]).catch(() => undefined);
    await rm(parent, { recursive: true, force: true });
    await git(repoDir, ['worktree', 'prune']).catch(() => undefined);
  }
}

export async function gitTopLevel(dir: string): Promise<string | undefined> {
  return git(dir, ['rev-parse', '--show-toplevel']).catch(() => undefined);
}

export async function gitHead(dir: string): Promise<string | undefined> {
  return git(dir, ['rev-parse', 'HEAD']).then(
    (s) => (SHA.test(s) ? s : undefined),
    () => undefined,
  );
}

/**
 * Paths (relative to the repository's top) of the files at commit `sha` inside the folder `sub`
 * ('' for all) that `accept` takes, at most `max` of them.
 */
export async function filesAtCommit(
  repoDir: string,
  sha: string,
  sub: string,
  accept: (path: string) => boolean,
  max: number,
): Promise<string[]> {
  const listing = await git(repoDir, [
    'ls-tree',
    '-r',
    '-z',
    '--name-only',
    sha,
    ...(sub ? ['--', sub] : []),
  ]);
  return listing
    .split('\0')
    .filter((p) => p !== '' && accept(p))
    .slice(0, max);
}

/**
 * Make `sha` present in the checkout: a shallow one (actions/checkout's default) may lack the base
 * commit, so it is fetched once from `origin`. False when it is still missing.
 */
export async function ensureCommit(repoDir: string, sha: string): Promise<boolean> {
  if (!SHA.test(sha)) return false;
  if (await hasCommit(repoDir, sha)) return true;
  await git(repoDir, ['fetch', '--no-tags', '--quiet', '--depth=1', 'origin', sha]).catch(() => undefined);
  return hasCommit(repoDir, sha);
}

/**
 * A file as it is at commit `sha` (path relative to the repository's top), without touching the
 * work tree: `absent` when there is no such entry, `not-a-file` for a folder, link or submodule.
 * `maxBytes` bounds what is read; a larger file is reported by size only.
 */
export async function fileAtCommit(
  repoDir: string,
  sha: string,
  path: string,
  maxBytes: number,
): Promise<
  | { kind: 'file'; text: string }
  | { kind: 'too-large'; size: number }
  | { kind: 'absent' }
  | { kind: 'not-a-file' }
> {
  // `ls-tree` names the entry's mode: 100644/100755 a file, 120000 a link, 040000 a folder.
  const entry = await git(repoDir, ['ls-tree', '-z', sha, '--', path]);
  const match = /^(\d{6}) (\w+) ([0-9a-f]{40,64})\t/.exec(entry);
  if (!match) return { kind: 'absent' };
  if (match[2] !== 'blob' || !match[1]!.startsWith('100')) return { kind: 'not-a-file' };
  const size = Number(await git(repoDir, ['cat-file', '-s', match[3]!]));
  if (size > maxBytes) return { kind: 'too-large', size };
  const { stdout } = await run('git', ['-C', repoDir, 'cat-file', 'blob', match[3]!], {
    maxBuffer: maxBytes + 1024,
    timeout: 120_000,
  });
  return { kind: 'file', text: stdout };
}
