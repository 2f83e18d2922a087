import { attachInstalledLicenses } from './licenses/installed.ts';
import { readFileSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';
import type { Diagnostic } from '../core/finding.ts';
import type { Progress, WalkedFile } from '../core/scanner.ts';
import { walk } from '../core/walker.ts';
import { extractLockfile, extractorFor } from './lockfiles/index.ts';
import { basenameOf, dirnameOf, MAX_LOCKFILE_BYTES } from './lockfiles/text.ts';
import type { ExtractContext, LockfileExtractor, LockfileInventory, Package } from './types.ts';
import { LockfileError } from './types.ts';

/** Folders whose lockfiles belong to someone else's package, not to the project. */
export const VENDORED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  'vendor',
  '.yarn',
  '.pnpm-store',
  '.venv',
  'venv',
  'site-packages',
  '.tox',
  '.git',
]);

/**
 * Walker include globs (basenames) covering every lockfile and the manifests extractors read beside
 * them; `*.txt` because `-r` includes may have any name.
 */
export const INVENTORY_FILE_GLOBS: readonly string[] = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  '*.txt',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'go.mod',
  'Cargo.lock',
  'Gemfile.lock',
  'gems.locked',
  'composer.lock',
  'package.json',
  'pyproject.toml',
  'Pipfile',
  'composer.json',
];

/**
 * Walks `root` for lockfiles and their manifests only, with the lockfile size cap instead of the
 * source-file cap (real lockfiles often exceed 1 MiB). `exclude` takes the scan's exclude globs.
 */
export async function walkInventoryFiles(
  root: string,
  options: { exclude?: readonly string[]; signal?: AbortSignal } = {},
): Promise<{ files: WalkedFile[]; diagnostics: Diagnostic[] }> {
  return walk(root, {
    include: INVENTORY_FILE_GLOBS,
    maxFileSize: MAX_LOCKFILE_BYTES,
    ...(options.exclude ? { exclude: options.exclude } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** Notes (unpinned requirements, skipped entries) shown per lockfile before they are summarised. */
const MAX_NOTES_PER_LOCKFILE = 20;

/** Sibling manifests (package.json, pyproject.toml, `-r` includes) are small; anything larger is ignored. */
const MAX_SIBLING_BYTES = 8 * 1024 * 1024;

export interface LockfileRef {
  file: WalkedFile;
  extractor: LockfileExtractor;
}

export interface InventoryResult {
  /** One per lockfile read, in path order. */
  inventories: LockfileInventory[];
  /** Every package of every inventory (a requirement included by several files once). */
  packages: Package[];
  /** Unreadable lockfiles (errors) and things worth knowing (notes); never fatal. */
  diagnostics: Diagnostic[];
}

export interface InventoryOptions {
  progress?: Progress;
  signal?: AbortSignal;
  /** `sca.goVersion` (see ExtractContext). */
  goVersion?: string;
}

export function isVendored(path: string): boolean {
  return path.split('/').some((seg) => VENDORED_DIRS.has(seg));
}

/**
 * The lockfiles among the walked files, outside vendored folders, in path order. Where a folder
 * has both, npm installs from npm-shrinkwrap.json and ignores package-lock.json; so do we.
 */
export function findLockfiles(files: readonly WalkedFile[]): LockfileRef[] {
  const shrinkwrapped = new Set(
    files.filter((f) => basenameOf(f.path) === 'npm-shrinkwrap.json').map((f) => dirnameOf(f.path)),
  );
  const out: LockfileRef[] = [];
  for (const file of files) {
    if (isVendored(file.path)) continue;
    if (basenameOf(file.path) === 'package-lock.json' && shrinkwrapped.has(dirnameOf(file.path))) continue;
    const extractor = extractorFor(file.path);
    if (extractor) out.push({ file, extractor });
  }
  return out.sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));
}

/** True when `abs` (after following links) is still inside `realRoot`. */
function insideRoot(abs: string, realRoot: string): boolean {
  try {
    const real = realpathSync(abs);
    return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  } catch {
    return false;
  }
}

/** Read access for extractors, limited to files the walker accepted, inside the root, and small. */
export function walkedFilesContext(root: string, files: readonly WalkedFile[]): ExtractContext {
  const byPath = new Map(files.map((f) => [f.path, f]));
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  return {
    files: files.map((f) => f.path),
    readFile(path: string): string | undefined {
      const f = byPath.get(path);
      if (!f || f.size > MAX_SIBLING_BYTES || !insideRoot(f.absPath, realRoot)) return undefined;
      try {
        return readFileSync(f.absPath, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Finds every lockfile among the walked files (monorepos and workspaces included, vendored folders
 * excluded), parses each with its extractor and collects the packages. A bad lockfile becomes an
 * error diagnostic naming the file and line; the others are still read.
 */
export async function collectInventory(
  root: string,
  files: readonly WalkedFile[],
  options: InventoryOptions = {},
): Promise<InventoryResult> {
  const lockfiles = findLockfiles(files);
  const context = {
    ...walkedFilesContext(root, files),
    ...(options.goVersion ? { goVersion: options.goVersion } : {}),
  };
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  const inventories: LockfileInventory[] = [];
  const diagnostics: Diagnostic[] = [];
  options.progress?.start('Reading lockfiles', lockfiles.length);
  for (const { file, extractor } of lockfiles) {
    if (options.signal?.aborted) break;
    try {
      if (file.size > MAX_LOCKFILE_BYTES) {
        throw new LockfileError(file.path, `larger than ${MAX_LOCKFILE_BYTES / 1024 / 1024} MiB; not read`);
      }
      if (!insideRoot(file.absPath, realRoot)) {
        throw new LockfileError(file.path, 'links outside the scanned tree; not read');
      }
      const text = await readFile(file.absPath, 'utf8');
      const inv = extractLockfile(extractor, file.path, text, context);
      inventories.push(inv);
      const notes = inv.notes ?? [];
      for (const note of notes.slice(0, MAX_NOTES_PER_LOCKFILE)) {
        const d: Diagnostic = { level: 'note', message: note.message, path: file.path, source: 'sca' };
        if (note.line !== undefined) d.line = note.line;
        diagnostics.push(d);
      }
      if (notes.length > MAX_NOTES_PER_LOCKFILE) {
        const more = notes.length - MAX_NOTES_PER_LOCKFILE;
        diagnostics.push({
          level: 'note',
          message: `${more} more notes like these`,
          path: file.path,
          source: 'sca',
        });
      }
    } catch (e) {
      const err =
        e instanceof LockfileError
          ? e
          : new LockfileError(file.path, e instanceof Error ? e.message : String(e));
      const d: Diagnostic = { level: 'error', message: err.message, path: file.path, source: 'sca' };
      if (err.line !== undefined) d.line = err.line;
      diagnostics.push(d);
    }
    options.progress?.tick();
  }
  options.progress?.done();
  diagnostics.push(...attachInstalledLicenses(root, inventories));
  return { inventories, packages: dedupeIncluded(inventories), diagnostics };
}

/** A requirement read through `-r` by several files (or also on its own) is one package: same file, line, name and version. */
function dedupeIncluded(inventories: readonly LockfileInventory[]): Package[] {
  const seen = new Set<string>();
  const out: Package[] = [];
  for (const inv of inventories) {
    for (const p of inv.packages) {
      if (p.line !== undefined) {
        const key = `${p.source}\0${p.line}\0${p.name}\0${p.version}`;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      out.push(p);
    }
  }
  return out;
}
