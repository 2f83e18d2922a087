import { createWriteStream } from 'node:fs';
import { copyFile, lstat, mkdir, mkdtemp, readFile, realpath, rm, symlink, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import type { RepoRef } from '../github/checks.ts';
import type { GitHub } from '../github/client.ts';

/**
 * The repository at one commit, fetched as GitHub's tarball and unpacked into a temporary folder
 * that is removed afterwards. The tarball is untrusted: sizes and entry counts are bounded, paths
 * that climb out (`..`), absolute paths and links whose target leaves the tree are refused, and
 * nothing is ever executed or given an executable mode.
 */
export interface CheckoutLimits {
  /** Bytes downloaded (gzip). */
  maxCompressedBytes: number;
  /** Bytes of all files unpacked. */
  maxBytes: number;
  maxEntries: number;
  /** A larger file is left out (no scanner reads files that size) and noted. */
  maxFileBytes: number;
}

export const DEFAULT_LIMITS: CheckoutLimits = {
  maxCompressedBytes: 512 * 1024 * 1024,
  maxBytes: 2 * 1024 * 1024 * 1024,
  maxEntries: 200_000,
  maxFileBytes: 64 * 1024 * 1024,
};

/** The tarball cannot be used: too large, hostile or corrupt. The message says which and why. */
export class CheckoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckoutError';
  }
}

export interface Checkout {
  dir: string;
  /** Things left out, one sentence each (for the check run summary). */
  notes: string[];
  /** A regular file's text from the tree (for suggestion blocks), bounded; undefined otherwise. */
  readFile(path: string): Promise<string | undefined>;
}

const MAX_READ = 1024 * 1024;

/** Fetch `sha` as a tarball through the API, unpack it, run `fn`, remove the folder whatever happens. */
export async function withCheckout<T>(
  gh: GitHub,
  repo: RepoRef,
  sha: string,
  fn: (checkout: Checkout) => Promise<T>,
  options: CheckoutLimits & { signal?: AbortSignal } = DEFAULT_LIMITS,
): Promise<T> {
  // Checked first: an aborted request would otherwise go through the client's retries and backoff.
  options.signal?.throwIfAborted();
  const parent = await mkdtemp(join(tmpdir(), 'vigil-app-'));
  const dir = join(parent, 'tree');
  try {
    await mkdir(dir);
    const response = await gh.request('GET /repos/{owner}/{repo}/tarball/{ref}', {
      owner: repo.owner,
      repo: repo.repo,
      ref: sha,
      request: { parseSuccessResponseBody: false, ...(options.signal ? { signal: options.signal } : {}) },
    });
    const body = response.data as unknown as ReadableStream<Uint8Array> | null;
    if (!body) throw new CheckoutError(`GitHub returned no tarball for ${sha}`);
    const notes = await unpackTarball(Readable.fromWeb(body as never), dir, options);
    return await fn({
      dir,
      notes,
      readFile: (path) => readTreeFile(dir, path),
    });
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
}

async function readTreeFile(dir: string, path: string): Promise<string | undefined> {
  try {
    const abs = await realpath(resolve(dir, path));
    if (!isInside(await realpath(dir), abs)) return undefined;
    const info = await lstat(abs);
    if (!info.isFile() || info.size > MAX_READ) return undefined;
    return await readFile(abs, 'utf8');
  } catch {
    return undefined;
  }
}

const isInside = (root: string, abs: string) => abs === root || abs.startsWith(root + sep);

/**
 * The path inside the repository for a tarball entry name, without GitHub's top folder
 * (`owner-repo-sha7/`); '' for the top folder itself. Throws on anything that could land outside.
 */
export function entryPath(name: string): string {
  if (name.includes('\0')) throw unsafe(name, 'contains a NUL byte');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\'))
    throw unsafe(name, 'absolute path');
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw unsafe(name, 'path traversal');
  return parts.slice(1).join('/');
}

const unsafe = (name: string, why: string) =>
  new CheckoutError(
    `the repository tarball contains an unsafe entry ${JSON.stringify(name.slice(0, 200))} (${why}); nothing was scanned`,
  );

interface Link {
  path: string;
  target: string;
}

/** Unpack a gzip'd tar stream into `dir` (which must exist and be empty). Returns notes. */
export async function unpackTarball(input: Readable, dir: string, limits: CheckoutLimits): Promise<string[]> {
  const root = await realpath(dir);
  let compressed = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      compressed += chunk.length;
      if (compressed > limits.maxCompressedBytes)
        done(new CheckoutError(`the repository tarball is larger than ${limits.maxCompressedBytes} bytes`));
      else done(null, chunk);
    },
  });
  const extract = tar.extract();
  const gunzip = createGunzip();
  const feeding = pipeline(input, counter, gunzip).catch(() => undefined);
  gunzip.on('error', (e) =>
    extract.destroy(new CheckoutError(`the tarball is not valid gzip: ${e.message}`)),
  );
  counter.on('error', (e) => extract.destroy(e));
  input.on('error', (e) =>
    extract.destroy(new CheckoutError(`downloading the tarball failed: ${e.message}`)),
  );
  gunzip.pipe(extract);

  let entries = 0;
  let bytes = 0;
  let oversized = 0;
  let special = 0;
  const symlinks: Link[] = [];
  const hardlinks: Link[] = [];
  try {
    for await (const entry of extract) {
      const { header } = entry;
      if (++entries > limits.maxEntries)
        throw new CheckoutError(`the repository has more than ${limits.maxEntries} entries`);
      const path = entryPath(header.name);
      const abs = join(root, path);
      if (path === '' || header.type === 'directory') {
        if (path) await mkdir(abs, { recursive: true });
        entry.resume();
        continue;
      }
      if (header.type === 'symlink' || header.type === 'link') {
        (header.type === 'symlink' ? symlinks : hardlinks).push({ path, target: header.linkname ?? '' });
        entry.resume();
        continue;
      }
      if (header.type !== 'file' && header.type !== 'contiguous-file') {
        special++;
        entry.resume();
        continue;
      }
      const size = header.size ?? 0;
      if (size > limits.maxFileBytes) {
        oversized++;
        entry.resume();
        continue;
      }
      bytes += size;
      if (bytes > limits.maxBytes)
        throw new CheckoutError(`the repository unpacks to more than ${limits.maxBytes} bytes`);
      await mkdir(dirname(abs), { recursive: true });
      // No link exists yet (links are made last), so this write cannot be redirected outside.
      await pipeline(entry as unknown as Readable, createWriteStream(abs, { mode: 0o644 }));
    }
  } catch (error) {
    extract.destroy();
    input.destroy();
    throw error instanceof CheckoutError
      ? error
      : new CheckoutError(`the repository tarball could not be read: ${(error as Error).message}`);
  }
  await feeding;

  const notes: string[] = [];
  const refused = await makeLinks(root, symlinks, hardlinks);
  if (refused)
    notes.push(
      `${refused} link${refused === 1 ? '' : 's'} pointing outside the repository (or nowhere) left out.`,
    );
  if (oversized)
    notes.push(`${oversized} file${oversized === 1 ? '' : 's'} over ${limits.maxFileBytes} bytes left out.`);
  if (special) notes.push(`${special} special file${special === 1 ? '' : 's'} (devices, FIFOs) left out.`);
  return notes;
}

/**
 * Links come last, when every file is in place. Hard links become copies of a file inside the
 * tree. Symbolic links are made only when their target lies inside the tree; because one link can
 * change where another resolves, all of them are checked again (real paths) until none escapes.
 */
async function makeLinks(root: string, symlinks: Link[], hardlinks: Link[]): Promise<number> {
  let refused = 0;
  for (const link of hardlinks) {
    const target = join(root, entryPath(link.target));
    const info = await lstat(target).catch(() => undefined);
    if (!info?.isFile()) {
      refused++;
      continue;
    }
    await mkdir(dirname(join(root, link.path)), { recursive: true });
    await copyFile(target, join(root, link.path));
  }
  const made: string[] = [];
  for (const link of symlinks) {
    const abs = join(root, link.path);
    const lexical = resolve(dirname(abs), link.target);
    if (
      !link.target ||
      isAbsolute(link.target) ||
      !isInside(root, lexical) ||
      !(await parentInside(root, abs))
    ) {
      refused++;
      continue;
    }
    try {
      await mkdir(dirname(abs), { recursive: true });
      await rm(abs, { force: true, recursive: true });
      await symlink(link.target, abs);
      made.push(abs);
    } catch {
      refused++; // a dangling link in the way, or a file where a folder should be
    }
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const abs of [...made]) {
      const real = await realpath(abs).catch(() => undefined);
      if (real && isInside(root, real)) continue;
      await unlink(abs).catch(() => undefined);
      made.splice(made.indexOf(abs), 1);
      refused++;
      changed = true;
    }
  }
  return refused;
}

/**
 * True when the nearest existing ancestor of `abs` really (links followed) lies inside `root`, so
 * creating the missing folders below it cannot create anything outside.
 */
async function parentInside(root: string, abs: string): Promise<boolean> {
  for (let dir = dirname(abs); isInside(root, dir); dir = dirname(dir)) {
    const real = await realpath(dir).catch((e: NodeJS.ErrnoException) =>
      e.code === 'ENOENT' ? undefined : '',
    );
    if (real === '') return false;
    if (real !== undefined) return isInside(root, real);
  }
  return false;
}
