import type { ExtractContext, LockfileExtractor, LockfileInventory, PackageSourceKind } from '../types.ts';
import { LockfileError } from '../types.ts';
import { buildInventory, declaredFrom, undependedRoot, type GraphNode, type GraphRoot } from './graph.ts';
import {
  manifestFromObject,
  readSiblingPackageJson,
  workspaceMatcher,
  type NpmManifest,
} from './manifest.ts';
import { gitRef, npmSourceKind, parseNpmAlias } from './npm-kind.ts';
import { declaredLicense } from '../licenses/declared.ts';
import {
  basenameOf,
  dirnameOf,
  entriesOf,
  isObject,
  JsonKeyLines,
  parseJsonObject,
  rootNameFor,
  str,
  stringMap,
  type JsonObject,
} from './text.ts';

/** v1 nests `dependencies` as deep as node_modules goes; real trees stay far below this. */
const MAX_V1_DEPTH = 200;
const NM = 'node_modules/';

/**
 * Node's module resolution over install paths: a dependency of `node_modules/a` is
 * `node_modules/a/node_modules/b` if installed there, else looked for up the folders.
 * Built once per lockfile so resolving each edge is a couple of map lookups.
 */
class InstallTree {
  /** Folder → (package name → install key) of what its node_modules holds. */
  private readonly children = new Map<string, Map<string, string>>();
  /** Folders whose node_modules a key sees, nearest first (memoised per key). */
  private readonly chains = new Map<string, string[]>();

  constructor(keys: Iterable<string>) {
    for (const key of keys) {
      const at = key.lastIndexOf(NM);
      if (at === -1 || (at > 0 && key[at - 1] !== '/')) continue;
      const dir = at === 0 ? '' : key.slice(0, at - 1);
      let names = this.children.get(dir);
      if (!names) this.children.set(dir, (names = new Map()));
      names.set(key.slice(at + NM.length), key);
    }
  }

  resolve(from: string, dep: string): string | undefined {
    for (const dir of this.chain(from)) {
      const key = this.children.get(dir)?.get(dep);
      if (key !== undefined) return key;
    }
    return undefined;
  }

  private chain(from: string): string[] {
    let chain = this.chains.get(from);
    if (chain) return chain;
    chain = [];
    for (let dir = from; ; dir = dirnameOf(dir)) {
      if (this.children.has(dir) && basenameOf(dir) !== 'node_modules') chain.push(dir);
      if (dir === '') break;
    }
    this.chains.set(from, chain);
    return chain;
  }
}

/** Absolute, `..` or backslash install paths: a lockfile pointing outside the project. */
function isHostilePath(key: string): boolean {
  return /^\/|(^|\/)\.\.(\/|$)|\\/.test(key);
}

/** A lockfile entry before its dependency names are resolved to install paths. */
interface Entry extends Omit<GraphNode, 'deps'> {
  prodDeps: string[];
  devDeps: string[];
}

function kindOf(version: string, resolved: string): PackageSourceKind {
  return (
    npmSourceKind(version) ??
    (resolved.startsWith('git+') || resolved.startsWith('file:')
      ? (npmSourceKind(resolved) ?? 'registry')
      : 'registry')
  );
}

function toGraph(
  path: string,
  format: string,
  entries: Map<string, Entry>,
  links: Map<string, string>,
  root: { name: string; prod?: string[]; dev?: string[] },
  declared: Record<string, string> | undefined,
  notes: { message: string; line?: number }[],
): LockfileInventory {
  const tree = new InstallTree([...entries.keys(), ...links.keys()]);
  const resolveAll = (from: string, names: string[]): string[] => {
    const out: string[] = [];
    for (const n of names) {
      const k = tree.resolve(from, n);
      if (k !== undefined) out.push(links.get(k) ?? k);
    }
    return out;
  };
  const nodes = new Map<string, GraphNode>();
  const roots: GraphRoot[] = [];
  for (const { prodDeps, devDeps, ...e } of entries.values()) {
    const node: GraphNode = { ...e, deps: resolveAll(e.key, prodDeps) };
    nodes.set(e.key, node);
    // A workspace member is a root manifest of its own; its dev dependencies stay dev.
    if (e.kind === 'workspace')
      roots.push({ name: e.name, prod: node.deps, dev: resolveAll(e.key, devDeps) });
  }
  roots.unshift(
    root.prod && root.dev
      ? { name: root.name, prod: resolveAll('', root.prod), dev: resolveAll('', root.dev) }
      : undependedRoot(root.name, nodes),
  );
  return buildInventory({ path, format, ecosystem: 'npm', nodes, roots, declared, notes });
}

/** v2 and v3: `packages` keyed by install path. */
function fromPackages(path: string, text: string, doc: JsonObject, packages: JsonObject): LockfileInventory {
  const lines = new JsonKeyLines(text);
  const entries = new Map<string, Entry>();
  const links = new Map<string, string>();
  const notes: { message: string; line?: number }[] = [];
  const memberRanges: Map<string, string>[] = [];
  const rootValue = packages[''];
  const rootEntry = isObject(rootValue) ? rootValue : undefined;
  const isWorkspace = workspaceMatcher(rootEntry ? manifestFromObject(rootEntry).workspaces : []);
  for (const [key, value] of Object.entries(packages)) {
    if (key === '') continue;
    const line = lines.lineOf(key);
    if (!isObject(value)) continue;
    if (isHostilePath(key)) {
      notes.push({
        message: `skipped install path outside the project: ${JSON.stringify(key).slice(0, 200)}`,
        line,
      });
      continue;
    }
    if (value.link === true) {
      const to = str(value.resolved);
      if (to !== undefined && !isHostilePath(to)) links.set(key, to);
      continue;
    }
    const nm = key.lastIndexOf(NM);
    const pathName = key.startsWith(NM) || key.includes('/' + NM) ? key.slice(nm + NM.length) : undefined;
    const version = str(value.version) ?? '';
    const resolved = str(value.resolved) ?? '';
    let kind: PackageSourceKind =
      pathName === undefined ? (isWorkspace(key) ? 'workspace' : 'file') : kindOf(version, resolved);
    const declaredName = str(value.name);
    const name = declaredName ?? pathName ?? basenameOf(key);
    let alias: string | undefined;
    if (pathName !== undefined && declaredName !== undefined && declaredName !== pathName) {
      alias = pathName;
      if (kind === 'registry') kind = 'alias';
    }
    const entry: Entry = {
      key,
      name,
      version:
        kind === 'git' && (version === '' || npmSourceKind(version) === 'git')
          ? gitRef(version || resolved)
          : version,
      kind,
      prodDeps: [
        ...stringMap(value.dependencies).keys(),
        ...stringMap(value.optionalDependencies).keys(),
        ...stringMap(value.peerDependencies).keys(),
      ],
      devDeps: kind === 'workspace' ? [...stringMap(value.devDependencies).keys()] : [],
      devHint: value.dev === true,
    };
    if (line !== undefined) entry.line = line;
    if (alias !== undefined) entry.alias = alias;
    if (kind === 'git') entry.vcsUrl = resolved || version;
    const license = declaredLicense(value);
    if (license !== undefined) entry.license = license;
    entries.set(key, entry);
    if (kind === 'workspace') {
      const member = manifestFromObject(value);
      memberRanges.push(member.prod, member.dev);
    }
  }
  const manifest = rootEntry ? manifestFromObject(rootEntry) : undefined;
  const root = rootOf(path, doc, manifest);
  // The root's ranges first; a dependency only a workspace member lists takes the member's.
  const declared = declaredFrom(...(manifest ? [manifest.prod, manifest.dev] : []), ...memberRanges);
  return toGraph(
    path,
    `package-lock v${String(doc.lockfileVersion ?? 2)}`,
    entries,
    links,
    root,
    declared,
    notes,
  );
}

/** v1: nested `dependencies`, turned into the install paths they stand for. */
function fromDependencies(
  path: string,
  text: string,
  doc: JsonObject,
  manifest: NpmManifest | undefined,
): LockfileInventory {
  const lines = new JsonKeyLines(text);
  const entries = new Map<string, Entry>();
  const walk = (deps: unknown, parent: string, depth: number): void => {
    if (depth > MAX_V1_DEPTH)
      throw new LockfileError(path, `dependencies nested deeper than ${MAX_V1_DEPTH} levels`);
    for (const [name, value] of entriesOf(deps)) {
      const line = lines.lineOf(name);
      if (!isObject(value)) continue;
      if (isHostilePath(name)) continue;
      const key = parent === '' ? NM + name : `${parent}/${NM}${name}`;
      const raw = str(value.version) ?? '';
      const aliased = parseNpmAlias(raw);
      const resolved = str(value.resolved) ?? '';
      const kind = kindOf(raw, resolved);
      const entry: Entry = {
        key,
        name: aliased?.name ?? name,
        version: aliased ? aliased.range : kind === 'git' ? gitRef(raw) : raw,
        kind,
        prodDeps: [...stringMap(value.requires).keys()],
        devDeps: [],
        devHint: value.dev === true,
      };
      if (line !== undefined) entry.line = line;
      if (aliased) entry.alias = name;
      if (kind === 'git') entry.vcsUrl = raw;
      entries.set(key, entry);
      walk(value.dependencies, key, depth + 1);
    }
  };
  walk(doc.dependencies, '', 0);
  const declared = manifest ? declaredFrom(manifest.prod, manifest.dev) : undefined;
  return toGraph(path, 'package-lock v1', entries, new Map(), rootOf(path, doc, manifest), declared, []);
}

function rootOf(
  path: string,
  doc: JsonObject,
  manifest: NpmManifest | undefined,
): { name: string; prod?: string[]; dev?: string[] } {
  const name = manifest?.name ?? str(doc.name) ?? rootNameFor(path);
  // A root entry listing nothing (hand-trimmed or generated lockfiles) says nothing about what is direct.
  return manifest && manifest.prod.size + manifest.dev.size > 0
    ? { name, prod: [...manifest.prod.keys()], dev: [...manifest.dev.keys()] }
    : { name };
}

export const packageLock: LockfileExtractor = {
  format: 'package-lock',
  ecosystem: 'npm',
  matches: (p) => ['package-lock.json', 'npm-shrinkwrap.json'].includes(basenameOf(p)),
  extract(path: string, text: string, context?: ExtractContext): LockfileInventory {
    const doc = parseJsonObject(path, text);
    if (isObject(doc.packages)) return fromPackages(path, text, doc, doc.packages);
    if (doc.dependencies !== undefined && !isObject(doc.dependencies)) {
      throw new LockfileError(path, '"dependencies" is not an object');
    }
    if (doc.dependencies === undefined && doc.lockfileVersion === undefined) {
      throw new LockfileError(
        path,
        'no "packages", "dependencies" or "lockfileVersion": not a package-lock',
        1,
      );
    }
    return fromDependencies(path, text, doc, readSiblingPackageJson(path, context));
  },
};
