import { posix } from 'node:path';
import type { Diagnostic } from '../../core/finding.ts';

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
    let manifest: Record<string, unknown>;
    try {
      if (text.length > MAX_PACKAGE_JSON) throw new Error(`larger than ${MAX_PACKAGE_JSON} bytes`);
      const parsed = JSON.parse(text) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      manifest = parsed as Record<string, unknown>;
    } catch (error) {
      diagnostics.push({
        level: 'warning',
        source: 'sast',
        path,
        message: `package.json not read for library mode: ${error instanceof Error ? error.message : String(error)}`,
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
