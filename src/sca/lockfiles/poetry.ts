import type { ExtractContext, LockfileExtractor, LockfileInventory, PackageSourceKind } from '../types.ts';
import { buildInventory, declaredFrom, manifestRoot, type GraphNode } from './graph.ts';
import { readSibling } from './manifest.ts';
import { normalizePypiName, pep508Name } from './python.ts';
import { basenameOf, entriesOf, isObject, rootNameFor, str, type JsonObject } from './text.ts';
import { packageTables, tryToml } from './toml.ts';

function sourceKind(source: unknown): PackageSourceKind {
  const type = isObject(source) ? str(source.type) : undefined;
  if (type === 'git') return 'git';
  if (type === 'directory' || type === 'file') return 'file';
  return 'registry';
}

/** Direct dependencies from pyproject.toml: Poetry tables, dependency groups, or PEP 621 `[project]`. */
function pyprojectDeps(doc: JsonObject): {
  prod: Map<string, string>;
  dev: Map<string, string>;
  name?: string;
} {
  const prod = new Map<string, string>();
  const dev = new Map<string, string>();
  const tool = isObject(doc.tool) ? doc.tool : {};
  const poetry = isObject(tool.poetry) ? tool.poetry : {};
  const range = (v: unknown): string =>
    typeof v === 'string' ? v : isObject(v) ? (str(v.version) ?? '*') : '*';
  for (const [n, v] of entriesOf(poetry.dependencies))
    if (n.toLowerCase() !== 'python') prod.set(normalizePypiName(n), range(v));
  for (const [n, v] of entriesOf(poetry['dev-dependencies'])) dev.set(normalizePypiName(n), range(v));
  for (const [group, g] of entriesOf(poetry.group)) {
    const target = group === 'main' ? prod : dev;
    for (const [n, v] of entriesOf(isObject(g) ? g.dependencies : undefined))
      target.set(normalizePypiName(n), range(v));
  }
  const project = isObject(doc.project) ? doc.project : {};
  const specs = (list: unknown, target: Map<string, string>): void => {
    if (!Array.isArray(list)) return;
    for (const spec of list) {
      const n = typeof spec === 'string' ? pep508Name(spec) : undefined;
      if (n) target.set(normalizePypiName(n), (spec as string).slice(n.length).split(';')[0]?.trim() || '*');
    }
  };
  specs(project.dependencies, prod);
  for (const [, list] of entriesOf(project['optional-dependencies'])) specs(list, prod);
  for (const [, list] of entriesOf(doc['dependency-groups'])) specs(list, dev);
  const name = str(project.name) ?? str(poetry.name);
  return name ? { prod, dev, name } : { prod, dev };
}

export const poetryLock: LockfileExtractor = {
  format: 'poetry.lock',
  ecosystem: 'PyPI',
  matches: (p) => basenameOf(p) === 'poetry.lock',
  extract(path: string, text: string, context?: ExtractContext): LockfileInventory {
    const { tables } = packageTables(path, text);
    const nodes = new Map<string, GraphNode>();
    const depNames = new Map<string, string[]>();
    const byName = new Map<string, string>();
    for (const { table: p, line } of tables) {
      const rawName = str(p.name);
      const version = str(p.version);
      if (!rawName || version === undefined) continue;
      const name = normalizePypiName(rawName);
      const key = `${name}@${version}`;
      const kind = sourceKind(p.source);
      const groups = Array.isArray(p.groups) ? p.groups : undefined;
      const node: GraphNode = {
        key,
        name,
        version,
        kind,
        deps: [],
        devHint: p.category === 'dev' || (groups !== undefined && !groups.includes('main')),
      };
      if (line !== undefined) node.line = line;
      if (kind === 'git' && isObject(p.source)) node.vcsUrl = str(p.source.url) ?? '';
      nodes.set(key, node);
      byName.set(name, key);
      depNames.set(
        key,
        entriesOf(p.dependencies).map(([d]) => normalizePypiName(d)),
      );
    }
    for (const [key, names] of depNames) {
      (nodes.get(key) as GraphNode).deps = names.flatMap((n) => byName.get(n) ?? []);
    }
    const pyproject = tryToml(readSibling(path, 'pyproject.toml', context));
    const manifest = pyproject ? pyprojectDeps(pyproject) : undefined;
    const rootName = manifest?.name ?? rootNameFor(path);
    return buildInventory({
      path,
      format: 'poetry.lock',
      ecosystem: 'PyPI',
      nodes,
      roots: [manifestRoot(rootName, manifest, (n) => byName.get(n), nodes)],
      declared: manifest ? declaredFrom(manifest.prod, manifest.dev) : undefined,
    });
  },
};
