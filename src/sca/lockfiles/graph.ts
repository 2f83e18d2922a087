import { purlFor } from '../purl.ts';
import type { Ecosystem, LockfileInventory, Package, PackageSourceKind } from '../types.ts';

/** One resolved package in a lockfile, keyed by something unique in that lockfile (install path, `name@version`). */
export interface GraphNode {
  key: string;
  name: string;
  version: string;
  kind: PackageSourceKind;
  alias?: string;
  line?: number;
  /** Keys of the nodes this one depends on (already resolved by the extractor). */
  deps: string[];
  /** The lockfile's own dev flag, used only when the node is not reachable from any root. */
  devHint?: boolean;
  /** Where a git dependency came from, for its PURL. */
  vcsUrl?: string;
  /** The licence the lockfile records for the package. */
  license?: string;
}

/** A root manifest (the project, or a workspace member) and the keys of its direct dependencies. */
export interface GraphRoot {
  name: string;
  prod: string[];
  dev: string[];
}

export interface GraphInput {
  path: string;
  format: string;
  ecosystem: Ecosystem;
  nodes: Map<string, GraphNode>;
  roots: GraphRoot[];
  declared?: Record<string, string>;
  notes?: { message: string; line?: number }[];
}

interface Visit {
  /** Previous node key, or the root's name for a direct dependency. */
  from: string | null;
  root: string;
}

/**
 * Breadth-first search from the roots' production dependencies, then from their dev dependencies:
 * a package reachable from a production root is production; every package gets its shortest path.
 */
function bfs(
  nodes: Map<string, GraphNode>,
  starts: { root: string; key: string }[],
  seen: Map<string, Visit>,
): Set<string> {
  const reached = new Set<string>();
  const queue: string[] = [];
  for (const { root, key } of starts) {
    // Nodes seen by an earlier pass (production) keep their path; everything below them is theirs.
    if (!nodes.has(key) || seen.has(key)) continue;
    seen.set(key, { from: null, root });
    reached.add(key);
    queue.push(key);
  }
  for (let head = 0; head < queue.length; head++) {
    const key = queue[head] as string;
    const visit = seen.get(key) as Visit;
    for (const dep of nodes.get(key)?.deps ?? []) {
      if (!nodes.has(dep) || seen.has(dep)) continue;
      seen.set(dep, { from: key, root: visit.root });
      reached.add(dep);
      queue.push(dep);
    }
  }
  return reached;
}

/**
 * Real dependency chains are a dozen deep; a hostile lockfile can make one as long as it has
 * packages, and writing every package's full path would then be quadratic. Longer paths keep their
 * root and the last hops, with `…` between.
 */
export const MAX_PATH_HOPS = 32;

function pathTo(key: string, nodes: Map<string, GraphNode>, seen: Map<string, Visit>): string[] {
  const names: string[] = [];
  let cur: string | null = key;
  const root = (seen.get(key) as Visit).root;
  for (let i = 0; cur !== null && i < MAX_PATH_HOPS; i++) {
    const node = nodes.get(cur) as GraphNode;
    names.push(node.alias ? `${node.alias} (${node.name})` : node.name);
    cur = (seen.get(cur) as Visit).from;
  }
  if (cur !== null) names.push('…');
  names.push(root);
  return names.reverse();
}

/** Turns a resolved dependency graph into the inventory every extractor returns. */
export function buildInventory(input: GraphInput): LockfileInventory {
  const { nodes, roots } = input;
  const seen = new Map<string, Visit>();
  const prod = bfs(
    nodes,
    roots.flatMap((r) => r.prod.map((key) => ({ root: r.name, key }))),
    seen,
  );
  bfs(
    nodes,
    roots.flatMap((r) => r.dev.map((key) => ({ root: r.name, key }))),
    seen,
  );
  const direct = new Set(roots.flatMap((r) => [...r.prod, ...r.dev]));
  for (const node of nodes.values()) {
    if (node.kind === 'workspace') for (const d of node.deps) direct.add(d);
  }
  const purls = new Map<string, string>();
  for (const node of nodes.values()) {
    purls.set(
      node.key,
      purlFor(input.ecosystem, node.name, node.version, node.vcsUrl ? { vcsUrl: node.vcsUrl } : {}),
    );
  }
  const packages: Package[] = [];
  for (const node of nodes.values()) {
    const reachable = seen.has(node.key);
    const dependsOn = [...new Set(node.deps.flatMap((d) => purls.get(d) ?? []))];
    const pkg: Package = {
      ecosystem: input.ecosystem,
      name: node.name,
      version: node.version,
      kind: node.kind,
      direct: direct.has(node.key),
      dev: reachable ? !prod.has(node.key) : (node.devHint ?? false),
      // An orphan (extraneous) package has no path from a root: its path is itself.
      paths: [reachable ? pathTo(node.key, nodes, seen) : [node.name]],
      source: input.path,
      purl: purls.get(node.key) as string,
    };
    if (node.line !== undefined) pkg.line = node.line;
    if (node.alias !== undefined) pkg.alias = node.alias;
    if (node.license !== undefined) {
      pkg.license = node.license;
      pkg.licenseSource = 'lockfile';
    }
    if (dependsOn.length > 0) pkg.dependsOn = dependsOn;
    packages.push(pkg);
  }
  const inv: LockfileInventory = {
    path: input.path,
    format: input.format,
    ecosystem: input.ecosystem,
    packages,
    roots: roots.map((r) => r.name),
  };
  if (input.declared && Object.keys(input.declared).length > 0) inv.declared = input.declared;
  if (input.notes && input.notes.length > 0) inv.notes = input.notes;
  return inv;
}

/** Declared ranges as a plain record; `Object.fromEntries` defines own properties, so `__proto__` stays data. */
export function declaredFrom(...maps: Map<string, string>[]): Record<string, string> {
  const out = new Map<string, string>();
  for (const m of maps) for (const [k, v] of m) if (!out.has(k)) out.set(k, v);
  return Object.fromEntries(out);
}

/**
 * When a lockfile does not say which packages the project itself lists (no sibling manifest),
 * the packages nothing else depends on are taken as its direct dependencies.
 */
export function undependedRoot(name: string, nodes: Map<string, GraphNode>): GraphRoot {
  const depended = new Set<string>();
  for (const n of nodes.values()) for (const d of n.deps) if (d !== n.key) depended.add(d);
  const root: GraphRoot = { name, prod: [], dev: [] };
  for (const n of nodes.values()) {
    if (depended.has(n.key)) continue;
    (n.devHint ? root.dev : root.prod).push(n.key);
  }
  return root;
}

/**
 * The root from the manifest beside the lockfile (its direct dependencies found by name), or,
 * when there is none or it lists nothing, the packages nothing else depends on.
 */
export function manifestRoot(
  name: string,
  manifest: { prod: Map<string, string>; dev: Map<string, string> } | undefined,
  keyOf: (dep: string) => string | undefined,
  nodes: Map<string, GraphNode>,
): GraphRoot {
  if (!manifest || manifest.prod.size + manifest.dev.size === 0) return undependedRoot(name, nodes);
  const keys = (m: Map<string, string>): string[] => [...m.keys()].flatMap((d) => keyOf(d) ?? []);
  return { name, prod: keys(manifest.prod), dev: keys(manifest.dev) };
}
