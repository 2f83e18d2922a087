import { LineCounter, parseAllDocuments, isMap, isPair, isScalar, visit, type Document } from 'yaml';
import type { ExtractContext, LockfileExtractor, LockfileInventory, PackageSourceKind } from '../types.ts';
import { LockfileError } from '../types.ts';
import { buildInventory, declaredFrom, undependedRoot, type GraphNode, type GraphRoot } from './graph.ts';
import { readSiblingPackageJson } from './manifest.ts';
import { gitRef } from './npm-kind.ts';
import { basenameOf, entriesOf, isObject, rootNameFor, siblingPath, str, type JsonObject } from './text.ts';

/** YAML aliases are legal in a lockfile but pnpm never writes many; this stops "billion laughs". */
const MAX_ALIASES = 100;

type Major = 5 | 6 | 9;

/** pnpm writes flow collections one or two deep (`resolution: {integrity: …}`); far deeper is hostile. */
const MAX_FLOW_DEPTH = 64;

/**
 * Refuse deeply nested flow collections before the YAML parser recurses into them (it survives,
 * but slowly). Quoted scalars and comments are skipped, so brackets inside them do not count.
 */
function assertShallow(path: string, text: string): void {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end === -1) return;
      for (let j = i + 1; j < end; j++) if (text[j] === '\n') line++;
      i = end;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const nl = text.indexOf('\n', i);
      if (nl === -1) return;
      i = nl - 1;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_DEPTH)
        throw new LockfileError(path, `collections nested deeper than ${MAX_FLOW_DEPTH}`, line);
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
}

/** `/@s/n@1.0.0(peer@1)` / `/n/1.0.0_peer@1` / `n@1.0.0(peer)` → name and version, peers stripped. */
function parseKey(raw: string, major: Major): { name: string; version: string } | undefined {
  let key = raw.startsWith('/') ? raw.slice(1) : raw;
  // `registry.npmjs.org/foo/1.1.0`, `example.com/foo/1.2.0`: a registry host before the name
  if (!raw.startsWith('/') && /^[\w-]+(\.[\w-]+)+\//.test(key)) key = key.slice(key.indexOf('/') + 1);
  if (major === 5) {
    const slash = key.lastIndexOf('/');
    if (slash <= 0) return undefined;
    const version = key.slice(slash + 1).split('_')[0] ?? '';
    return { name: key.slice(0, slash), version };
  }
  const paren = key.indexOf('(');
  if (paren !== -1) key = key.slice(0, paren);
  const at = key.indexOf('@', 1);
  if (at === -1) return undefined;
  return { name: key.slice(0, at), version: key.slice(at + 1) };
}

function kindOf(entry: JsonObject, rawKey: string, version: string): PackageSourceKind {
  const res = isObject(entry.resolution) ? entry.resolution : {};
  const tarball = str(res.tarball) ?? '';
  if (
    res.type === 'git' ||
    str(res.repo) ||
    /codeload\.|github\.com\/|gitlab\.com\/|bitbucket\.org\//.test(rawKey)
  )
    return 'git';
  if (res.type === 'directory' || str(res.directory)) return 'link';
  if (tarball.startsWith('file:') || rawKey.includes('file:') || version.startsWith('file:')) return 'file';
  if (version.startsWith('link:')) return 'link';
  return 'registry';
}

/**
 * Refuse a mapping key that is not a plain scalar (`? [a]`, `? *anchor`) before `toJS`: it turns
 * such a key into a string by printing its subtree, again at every level of nesting, so a 512-byte
 * file of `? ? ? …` took 17 s and a little more takes minutes. pnpm only writes scalar keys.
 */
function assertScalarKeys(path: string, doc: Document, lines: LineCounter): void {
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || pair.key === null || isScalar(pair.key)) return;
      const at = (pair.key as { range?: [number, number, number] }).range?.[0];
      throw new LockfileError(
        path,
        'a mapping key that is a collection or an alias (pnpm writes only plain keys)',
        at === undefined ? undefined : lines.linePos(at).line,
      );
    },
  });
}

function yamlError(path: string, doc: Document, lines: LineCounter): never {
  const err = doc.errors[0];
  const line = err?.linePos?.[0]?.line ?? (err ? lines.linePos(err.pos[0]).line : undefined);
  throw new LockfileError(path, `not valid YAML: ${(err?.message ?? 'parse error').split('\n')[0]}`, line);
}

/** Line of each key of a top-level mapping (`packages:` / `snapshots:`). */
function keyLines(doc: Document, section: string, lines: LineCounter): Map<string, number> {
  const out = new Map<string, number>();
  const map = doc.get(section, true);
  if (!isMap(map)) return out;
  for (const item of map.items) {
    if (isScalar(item.key) && item.key.range)
      out.set(String(item.key.value), lines.linePos(item.key.range[0]).line);
  }
  return out;
}

interface Importer {
  dir: string;
  deps: [string, string, 'prod' | 'dev'][];
  specifiers: Map<string, string>;
}

function importersOf(lock: JsonObject, major: Major): Importer[] {
  const read = (imp: JsonObject, dir: string): Importer => {
    const deps: Importer['deps'] = [];
    const specifiers = new Map<string, string>();
    for (const [field, group] of [
      ['dependencies', 'prod'],
      ['optionalDependencies', 'prod'],
      ['devDependencies', 'dev'],
    ] as const) {
      for (const [name, v] of entriesOf(imp[field])) {
        // v5: `name: ref` with ranges in `specifiers`; v6+: `name: { specifier, version }`
        const ref = isObject(v) ? str(v.version) : str(v);
        if (ref === undefined) continue;
        deps.push([name, ref, group]);
        const spec = isObject(v) ? str(v.specifier) : undefined;
        if (spec !== undefined) specifiers.set(name, spec);
      }
    }
    for (const [name, v] of entriesOf(imp.specifiers)) if (typeof v === 'string') specifiers.set(name, v);
    return { dir, deps, specifiers };
  };
  if (isObject(lock.importers)) {
    return entriesOf(lock.importers).flatMap(([dir, imp]) => (isObject(imp) ? [read(imp, dir)] : []));
  }
  return major === 9 ? [] : [read(lock, '.')];
}

export const pnpmLock: LockfileExtractor = {
  format: 'pnpm-lock.yaml',
  ecosystem: 'npm',
  matches: (p) => basenameOf(p) === 'pnpm-lock.yaml',
  extract(path: string, text: string, context?: ExtractContext): LockfileInventory {
    assertShallow(path, text);
    const lineCounter = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false });
    if (!Array.isArray(docs)) throw new LockfileError(path, 'empty YAML stream', 1);
    // pnpm 9+ may put an environment lockfile first; the project's lockfile is the last document.
    const doc = docs.at(-1);
    if (!doc) {
      return buildInventory({
        path,
        format: 'pnpm-lock.yaml',
        ecosystem: 'npm',
        nodes: new Map(),
        roots: [],
      });
    }
    if (doc.errors.length > 0) yamlError(path, doc, lineCounter);
    assertScalarKeys(path, doc, lineCounter);
    let lock: unknown;
    try {
      lock = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      throw new LockfileError(path, `YAML rejected: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (lock === null || lock === undefined) lock = {};
    if (!isObject(lock)) throw new LockfileError(path, 'expected a YAML mapping at the top level', 1);
    const lv = Number.parseFloat(String(lock.lockfileVersion ?? ''));
    if (Number.isNaN(lv) && Object.keys(lock).length > 0) {
      throw new LockfileError(path, 'no lockfileVersion: not a pnpm lockfile', 1);
    }
    const major: Major = lv >= 9 ? 9 : lv >= 6 ? 6 : 5;
    const metaLines = keyLines(doc, 'packages', lineCounter);
    const snapLines = keyLines(doc, 'snapshots', lineCounter);
    // v9 splits metadata (`packages`, no peers) from the graph (`snapshots`, peer-suffixed keys).
    const graphSection = major === 9 ? lock.snapshots : lock.packages;
    const meta = new Map(entriesOf(lock.packages));
    const rawToNode = new Map<string, string>();
    const nodes = new Map<string, GraphNode>();
    const rawDeps = new Map<string, [string, string][]>();
    for (const [raw, value] of entriesOf(graphSection)) {
      const entry = isObject(value) ? value : {};
      const parsed = parseKey(raw, major);
      const metaEntry = major === 9 && parsed ? meta.get(`${parsed.name}@${parsed.version}`) : entry;
      const info = isObject(metaEntry) ? metaEntry : entry;
      const name = str(info.name) ?? parsed?.name;
      if (name === undefined) continue;
      const keyVersion = parsed?.version ?? '';
      const kind = kindOf(info, raw, keyVersion);
      const version = str(info.version) ?? (kind === 'git' ? gitRef(keyVersion) : keyVersion);
      // A key that does not end in a version (`/foo/bar`, `github.com/user/repo` without metadata) names no package.
      if (version === '' || (kind === 'registry' && !/^\d/.test(version))) continue;
      const key = `${name}@${version}`;
      rawToNode.set(raw, key);
      const deps = [...entriesOf(entry.dependencies), ...entriesOf(entry.optionalDependencies)].flatMap(
        ([d, r]): [string, string][] => (typeof r === 'string' ? [[d, r]] : []),
      );
      rawDeps.set(raw, deps);
      const existing = nodes.get(key);
      if (existing) {
        // The same package under several peer sets: one package, dev only if every copy is.
        if (existing.devHint && entry.dev !== true) existing.devHint = false;
        continue;
      }
      const node: GraphNode = { key, name, version, kind, deps: [], devHint: entry.dev === true };
      const line =
        metaLines.get(raw) ??
        (parsed ? metaLines.get(`${parsed.name}@${parsed.version}`) : undefined) ??
        snapLines.get(raw);
      if (line !== undefined) node.line = line;
      if (kind === 'git')
        node.vcsUrl = str(isObject(info.resolution) ? info.resolution.repo : undefined) ?? raw;
      nodes.set(key, node);
    }
    const importers = importersOf(lock, major);
    const importerDirs = new Set(importers.map((i) => i.dir));
    const workspaceKey = (dir: string): string => `workspace:${dir}`;
    const resolveRef = (name: string, ref: string, fromDir?: string): string | undefined => {
      if (ref.startsWith('link:')) {
        if (fromDir === undefined) return undefined;
        const target = siblingPath(`${fromDir}/x`, ref.slice(5));
        return target !== undefined && importerDirs.has(target || '.')
          ? workspaceKey(target || '.')
          : undefined;
      }
      ref = ref.replace(/^file:\.\//, 'file:');
      const candidates =
        major === 5
          ? [`/${name}/${ref}`, ref, `/${ref}`]
          : major === 6
            ? [`/${name}@${ref}`, ref, `/${ref}`]
            : [`${name}@${ref}`, ref];
      for (const c of candidates) {
        const k = rawToNode.get(c);
        if (k !== undefined) return k;
      }
      return undefined;
    };
    // Peer variants of one package add up their edges; a set keeps that linear.
    const edges = new Map<GraphNode, Set<string>>();
    for (const [raw, deps] of rawDeps) {
      const node = nodes.get(rawToNode.get(raw) as string) as GraphNode;
      let set = edges.get(node);
      if (!set) edges.set(node, (set = new Set()));
      for (const [d, r] of deps) {
        const k = resolveRef(d, r);
        if (k !== undefined) set.add(k);
      }
    }
    for (const [node, set] of edges) node.deps = [...set];
    const roots: GraphRoot[] = [];
    // The root importer's specifiers first; a dependency only a member lists takes the member's.
    const ranges: Map<string, string>[] = [];
    const rootManifest = readSiblingPackageJson(path, context);
    for (const imp of importers) {
      const manifest =
        imp.dir === '.' ? rootManifest : readSiblingPackageJson(path, context, `${imp.dir}/package.json`);
      const name = manifest?.name ?? (imp.dir === '.' ? rootNameFor(path) : basenameOf(imp.dir));
      const fromDir = imp.dir === '.' ? '' : imp.dir;
      const pick = (group: 'prod' | 'dev'): string[] =>
        imp.deps.flatMap(([d, r, g]) => (g === group ? (resolveRef(d, r, fromDir) ?? []) : []));
      const root: GraphRoot = { name, prod: pick('prod'), dev: pick('dev') };
      roots.push(root);
      if (imp.dir === '.') ranges.unshift(imp.specifiers);
      else ranges.push(imp.specifiers);
      if (imp.dir !== '.')
        nodes.set(workspaceKey(imp.dir), {
          key: workspaceKey(imp.dir),
          name,
          version: '',
          kind: 'workspace',
          deps: root.prod,
        });
    }
    if (roots.length === 0) roots.push(undependedRoot(rootManifest?.name ?? rootNameFor(path), nodes));
    return buildInventory({
      path,
      format: `pnpm-lock.yaml v${major}`,
      ecosystem: 'npm',
      nodes,
      roots,
      declared: declaredFrom(...ranges),
    });
  },
};
