import type { LockfileExtractor, LockfileInventory, PackageSourceKind } from '../types.ts';
import { buildInventory, undependedRoot, type GraphNode, type GraphRoot } from './graph.ts';
import { basenameOf, pushTo, rootNameFor, str } from './text.ts';
import { packageTables } from './toml.ts';

function kindOf(source: string | undefined): PackageSourceKind {
  if (source === undefined) return 'workspace';
  if (source.startsWith('git+')) return 'git';
  if (source.startsWith('path+')) return 'file';
  return 'registry';
}

export const cargoLock: LockfileExtractor = {
  format: 'Cargo.lock',
  ecosystem: 'crates.io',
  matches: (p) => basenameOf(p) === 'Cargo.lock',
  extract(path: string, text: string): LockfileInventory {
    const { tables } = packageTables(path, text);
    const nodes = new Map<string, GraphNode>();
    const byName = new Map<string, string[]>();
    const deps = new Map<string, string[]>();
    for (const { table: p, line } of tables) {
      const name = str(p.name);
      const version = str(p.version);
      if (!name || version === undefined) continue;
      const source = str(p.source);
      const key = `${name} ${version} ${source ?? ''}`;
      const node: GraphNode = { key, name, version, kind: kindOf(source), deps: [] };
      if (line !== undefined) node.line = line;
      if (node.kind === 'git') node.vcsUrl = (source as string).slice(4);
      nodes.set(key, node);
      pushTo(byName, name, key);
      deps.set(
        key,
        Array.isArray(p.dependencies) ? p.dependencies.filter((d): d is string => typeof d === 'string') : [],
      );
    }
    // Entries are `name`, `name version` or `name version (source)`, as ambiguity requires.
    const resolve = (dep: string): string | undefined => {
      const [name, version, source] = dep.split(' ');
      const keys = byName.get(name ?? '') ?? [];
      if (version === undefined) return keys[0];
      const src = source?.replace(/^\(|\)$/g, '');
      return keys.find((k) => {
        const n = nodes.get(k) as GraphNode;
        return n.version === version && (src === undefined || k.endsWith(` ${src}`));
      });
    };
    for (const [key, list] of deps)
      (nodes.get(key) as GraphNode).deps = list.flatMap((d) => resolve(d) ?? []);
    // Crates without a source are the workspace's own: each is a root manifest.
    const roots: GraphRoot[] = [...nodes.values()]
      .filter((n) => n.kind === 'workspace')
      .map((n) => ({ name: n.name, prod: n.deps, dev: [] }));
    if (roots.length === 0) roots.push(undependedRoot(rootNameFor(path), nodes));
    return buildInventory({ path, format: 'Cargo.lock', ecosystem: 'crates.io', nodes, roots });
  },
};
