import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import type { PullFile } from './state.ts';

const git = (dir: string, args: string[]) =>
  execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/**
 * The PR files list GitHub would serve for base...head of a local repository: status, counts and
 * the `patch` (hunks only, no file headers); binary files get no patch, as on GitHub.
 */
export function pullFilesFromGit(dir: string, base: string, head: string): PullFile[] {
  const numstat = new Map<string, [string, string]>();
  for (const line of git(dir, ['diff', '--numstat', '--no-renames', base, head])
    .split('\n')
    .filter(Boolean)) {
    const [add, del, path] = line.split('\t') as [string, string, string];
    numstat.set(path, [add, del]);
  }
  const files: PullFile[] = [];
  for (const line of git(dir, ['diff', '--name-status', '--no-renames', base, head])
    .split('\n')
    .filter(Boolean)) {
    const [code, filename] = line.split('\t') as [string, string];
    const [add, del] = numstat.get(filename) ?? ['-', '-'];
    const binary = add === '-';
    const status = code === 'A' ? 'added' : code === 'D' ? 'removed' : 'modified';
    const diff = binary ? '' : git(dir, ['diff', base, head, '--', filename]);
    const at = diff.indexOf('\n@@');
    files.push({
      filename,
      status,
      additions: binary ? 0 : Number(add),
      deletions: binary ? 0 : Number(del),
      changes: binary ? 0 : Number(add) + Number(del),
      ...(binary || at < 0 ? {} : { patch: diff.slice(at + 1).replace(/\n$/, '') }),
    });
  }
  return files;
}

export interface Comparison {
  mergeBase: string;
  /** Commits on head and not on base, and the other way round. */
  ahead: number;
  behind: number;
}

/** What GitHub's compare API says of base...head, from a local repository; undefined when git cannot tell. */
export function comparisonFromGit(dir: string, base: string, head: string): Comparison | undefined {
  try {
    const mergeBase = git(dir, ['merge-base', base, head]).trim();
    const [ahead, behind] = git(dir, ['rev-list', '--left-right', '--count', `${head}...${base}`])
      .trim()
      .split(/\s+/)
      .map(Number);
    return { mergeBase, ahead: ahead!, behind: behind! };
  } catch {
    return undefined;
  }
}

/** A file's bytes at `ref` of a local repository (what the contents API serves); undefined when absent. */
export function fileFromGit(dir: string, ref: string, path: string): Buffer | undefined {
  try {
    return execFileSync('git', ['-C', dir, 'cat-file', 'blob', `${ref}:${path}`], {
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}

/** A regular file's bytes inside a GitHub tarball (`owner-repo-sha7/` folder first); undefined when absent. */
export async function fileFromTarball(tgz: Buffer, path: string): Promise<Buffer | undefined> {
  const extract = tar.extract();
  Readable.from([gunzipSync(tgz)]).pipe(extract);
  let found: Buffer | undefined;
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const inRepo = entry.header.name.split('/').slice(1).join('/');
    if (entry.header.type === 'file' && inRepo === path) found = Buffer.concat(chunks);
  }
  return found;
}
