import { posix } from 'node:path';

/** `node:fs/promises` → `fs`: one name per module whatever the spelling, so models match once. */
export function normaliseModule(specifier: string): string {
  let name = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  if (name === 'fs/promises') name = 'fs';
  if (name === 'mysql2/promise') name = 'mysql2';
  if (name === 'child_process/promises') name = 'child_process';
  return name;
}

export function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

const IMPORT_PATTERNS = [
  /\bimport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*(['"])([^'"\n]+)\1/g,
  /\bexport\s+[^'"`;]*?\bfrom\s*(['"])([^'"\n]+)\1/g,
  /\bimport\s*(['"])([^'"\n]+)\1/g,
  /\b(?:require|import)\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g,
];

/** The specifiers a file imports or requires with a literal, found without parsing. */
export function scanImports(text: string): string[] {
  const found = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) found.add(m[2]!);
  }
  return [...found];
}

const CANDIDATE_SUFFIXES = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
const INDEX_FILES = ['/index.ts', '/index.tsx', '/index.js', '/index.jsx', '/index.mjs', '/index.cjs'];

/**
 * The scanned file a relative specifier names, trying TypeScript's spellings (`./a.js` for
 * `a.ts`), extensionless imports and index files. Paths are POSIX and relative to the scan root;
 * anything that climbs out of the root resolves to nothing.
 */
export function resolveRelative(
  fromFile: string,
  specifier: string,
  files: ReadonlySet<string>,
): string | undefined {
  const joined = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  if (joined.startsWith('../') || joined === '..') return undefined;
  return resolvePath(joined, files);
}

/** The scanned file a normalised root-relative path names, with the spellings resolveRelative tries. */
export function resolvePath(path: string, files: ReadonlySet<string>): string | undefined {
  let joined = path;
  // `require('./lib/')`, `require('../')`: a folder named with its slash is its index file.
  while (joined.endsWith('/')) joined = joined.slice(0, -1);
  if (joined === '.') return INDEX_FILES.map((index) => index.slice(1)).find((index) => files.has(index));
  const stems = [joined];
  const ext = /\.(m|c)?js$/.exec(joined);
  if (ext) stems.push(joined.slice(0, -ext[0].length));
  for (const stem of stems) {
    for (const suffix of CANDIDATE_SUFFIXES) if (files.has(stem + suffix)) return stem + suffix;
  }
  for (const index of INDEX_FILES) if (files.has(joined + index)) return joined + index;
  return undefined;
}
