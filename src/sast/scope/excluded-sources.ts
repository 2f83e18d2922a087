import { posix } from 'node:path';
import { type DraftFinding, lowPrecision } from '../../core/finding.ts';
import { isTestFile } from '../test-files.ts';
import type { ImportGraph } from '../workers/graph.ts';
import { parseJsonc } from './path-aliases.ts';
import { globMatcher } from '../../core/glob.ts';

/**
 * TypeScript files the project's own tsconfig.json leaves out of its program (`"exclude":
 * ["data/static/codefixes/**"]`) and that no file of the scan imports: snippets shown to users,
 * examples, scratch files. The compiler never builds them, so nothing runs them as the project's
 * code; their findings are worth a look, not a gate (medium). A config elsewhere in the tree that
 * names the file in its own `include` or `files` (tsconfig.scripts.json) takes it back in, as does
 * an import (TypeScript compiles an excluded file that an included one imports).
 */

const TS_FILE = /\.(?:[cm]?ts|tsx)$/;
const MAX_EXTENDS = 8;

/** A config's file lists, each relative to the folder of the config that wrote it. */
interface FileLists {
  exclude?: Patterns;
  include?: Patterns;
  files?: Patterns;
}

interface Patterns {
  dir: string;
  globs: string[];
  /** Is a path relative to `dir` one the globs name? */
  match: (relative: string) => boolean;
}

const EXCLUDED_PRECISION = 'medium';

/** The scanned TypeScript files in `paths` that the tree's tsconfig files leave out (see above). */
export function excludedFromProgram(
  configs: ReadonlyMap<string, string>,
  paths: Iterable<string>,
  graph: ImportGraph,
): Set<string> {
  const lists = new Map<string, FileLists>();
  const listsOf = (path: string, depth: number): FileLists => {
    const known = lists.get(path);
    if (known) return known;
    const text = configs.get(path);
    const config = text === undefined ? undefined : parseJsonc(text);
    const own: FileLists = {};
    if (config && !(config instanceof Error)) {
      const dir = dirOf(path);
      // TypeScript inherits each list from `extends` unless the config writes its own.
      if (depth < MAX_EXTENDS)
        for (const parent of extendsOf(config))
          Object.assign(own, listsOf(parentPath(dir, parent), depth + 1));
      for (const key of ['exclude', 'include', 'files'] as const) {
        const value = config[key];
        if (Array.isArray(value)) {
          const globs = value.filter((p): p is string => typeof p === 'string').map(relativeGlob);
          own[key] = { dir, globs, match: globMatcher(globs) };
        }
      }
    }
    lists.set(path, own);
    return own;
  };
  const governing = [...configs.keys()]
    .filter((p) => posix.basename(p) === 'tsconfig.json' && !isTestFile(p) && !p.includes('node_modules/'))
    .sort((a, b) => b.length - a.length);
  const others = [...configs.keys()].filter((p) => /^tsconfig\.[\w.-]+\.json$/.test(posix.basename(p)));
  const out = new Set<string>();
  for (const path of paths) {
    if (!TS_FILE.test(path) || path.endsWith('.d.ts') || graph.importedBy.get(path)?.size) continue;
    const config = governing.find((c) => under(dirOf(c), path));
    const exclude = config && listsOf(config, 0).exclude;
    if (!exclude || !matchesAny(exclude, path)) continue;
    const takenBack = others.some((c) => {
      if (!under(dirOf(c), path)) return false;
      const l = listsOf(c, 0);
      const named = (l.include && matchesAny(l.include, path)) || (l.files && listed(l.files, path));
      return named && !(l.exclude && matchesAny(l.exclude, path));
    });
    if (!takenBack) out.add(path);
  }
  return out;
}

/** Findings in files left out of the program (excludedFromProgram) at medium, saying why. */
export function lowerExcludedFiles<F extends DraftFinding>(
  findings: F[],
  excluded: ReadonlySet<string>,
): F[] {
  if (excluded.size === 0) return findings;
  return findings.map((f) =>
    // A committed secret is exposed whether or not the file is compiled.
    f.kind === 'sast' && excluded.has(f.location.path) && !lowPrecision(f)
      ? {
          ...f,
          precision: EXCLUDED_PRECISION,
          message: `${f.message} The project's tsconfig.json excludes this file and no file imports it: it is not compiled as part of the program.`,
        }
      : f,
  );
}

function dirOf(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
}

function under(dir: string, path: string): boolean {
  return dir === '' || path.startsWith(dir + '/');
}

function parentPath(dir: string, parent: string): string {
  const target = posix.normalize(posix.join(dir, parent));
  return target.endsWith('.json') ? target : `${target}.json`;
}

function extendsOf(config: Record<string, unknown>): string[] {
  const e = config.extends;
  const all = typeof e === 'string' ? [e] : Array.isArray(e) ? e : [];
  // A config published as a package lists no files of this tree.
  return all.filter((x): x is string => typeof x === 'string' && x.startsWith('.'));
}

/** A tsconfig glob as the matcher reads it: no leading `./`, no empty segment. */
function relativeGlob(pattern: string): string {
  return pattern
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

/** Does a glob match the file or a folder above it (`dist` covers `dist/a.ts`, as in tsconfig)? */
function matchesAny(lists: Patterns, path: string): boolean {
  if (!under(lists.dir, path)) return false;
  const parts = (lists.dir ? path.slice(lists.dir.length + 1) : path).split('/');
  for (let end = parts.length; end > 0; end--) if (lists.match(parts.slice(0, end).join('/'))) return true;
  return false;
}

function listed(lists: Patterns, path: string): boolean {
  return lists.globs.some((g) => posix.join(lists.dir, g) === path);
}
