import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Diagnostic } from '../../core/finding.ts';
import type { TrustedFiles } from '../../core/scanner.ts';
import { MAX_VEX_BYTES, parseVex } from './parse.ts';
import { VexError, type VexStatement } from './types.ts';

const OPENVEX_FILE = '.openvex.json';
const VEX_DIR = '.vex';

/** The repository's VEX documents: `.openvex.json` and `.vex/*.json` at the scan root. */
export function isVexFile(path: string): boolean {
  if (path === OPENVEX_FILE) return true;
  const name = path.startsWith(`${VEX_DIR}/`) ? path.slice(VEX_DIR.length + 1) : '';
  return name.endsWith('.json') && !name.includes('/');
}

/** A regular file's text (links are not followed), or undefined; one larger than a VEX document may be throws. */
function plainFile(root: string, path: string): string | undefined {
  const abs = join(root, path);
  const info = existsSync(abs) ? lstatSync(abs) : undefined;
  if (!info?.isFile()) return undefined;
  if (info.size > MAX_VEX_BYTES) throw new VexError(path, `over ${MAX_VEX_BYTES} bytes; not read`);
  return readFileSync(abs, 'utf8');
}

const differs = (root: string, path: string, text: string | undefined): boolean => {
  try {
    return plainFile(root, path) !== text;
  } catch {
    return true;
  }
};

/** POSIX paths of the VEX documents in the scanned tree, in name order. */
function treeVexFiles(root: string): string[] {
  const found = existsSync(join(root, OPENVEX_FILE)) ? [OPENVEX_FILE] : [];
  const dir = join(root, VEX_DIR);
  if (existsSync(dir) && lstatSync(dir).isDirectory())
    for (const name of readdirSync(dir).sort())
      if (isVexFile(`${VEX_DIR}/${name}`)) found.push(`${VEX_DIR}/${name}`);
  return found;
}

export interface VexSources {
  /** `--vex FILE` documents: the user's (the CLI's operator), read as given. */
  files?: readonly { path: string; abs: string }[];
  /** A pull request's base (the App, the Action): the repository's VEX documents as it has them, never the PR's. */
  trusted?: TrustedFiles;
}

/**
 * Every statement of the repository's VEX documents and of the `--vex` files. A document that
 * cannot be read is an error naming it; the other documents still count.
 */
export function loadVex(root: string, sources: VexSources, diagnostics: Diagnostic[]): VexStatement[] {
  const statements: VexStatement[] = [];
  const read = (path: string, text: () => string | undefined, inRoot = true): void => {
    try {
      const body = text();
      if (body !== undefined) statements.push(...parseVex(path, body, inRoot));
    } catch (error) {
      diagnostics.push({
        level: 'error',
        source: 'sca',
        path,
        message: `${(error as Error).message}; its statements are not honoured`,
      });
    }
  };
  const { trusted } = sources;
  if (trusted) {
    const judged = Object.keys(trusted.files).filter(isVexFile);
    // a document the PR adds, edits or deletes: the base's counts
    for (const path of new Set([...treeVexFiles(root), ...judged]))
      if (differs(root, path, trusted.files[path]))
        diagnostics.push({
          level: 'note',
          source: 'sca',
          path,
          message: `this change edits ${path}: VEX statements were taken from ${trusted.judge}; the new ones take effect after merge`,
        });
    for (const path of judged.sort()) read(path, () => trusted.files[path]);
  } else {
    for (const path of treeVexFiles(root)) read(path, () => plainFile(root, path));
  }
  for (const f of sources.files ?? []) {
    const rel = relative(root, f.abs).split(sep).join('/');
    const inRoot = rel !== '' && !rel.startsWith('../') && !isAbsolute(rel);
    read(inRoot ? rel : f.path, () => readFileSync(f.abs, 'utf8'), inRoot);
  }
  return statements;
}
