import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../../core/finding.ts';
import type { WalkedFile } from '../../core/scanner.ts';
import { isSastFile } from '../../sast/parse.ts';
import { isBinaryText } from '../../sast/source-text.ts';
import { goImports } from './go-imports.ts';
import { jsImports } from './js-imports.ts';
import { productionClassifier, type NonProduction, type ProductionRules } from './production.ts';
import type { Evidence, FileImports } from './types.ts';

/** Source files larger than this are not read for imports (generated bundles); the scan says so. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

/** Why an import does not count as production: its file's kind, or the package is a devDependency only. */
export type NotProduction = NonProduction | 'devDependency';

/** One import of a module by one file, with the names that file uses through it. */
export interface ImportRecord extends Evidence {
  /** Undefined for production code. */
  notProduction?: NotProduction;
  uses: { name: string; line: number; snippet: string }[];
  /** Go: the import path (`golang.org/x/crypto/ssh`); npm: the package name. */
  importPath: string;
}

/** Every import of every source file of the tree, by package (npm) or import path (Go). */
export interface ImportIndex {
  npm: Map<string, ImportRecord[]>;
  go: Map<string, ImportRecord[]>;
  diagnostics: Diagnostic[];
}

interface Manifest {
  /** Names listed under devDependencies and not under dependencies, peer or optional ones. */
  devOnly: Set<string>;
}

function readManifest(file: WalkedFile): Manifest | undefined {
  try {
    const json = JSON.parse(readFileSync(file.absPath, 'utf8')) as Record<string, unknown>;
    const names = (key: string) => {
      const v = json[key];
      return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v) : [];
    };
    const runtime = new Set([
      ...names('dependencies'),
      ...names('peerDependencies'),
      ...names('optionalDependencies'),
    ]);
    return { devOnly: new Set(names('devDependencies').filter((n) => !runtime.has(n))) };
  } catch {
    // a bad package.json is the lockfile extractors' to report; here it only lacks dev information
    return undefined;
  }
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** The package.json nearest above each file: the workspace member the file belongs to. */
function manifestLookup(files: readonly WalkedFile[]): (path: string) => Manifest | undefined {
  const byDir = new Map<string, WalkedFile>();
  for (const f of files)
    if (f.path === 'package.json' || f.path.endsWith('/package.json')) byDir.set(dirOf(f.path), f);
  const parsed = new Map<string, Manifest | undefined>();
  return (path) => {
    let dir = dirOf(path);
    for (;;) {
      const file = byDir.get(dir);
      if (file) {
        if (!parsed.has(dir)) parsed.set(dir, readManifest(file));
        return parsed.get(dir);
      }
      if (dir === '') return undefined;
      dir = dirOf(dir);
    }
  };
}

function add(map: Map<string, ImportRecord[]>, key: string, record: ImportRecord): void {
  const list = map.get(key);
  if (list) list.push(record);
  else map.set(key, [record]);
}

/**
 * Reads the imports of every JavaScript, TypeScript and Go file the walker accepted, marking each
 * import production or not (its file's kind; a package its package.json lists as a devDependency
 * only). A file that cannot be read or parsed gets a warning naming it and adds no imports; the
 * rest are read as usual.
 */
export function buildImportIndex(files: readonly WalkedFile[], rules: ProductionRules = {}): ImportIndex {
  const classify = productionClassifier(rules);
  const manifestOf = manifestLookup(files);
  const index: ImportIndex = { npm: new Map(), go: new Map(), diagnostics: [] };
  for (const file of files) {
    const go = file.path.endsWith('.go');
    if (!go && !isSastFile(file.path)) continue;
    const warn = (message: string) =>
      index.diagnostics.push({ level: 'warning', source: 'sca', path: file.path, message });
    if (file.size > MAX_SOURCE_BYTES) {
      warn(`reachability: not read for imports (${file.size} bytes, over ${MAX_SOURCE_BYTES})`);
      continue;
    }
    let found: FileImports;
    try {
      const text = readFileSync(file.absPath, 'utf8');
      if (isBinaryText(text)) continue;
      found = go ? goImports(text) : jsImports(file.path, text);
    } catch (error) {
      warn(`reachability: imports not read, the file does not parse (${(error as Error).message})`);
      continue;
    }
    const kind = classify(file.path);
    const manifest = go ? undefined : manifestOf(file.path);
    const usesOf = new Map<number, ImportRecord['uses']>();
    for (const u of found.uses) {
      const list = usesOf.get(u.importIndex) ?? [];
      list.push({ name: u.symbol, line: u.line, snippet: u.snippet });
      usesOf.set(u.importIndex, list);
    }
    found.imports.forEach((imp, i) => {
      const notProduction: NotProduction | undefined =
        kind ?? (manifest?.devOnly.has(imp.module) ? 'devDependency' : undefined);
      add(go ? index.go : index.npm, imp.module, {
        path: file.path,
        line: imp.line,
        snippet: imp.snippet,
        importPath: imp.specifier,
        ...(notProduction ? { notProduction } : {}),
        uses: usesOf.get(i) ?? [],
      });
    });
  }
  return index;
}
