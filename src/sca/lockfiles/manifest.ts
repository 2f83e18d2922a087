import type { ExtractContext } from '../types.ts';
import { dirnameOf, isObject, siblingPath, stringMap, str } from './text.ts';
import { globMatcher } from '../../core/glob.ts';

/** The parts of a package.json that say what the project depends on. */
export interface NpmManifest {
  name?: string;
  prod: Map<string, string>;
  dev: Map<string, string>;
  /** `workspaces` globs (npm/Yarn array, or Yarn's `{ packages: [...] }`). */
  workspaces: string[];
}

/** A file beside the lockfile (`rel` to its folder), when the walker accepted it. */
export function readSibling(
  lockfilePath: string,
  rel: string,
  context: ExtractContext | undefined,
): string | undefined {
  const p = siblingPath(lockfilePath, rel);
  return p === undefined ? undefined : context?.readFile(p);
}

/** The package.json beside a lockfile, if the walker saw one and it parses; otherwise undefined. */
export function readSiblingPackageJson(
  lockfilePath: string,
  context: ExtractContext | undefined,
  rel = 'package.json',
): NpmManifest | undefined {
  const text = readSibling(lockfilePath, rel, context);
  if (text === undefined) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(doc)) return undefined;
  return manifestFromObject(doc);
}

export function manifestFromObject(doc: Record<string, unknown>): NpmManifest {
  const prod = new Map([
    ...stringMap(doc.peerDependencies),
    ...stringMap(doc.optionalDependencies),
    ...stringMap(doc.dependencies),
  ]);
  const ws = doc.workspaces;
  const list = Array.isArray(ws) ? ws : isObject(ws) && Array.isArray(ws.packages) ? ws.packages : [];
  const workspaces = list.filter((g): g is string => typeof g === 'string').slice(0, 1000);
  const m: NpmManifest = { prod, dev: stringMap(doc.devDependencies), workspaces };
  const name = str(doc.name);
  if (name) m.name = name;
  return m;
}

/** Workspace globs as a predicate on folder paths relative to the manifest's folder. */
export function workspaceMatcher(globs: readonly string[]): (dir: string) => boolean {
  const clean = globs.map((g) => g.replace(/^\.\//, '').replace(/\/$/, '')).filter((g) => g !== '');
  if (clean.length === 0) return () => false;
  return globMatcher(clean);
}

/** Folders (relative to the lockfile's) of the workspace members whose package.json the walker saw. */
export function workspaceMemberDirs(
  lockfilePath: string,
  globs: readonly string[],
  context: ExtractContext | undefined,
): string[] {
  const base = dirnameOf(lockfilePath);
  const prefix = base === '' ? '' : `${base}/`;
  const match = workspaceMatcher(globs);
  const dirs: string[] = [];
  for (const f of context?.files ?? []) {
    if (!f.startsWith(prefix) || !f.endsWith('/package.json')) continue;
    const dir = dirnameOf(f.slice(prefix.length));
    if (dir !== '' && match(dir)) dirs.push(dir);
  }
  return dirs.sort();
}
