import { realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from './exit.ts';

/** Where a scan of the command line's paths is rooted, and which of its files it keeps. */
export interface ScanTargets {
  /** The scan root: findings' paths are relative to it and its configuration applies. */
  root: string;
  /** Files and folders under the root to scan (POSIX); undefined for the whole root. */
  targets?: string[];
}

const inside = (dir: string, path: string) => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * `vigil scan [paths...]`, as Semgrep and Trivy take them. One folder is the root, as it always
 * was. Files, or several paths, are scanned from the working directory when they all lie in it
 * (so its `.vigil.yml` applies and paths read as typed), else from the folder they share.
 */
export function scanTargets(cwd: string, args: readonly string[]): ScanTargets {
  const given = args.length > 0 ? args : ['.'];
  const paths = given.map((arg) => {
    const abs = resolve(cwd, arg);
    try {
      return { arg, abs: realpathSync(abs), dir: statSync(abs).isDirectory() };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === 'ENOENT' ? `path not found: ${arg}` : `cannot scan ${arg}: ${(error as Error).message}`,
      );
    }
  });
  if (paths.length === 1 && paths[0]!.dir) return { root: paths[0]!.abs };
  const base = realpathSync(cwd);
  let root = paths.every((p) => inside(base, p.abs))
    ? base
    : paths[0]!.dir
      ? paths[0]!.abs
      : dirname(paths[0]!.abs);
  while (!paths.every((p) => inside(root, p.abs))) root = dirname(root);
  const targets = paths.map((p) => relative(root, p.abs).split(sep).join('/'));
  return targets.includes('') ? { root } : { root, targets };
}
