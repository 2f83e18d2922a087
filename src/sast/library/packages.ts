import { posix } from 'node:path';
import type { Diagnostic } from '../../core/finding.ts';
import { isTestFile } from '../test-files.ts';

/** `sast.library` in .vigil.yml: force library mode on or off, or decide per package (`auto`). */
export type LibrarySetting = boolean | 'auto';

/** A package of the repository whose exported API callers use: its parameters are untrusted. */
export interface LibraryPackage {
  /** The package's name (`name` in package.json), or its folder when it has none. */
  name: string;
  /** Folder of its package.json, relative to the scan root ('' for the root). */
  root: string;
  /** Scanned files that are its public entry points (main, exports, bin; index.js by default). */
  entries: string[];
}

const EXTENSIONS = ['', '.js', '.cjs', '.mjs', '.ts', '.mts', '.cts', '.jsx', '.tsx'];
const INDEXES = ['index.js', 'index.cjs', 'index.mjs', 'index.ts'];
/** Build output folders whose sources usually sit in `src/` when the build is not committed. */
const BUILD_DIRS = /^(?:dist|lib|build|out|cjs|esm)\//;
const MAX_PACKAGE_JSON = 1024 * 1024;

/**
 * The library packages among the repository's package.json files (path → text). A package is a
 * library when it is not `private` and declares `main`, `exports` or `bin` — something others
 * install and call — unless `setting` forces the answer. Its entry points are resolved against
 * `files` (the scanned JS/TS paths); a package none of whose entries was scanned has none.
 */
export function libraryPackages(
  manifests: ReadonlyMap<string, string>,
  files: ReadonlySet<string>,
  setting: LibrarySetting = 'auto',
): { packages: LibraryPackage[]; diagnostics: Diagnostic[] } {
  const packages: LibraryPackage[] = [];
  const diagnostics: Diagnostic[] = [];
  if (setting === false) return { packages, diagnostics };
  for (const [path, text] of manifests) {
    if (!path.endsWith('package.json') || posix.basename(path) !== 'package.json') continue;
    if (path.split('/').includes('node_modules')) continue;
    const manifest = parseManifest(text);
    if (manifest instanceof Error) {
      diagnostics.push({
        level: 'warning',
        source: 'sast',
        path,
        message: `package.json not read for library mode: ${manifest.message}`,
      });
      continue;
    }
    const root = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    const declared = 'main' in manifest || 'exports' in manifest || 'bin' in manifest;
    if (setting === 'auto' && (manifest.private === true || !declared)) continue;
    const specs = [...strings(manifest.main), ...strings(manifest.exports), ...strings(manifest.bin)];
    if (typeof manifest.main !== 'string' && manifest.exports === undefined) specs.push('index.js');
    const entries = [
      ...new Set(specs.map((s) => resolveEntry(root, s, files)).filter((e) => e !== undefined)),
    ];
    if (entries.length === 0) continue;
    const name = typeof manifest.name === 'string' && manifest.name ? manifest.name : root || '.';
    packages.push({ name, root, entries });
  }
  return { packages, diagnostics };
}

/** A package.json's object, or why it is none: too large, not JSON, not an object. */
function parseManifest(text: string): Record<string, unknown> | Error {
  if (text.length > MAX_PACKAGE_JSON) return new Error(`larger than ${MAX_PACKAGE_JSON} bytes`);
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** A package of the scanned tree: its folder (`''` at the root) and the entry files its manifest names. */
export interface LocalPackage {
  dir: string;
  entries: string[];
}

/**
 * The packages the scanned tree holds, by name, from their package.json texts: a workspace's
 * packages, or an application requiring itself by its own name (`require('app/lib/db')` through a
 * node_modules link). Test fixtures are left out, and so is a name two manifests claim; a manifest
 * that does not parse names nothing (library mode reports it).
 */
export function localPackages(manifests: ReadonlyMap<string, string>): Map<string, LocalPackage> {
  const out = new Map<string, LocalPackage>();
  const claimed = new Set<string>();
  for (const [path, text] of manifests) {
    if (isTestFile(path)) continue;
    const m = parseManifest(text);
    if (m instanceof Error || typeof m.name !== 'string' || m.name === '') continue;
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
 * for the package itself its manifest's entries, then `src/index` and `index` (resolveEntry: an
 * entry pointing at build output the scan does not hold falls through to the sources).
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
  // A package's subpath stays inside it.
  if (parts.includes('..')) return undefined;
  const candidates = sub ? [sub, `src/${sub}`] : [...pkg.entries, 'src/index', 'index'];
  for (const c of candidates) {
    const target = resolveEntry(pkg.dir, c, files);
    if (target) return target;
  }
  return undefined;
}

/** Every string in a `main`/`exports`/`bin` value (exports nest conditions; types are not code). */
function strings(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return value.endsWith('.d.ts') || value.includes('*') ? [] : [value];
  if (!value || typeof value !== 'object' || depth > 6) return [];
  const out: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (key === 'types' || key === './package.json') continue;
    out.push(...strings(v, depth + 1));
  }
  return out;
}

/** The scanned file an entry specifier names, trying Node's extensions and index files, then `src/`. */
export function resolveEntry(root: string, spec: string, files: ReadonlySet<string>): string | undefined {
  const base = posix.normalize(posix.join(root, spec));
  if (base.startsWith('..')) return undefined;
  const tries = (p: string): string | undefined => {
    for (const ext of EXTENSIONS) if (files.has(p + ext)) return p + ext;
    for (const index of INDEXES) if (files.has(posix.join(p, index))) return posix.join(p, index);
    return undefined;
  };
  const found = tries(base);
  if (found) return found;
  // `main: dist/index.js` in a repository that does not commit its build: the TypeScript source.
  const inRoot = root ? base.slice(root.length + 1) : base;
  if (!BUILD_DIRS.test(inRoot)) return undefined;
  const source = posix.join(root, inRoot.replace(BUILD_DIRS, 'src/')).replace(/\.[cm]?js$/, '');
  return tries(source);
}
