import {
  close as fsCloseCb,
  fstat as fstatCb,
  open as fsOpenCb,
  read as fsReadCb,
  type Dirent,
} from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { Diagnostic } from './finding.ts';
import type { WalkedFile } from './scanner.ts';
import { SUPPRESSION_MARKER } from './suppressions.ts';

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** Directories never worth scanning: installed dependencies, VCS data, vendored copies. */
export const ALWAYS_SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'vendor',
  'third_party',
  'bower_components',
]);

/** Sources where minified or generated output is worth detecting; lockfiles carry generated markers too and must stay. */
const SOURCE_EXTENSIONS =
  /\.(?:[cm]?[jt]sx?|vue|svelte|css|scss|less|go|py|rb|php|java|kt|cs|swift|rs|c|cc|cpp|h|hpp)$/i;
/** How much of each file tells binary, minified and generated files apart. */
const HEAD_BYTES = 8192;
/** Bytes read in the first go; most source files fit, so one read (and no stat) settles them. */
const FIRST_READ = 64 * 1024;
/** Hand-written code rarely averages over this many characters a line; bundles do. */
const MINIFIED_AVERAGE_LINE = 500;
/** Conventional markers (Meta's `@generated`, Go's `Code generated … DO NOT EDIT.`) in a header comment. */
const GENERATED_MARKER =
  /^\s*(?:\/\/|\/\*+|\*|#).*?(?:(?:^|\s)@generated(?:\s|$)|\bCode generated\b.*\bDO NOT EDIT\b)/;
const GENERATED_HEADER_LINES = 10;
/**
 * A third-party library's banner: the `/*!` or `//!` comment minifiers keep for a licence, naming
 * a release (`/*! jQuery v3.7.1`, `/*!\n * Bootstrap v5.3.0`): a copy of someone else's code.
 */
const LIBRARY_BANNER = /^\s*(?:\/\*!|\/\/!)/;
const RELEASE = /\bv?\d{1,4}\.\d{1,4}\.\d{1,6}\b/;
/** Real .gitignore files are a few KiB; a huge one is hostile or a mistake. */
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;
/** Files and directories handled at once; enough to hide latency, few enough to stay under fd limits. */
const CONCURRENCY = 32;

export interface WalkOptions {
  /** Only files matching one of these globs (relative POSIX paths; a pattern without `/` matches a basename). */
  include?: readonly string[];
  /** Skip files and directories matching any of these globs. */
  exclude?: readonly string[];
  /**
   * Only these paths (files or folders, relative POSIX, no globs): everything else is left out
   * and folders off the way to them are never listed. `vigil scan a.js lib/`.
   */
  targets?: readonly string[];
  maxFileSize?: number;
  /** Larger caps for particular files (a scanner's lockfiles), checked when a file exceeds `maxFileSize`. */
  largeFiles?: readonly { include: readonly string[]; maxFileSize: number }[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  signal?: AbortSignal;
}

export interface WalkResult {
  /** Sorted by path. */
  files: WalkedFile[];
  /** Skipped files worth telling about (binary, too large, minified, generated, links out of the tree). */
  diagnostics: Diagnostic[];
  /** Paths of accepted files whose text contains a suppression marker; only these hold directives. */
  marked: ReadonlySet<string>;
}

interface IgnoreLayer {
  /** Directory of the .gitignore, relative to the root ('' for the root). */
  base: string;
  matcher: Ignore;
}

interface DirTask {
  rel: string;
  abs: string;
  layers: IgnoreLayer[];
}

/**
 * Walk `root` and return the files worth scanning. Lists directories and reads each candidate file
 * once, concurrently but bounded; never follows a link out of the tree, and visits a directory
 * reached through links at most once.
 */
export async function walk(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const rootReal = await realpath(root);
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const included = options.include?.length ? globMatcher(options.include) : undefined;
  const excluded = options.exclude?.length ? globMatcher(options.exclude) : undefined;
  const targets = options.targets?.length ? options.targets : undefined;
  /** A file in or under a target; a folder that is one, holds one, or lies under one. */
  const fileTargeted = (rel: string) => !targets || targets.some((t) => rel === t || rel.startsWith(`${t}/`));
  const dirTargeted = (rel: string) =>
    !targets || targets.some((t) => rel === t || rel.startsWith(`${t}/`) || t.startsWith(`${rel}/`));
  const useGitignore = options.gitignore ?? true;
  const largeFiles = (options.largeFiles ?? []).map((l) => ({
    match: globMatcher(l.include),
    max: l.maxFileSize,
  }));
  /** The size cap for one path: the default, or the largest allowance whose globs match it. */
  const capFor = (rel: string) =>
    largeFiles.reduce((cap, l) => (l.max > cap && l.match(rel) ? l.max : cap), maxFileSize);

  const files: WalkedFile[] = [];
  const marked = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const note = (path: string, message: string, level: Diagnostic['level'] = 'note') =>
    diagnostics.push({ level, source: 'walker', path, message });
  const visitedDirs = new Set<string>([rootReal]);
  /** Linked directories wait until the real tree is walked, so files keep their real paths. */
  const linkedDirs: DirTask[] = [];

  const pool = new TaskPool(CONCURRENCY, options.signal);

  const ignoredByGit = (layers: IgnoreLayer[], rel: string, isDir: boolean): boolean => {
    let ignored = false;
    for (const layer of layers) {
      const local = layer.base ? rel.slice(layer.base.length + 1) : rel;
      const verdict = layer.matcher.test(isDir ? `${local}/` : local);
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  };

  const visitDir = async ({ rel, abs, layers }: DirTask): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch (error) {
      note(rel || '.', `directory skipped: ${fsReason(error)}`, 'warning');
      return;
    }
    let ownLayers = layers;
    if (useGitignore) {
      const extra: string[] = [];
      if (rel === '') extra.push(join(abs, '.git', 'info', 'exclude'));
      if (entries.some((e) => e.name === '.gitignore' && !e.isDirectory()))
        extra.push(join(abs, '.gitignore'));
      for (const file of extra) {
        const info = await stat(file).catch(() => undefined);
        if (!info?.isFile()) continue;
        if (info.size > MAX_IGNORE_FILE_BYTES) {
          note(
            relative(rootReal, file).split(sep).join('/'),
            'ignore file too large; not applied',
            'warning',
          );
          continue;
        }
        const text = await readFile(file, 'utf8').catch(() => undefined);
        if (text !== undefined) ownLayers = [...ownLayers, { base: rel, matcher: ignore().add(text) }];
      }
    }
    for (const entry of entries) {
      // `.git` is a file in worktrees and submodules; either way it is no source.
      if (entry.name === '.git') continue;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const childAbs = join(abs, entry.name);
      let kind: 'file' | 'dir' | 'other' = entry.isFile() ? 'file' : entry.isDirectory() ? 'dir' : 'other';
      let realAbs: string | undefined;
      if (entry.isSymbolicLink()) {
        const target = await resolveLink(childAbs, rootReal);
        if (typeof target === 'string') {
          note(childRel, target);
          continue;
        }
        kind = target.kind;
        realAbs = target.real;
        if (kind === 'dir') {
          if (ALWAYS_SKIPPED_DIRS.has(entry.name) || excluded?.(childRel) || !dirTargeted(childRel)) continue;
          if (useGitignore && ignoredByGit(ownLayers, childRel, true)) continue;
          linkedDirs.push({ rel: childRel, abs: target.real, layers: ownLayers });
          continue;
        }
      }
      if (kind === 'dir') {
        if (ALWAYS_SKIPPED_DIRS.has(entry.name) || excluded?.(childRel) || !dirTargeted(childRel)) continue;
        if (useGitignore && ignoredByGit(ownLayers, childRel, true)) continue;
        if (visitedDirs.has(childAbs)) continue;
        visitedDirs.add(childAbs);
        pool.add(() => visitDir({ rel: childRel, abs: childAbs, layers: ownLayers }));
      } else if (kind === 'file') {
        if (excluded?.(childRel) || (included && !included(childRel)) || !fileTargeted(childRel)) continue;
        if (useGitignore && ignoredByGit(ownLayers, childRel, false)) continue;
        pool.add(() => visitFile(childRel, realAbs ?? childAbs));
      }
      // Sockets, FIFOs and devices are never source; opening a FIFO would block.
    }
  };

  /** `abs` is the real location (a link's target), so scanners read what the walker judged. */
  const visitFile = async (rel: string, abs: string): Promise<void> => {
    const verdict = await probeFile(abs, rel, largeFiles.length ? capFor(rel) : maxFileSize, maxFileSize);
    if (verdict.skip !== undefined) {
      note(rel, verdict.skip, verdict.level);
      return;
    }
    files.push({ path: rel, absPath: abs, size: verdict.size });
    if (verdict.marked) marked.add(rel);
  };

  pool.add(() => visitDir({ rel: '', abs: rootReal, layers: [] }));
  await pool.drain();
  // Linked directories whose targets were not walked in place (e.g. they sit under an excluded path).
  while (linkedDirs.length > 0) {
    for (const task of linkedDirs.splice(0)) {
      if (visitedDirs.has(task.abs)) continue;
      visitedDirs.add(task.abs);
      pool.add(() => visitDir(task));
    }
    await pool.drain();
  }

  files.sort((a, b) => compare(a.path, b.path));
  diagnostics.sort((a, b) => compare(a.path ?? '', b.path ?? ''));
  return { files, diagnostics, marked };
}

/**
 * Match relative POSIX paths against globs the way .gitignore users expect: a pattern without a
 * slash (`*.min.js`, `test`) matches the last path segment at any depth; one with a slash matches
 * from the root. A leading `./` and a trailing `/` are ignored.
 */
export function globMatcher(patterns: readonly string[]): (path: string) => boolean {
  const cleaned = patterns.map((p) => p.replace(/^\.\//, '').replace(/\/+$/, '')).filter(Boolean);
  const anchored = cleaned.filter((p) => p.includes('/'));
  const bare = cleaned.filter((p) => !p.includes('/'));
  const full = anchored.length ? picomatch(anchored, { dot: true }) : undefined;
  const base = bare.length ? picomatch(bare, { dot: true }) : undefined;
  return (path) => (full?.(path) ?? false) || (base?.(path.slice(path.lastIndexOf('/') + 1)) ?? false);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type LinkTarget = { kind: 'file' | 'dir' | 'other'; real: string } | string;

/** Resolve a symbolic link; a string result is why it is skipped. */
async function resolveLink(abs: string, rootReal: string): Promise<LinkTarget> {
  let real: string;
  try {
    real = await realpath(abs);
  } catch (error) {
    return `symbolic link skipped: ${fsReason(error)}`;
  }
  const rel = relative(rootReal, real);
  if (rel.startsWith(`..${sep}`) || rel === '..' || rel.startsWith(sep) || /^[A-Za-z]:/.test(rel)) {
    return 'symbolic link skipped: it points outside the scanned tree';
  }
  const info = await stat(real).catch(() => undefined);
  if (!info) return 'symbolic link skipped: target is unreadable';
  return { kind: info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other', real };
}

type Probe =
  { skip?: undefined; size: number; marked: boolean } | { skip: string; level: Diagnostic['level'] };

/**
 * Read a file once to judge it: too large, binary, generated or minified files are skipped; the
 * rest are checked for a suppression marker so the suppression pass reads only those. One read
 * settles most source files (no stat needed); the callback API avoids FileHandle overhead, which
 * dominates on trees of many small files.
 */
async function probeFile(
  abs: string,
  /** The name scanners will see (a link's own name), which decides what kind of file it is. */
  rel: string,
  maxFileSize: number,
  wholeReadLimit: number,
): Promise<Probe> {
  let fd: number | undefined;
  // Reused buffers: a fresh 64 KiB allocation per file costs more than the read itself.
  const first = spareBuffers.pop() ?? Buffer.allocUnsafe(FIRST_READ);
  try {
    fd = await fsOpen(abs);
    let content = first;
    let size = await fsRead(fd, content, 0);
    if (size === FIRST_READ) {
      size = await fsSize(fd);
      if (size > maxFileSize) return tooLarge(size, maxFileSize);
      // Files admitted above the normal cap (large lockfiles) are judged on their first chunk only.
      if (size <= wholeReadLimit) {
        const whole = Buffer.allocUnsafe(size);
        content.copy(whole);
        let offset = FIRST_READ;
        for (let n = 1; offset < size && n > 0; offset += n) {
          n = await fsRead(fd, whole.subarray(offset), offset);
        }
        content = whole;
        size = offset;
      }
    } else if (size > maxFileSize) {
      return tooLarge(size, maxFileSize);
    }
    content = content.subarray(0, Math.min(size, content.length));
    const head = content.subarray(0, HEAD_BYTES);
    if (head.includes(0)) return { skip: 'skipped: binary file', level: 'note' };
    if (SOURCE_EXTENSIONS.test(rel)) {
      const top = headerLines(head);
      if (isGenerated(top)) return { skip: 'skipped: generated file', level: 'note' };
      if (isLibraryCopy(top)) return { skip: 'skipped: third-party library copy', level: 'note' };
      if (looksMinified(head, size)) return { skip: 'skipped: minified file', level: 'note' };
    }
    return { size, marked: content.includes(SUPPRESSION_MARKER) };
  } catch (error) {
    return { skip: `cannot read: ${fsReason(error)}`, level: 'warning' };
  } finally {
    spareBuffers.push(first);
    if (fd !== undefined) await fsClose(fd);
  }
}

const spareBuffers: Buffer[] = [];

function tooLarge(size: number, maxFileSize: number): Probe {
  return {
    skip: `skipped: ${formatBytes(size)} is over the ${formatBytes(maxFileSize)} size limit`,
    level: 'note',
  };
}

function fsOpen(path: string): Promise<number> {
  return new Promise((resolve, reject) => fsOpenCb(path, 'r', (e, fd) => (e ? reject(e) : resolve(fd))));
}

function fsRead(fd: number, buffer: Buffer, position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fsReadCb(fd, buffer, 0, buffer.length, position, (e, n) => (e ? reject(e) : resolve(n))),
  );
}

function fsClose(fd: number): Promise<void> {
  return new Promise((resolve) => fsCloseCb(fd, () => resolve()));
}

function fsSize(fd: number): Promise<number> {
  return new Promise((resolve, reject) => fstatCb(fd, (e, info) => (e ? reject(e) : resolve(info.size))));
}

/** The lines header comments sit in: the first ten, within 2 KiB. */
function headerLines(head: Buffer): string[] {
  return head.subarray(0, 2048).toString('utf8').split('\n', GENERATED_HEADER_LINES);
}

function isGenerated(lines: readonly string[]): boolean {
  return lines.some((line) => GENERATED_MARKER.test(line));
}

/** A library's release banner in the first lines: its opening line or one of the two after names a version. */
function isLibraryCopy(lines: readonly string[]): boolean {
  const at = lines.findIndex((line) => LIBRARY_BANNER.test(line));
  return at !== -1 && lines.slice(at, at + 3).some((line) => RELEASE.test(line));
}

/** A bundle: a sizeable sample whose lines average hundreds of characters. */
function looksMinified(head: Buffer, size: number): boolean {
  if (size < 2048) return false;
  let newlines = 0;
  for (let at = head.indexOf(10); at !== -1; at = head.indexOf(10, at + 1)) newlines++;
  return head.length / (newlines + 1) > MINIFIED_AVERAGE_LINE;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${n} B`;
}

function fsReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'target does not exist';
  if (code === 'ELOOP') return 'link loop';
  return error instanceof Error ? error.message : String(error);
}

/** Runs queued async tasks, at most `limit` at a time; tasks may queue more. */
class TaskPool {
  private queue: (() => Promise<void>)[] = [];
  private head = 0;
  private active = 0;
  private idle: (() => void) | undefined;
  private failure: unknown;
  private readonly limit: number;
  private readonly signal: AbortSignal | undefined;

  constructor(limit: number, signal?: AbortSignal) {
    this.limit = limit;
    this.signal = signal;
  }

  add(task: () => Promise<void>): void {
    this.queue.push(task);
    this.pump();
  }

  private pump(): void {
    while (this.active < this.limit && this.head < this.queue.length) {
      const task = this.queue[this.head++]!;
      if (this.head === this.queue.length) {
        this.queue = [];
        this.head = 0;
      }
      this.active++;
      const run = this.signal?.aborted ? Promise.reject(this.signal.reason) : task();
      run
        .catch((error: unknown) => {
          this.failure ??= error;
          this.queue = [];
          this.head = 0;
        })
        .finally(() => {
          this.active--;
          this.pump();
          if (this.active === 0 && this.head >= this.queue.length) this.idle?.();
        });
    }
  }

  async drain(): Promise<void> {
    if (this.active > 0 || this.head < this.queue.length) {
      await new Promise<void>((done) => (this.idle = done));
    }
    if (this.failure !== undefined) throw this.failure;
  }
}
