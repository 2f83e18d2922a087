import { posix } from 'node:path';
import { isTestFile } from '../test-files.ts';

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
  let joined = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  if (joined.startsWith('../') || joined === '..') return undefined;
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

/** A package of the scanned tree: its folder (`''` at the root) and the entry files its manifest names. */
export interface LocalPackage {
  dir: string;
  entries: string[];
}

/**
 * The packages the scanned tree holds, by name, from their package.json texts: a workspace's
 * packages, or an application requiring itself by its own name (`require('app/lib/db')` through a
 * node_modules link). Test fixtures are left out, and so is a name two manifests claim.
 */
export function localPackages(manifests: ReadonlyMap<string, string>): Map<string, LocalPackage> {
  const out = new Map<string, LocalPackage>();
  const claimed = new Set<string>();
  for (const [path, text] of manifests) {
    if (isTestFile(path)) continue;
    let manifest: unknown;
    try {
      manifest = JSON.parse(text);
    } catch {
      continue;
    }
    if (!manifest || typeof manifest !== 'object') continue;
    const m = manifest as Record<string, unknown>;
    if (typeof m.name !== 'string' || m.name === '') continue;
    if (claimed.has(m.name)) {
      out.delete(m.name);
      continue;
    }
    claimed.add(m.name);
    const entries = [m.source, m.module, m.main]
      .filter((e): e is string => typeof e === 'string' && e !== '')
      .map((e) => e.replace(/^\.\//, ''));
    out.set(m.name, { dir: posix.dirname(path) === '.' ? '' : posix.dirname(path), entries });
  }
  return out;
}

/**
 * The scanned file a bare specifier names when its package is one of the tree's own
 * (`@acme/util`, `@acme/util/strings`): the subpath under the package's folder or its `src/`;
 * for the package itself its manifest's entries, then `src/index` and `index` (an entry pointing
 * at build output the scan does not hold falls through to the sources).
 */
export function resolveLocalPackage(
  specifier: string,
  packages: ReadonlyMap<string, LocalPackage>,
  files: ReadonlySet<string>,
): string | undefined {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const pkg = packages.get(parts.slice(0, nameLength).join('/'));
  if (!pkg) return undefined;
  const sub = parts.slice(nameLength).join('/');
  const candidates = sub ? [sub, `src/${sub}`] : [...pkg.entries, 'src/index', 'index'];
  const from = pkg.dir ? `${pkg.dir}/package.json` : 'package.json';
  for (const c of candidates) {
    const target = resolveRelative(from, `./${c}`, files);
    if (target) return target;
  }
  return undefined;
}
