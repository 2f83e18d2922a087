import type { LockfileExtractor, LockfileInventory, PackageSourceKind } from '../types.ts';
import { buildInventory, undependedRoot, type GraphNode, type GraphRoot } from './graph.ts';
import { normalizePypiName } from './python.ts';
import { basenameOf, entriesOf, isObject, pushTo, rootNameFor, str, type JsonObject } from './text.ts';
import { packageTables } from './toml.ts';

function sourceKind(source: JsonObject): PackageSourceKind {
  if (str(source.git)) return 'git';
  if (str(source.editable) !== undefined || str(source.virtual) !== undefined) return 'workspace';
  if (str(source.path) !== undefined || str(source.directory) !== undefined) return 'file';
  return 'registry';
}

/** `[{ name, version? }]` dependency lists → names (and versions when uv had to disambiguate). */
function depList(v: unknown): { name: string; version?: string }[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((d) => {
    if (!isObject(d) || !str(d.name)) return [];
    const version = str(d.version);
    return [
      version
        ? { name: normalizePypiName(d.name as string), version }
        : { name: normalizePypiName(d.name as string) },
    ];
  });
}

export const uvLock: LockfileExtractor = {
  format: 'uv.lock',
  ecosystem: 'PyPI',
  matches: (p) => basenameOf(p) === 'uv.lock',
  extract(path: string, text: string): LockfileInventory {
    const { tables } = packageTables(path, text);
    const nodes = new Map<string, GraphNode>();
    const byName = new Map<string, string[]>();
    const pending: {
      key: string;
      isProject: boolean;
      prod: ReturnType<typeof depList>;
      dev: ReturnType<typeof depList>;
    }[] = [];
    const roots: GraphRoot[] = [];
    for (const { table: p, line } of tables) {
      if (!str(p.name)) continue;
      const name = normalizePypiName(p.name as string);
      const source = isObject(p.source) ? p.source : {};
      const kind = sourceKind(source);
      const version = str(p.version) ?? '';
      const key = `${name}@${version}`;
      const prod = [
        ...depList(p.dependencies),
        ...entriesOf(p['optional-dependencies']).flatMap(([, l]) => depList(l)),
      ];
      const dev = entriesOf(p['dev-dependencies']).flatMap(([, l]) => depList(l));
      // The project itself is `{ editable = "." }` or `{ virtual = "." }`: a root, not a package.
      pending.push({ key, isProject: source.editable === '.' || source.virtual === '.', prod, dev });
      pushTo(byName, name, key);
      const node: GraphNode = { key, name, version, kind, deps: [] };
      if (line !== undefined) node.line = line;
      if (kind === 'git') node.vcsUrl = str(source.git) as string;
      nodes.set(key, node);
    }
    const resolve = (d: { name: string; version?: string }): string[] => {
      const keys = byName.get(d.name) ?? [];
      const exact = d.version ? keys.find((k) => k === `${d.name}@${d.version}`) : undefined;
      return exact ? [exact] : keys.slice(0, 1);
    };
    for (const { key, isProject, prod, dev } of pending) {
      const node = nodes.get(key) as GraphNode;
      node.deps = prod.flatMap(resolve);
      // The project and each workspace member are root manifests with their own dev groups.
      if (node.kind === 'workspace')
        roots.push({ name: node.name, prod: node.deps, dev: dev.flatMap(resolve) });
      if (isProject) nodes.delete(key);
    }
    if (roots.length === 0) roots.push(undependedRoot(rootNameFor(path), nodes));
    return buildInventory({ path, format: 'uv.lock', ecosystem: 'PyPI', nodes, roots });
  },
};
