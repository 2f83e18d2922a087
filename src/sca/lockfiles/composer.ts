import type { ExtractContext, LockfileExtractor, LockfileInventory, PackageSourceKind } from '../types.ts';
import { LockfileError } from '../types.ts';
import { buildInventory, declaredFrom, manifestRoot, type GraphNode } from './graph.ts';
import { readSibling } from './manifest.ts';
import { basenameOf, isObject, LineIndex, parseJsonObject, rootNameFor, str, stringMap } from './text.ts';

function kindOf(pkg: Record<string, unknown>): PackageSourceKind {
  const dist = isObject(pkg.dist) ? str(pkg.dist.type) : undefined;
  const source = isObject(pkg.source) ? str(pkg.source.type) : undefined;
  if (dist === 'path' || source === 'path') return 'file';
  if (!dist && (source === 'git' || source === 'hg' || source === 'svn')) return 'git';
  return 'registry';
}

/** Packagist names are `vendor/package`; `php`, `ext-*`, `lib-*` are platform requirements. */
const isPackageName = (n: string): boolean => n.includes('/');

export const composerLock: LockfileExtractor = {
  format: 'composer.lock',
  ecosystem: 'Packagist',
  matches: (p) => basenameOf(p) === 'composer.lock',
  extract(path: string, text: string, context?: ExtractContext): LockfileInventory {
    const doc = parseJsonObject(path, text);
    // Lines of every `"name": "…"` in one pass, queued per name in document order.
    const index = new LineIndex(text);
    const nameLines = new Map<string, number[]>();
    for (const m of text.matchAll(/"name"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) {
      let name: string;
      try {
        name = JSON.parse(`"${m[1] ?? ''}"`) as string;
      } catch {
        continue;
      }
      const queue = nameLines.get(name);
      if (queue) queue.push(index.lineAt(m.index));
      else nameLines.set(name, [index.lineAt(m.index)]);
    }
    const lineOfName = (name: string): number | undefined => nameLines.get(name)?.shift();
    const nodes = new Map<string, GraphNode>();
    const byName = new Map<string, string>();
    const requires = new Map<string, string[]>();
    for (const section of ['packages', 'packages-dev'] as const) {
      const list = doc[section];
      if (list === undefined || list === null) continue;
      if (!Array.isArray(list)) throw new LockfileError(path, `"${section}" is not an array`);
      for (const pkg of list) {
        if (!isObject(pkg)) continue;
        const rawName = str(pkg.name);
        const version = str(pkg.version);
        if (!rawName || version === undefined) continue;
        const name = rawName.toLowerCase();
        const key = `${name}@${version}`;
        const line = lineOfName(rawName);
        if (nodes.has(key)) continue;
        const node: GraphNode = {
          key,
          name,
          version,
          kind: kindOf(pkg),
          deps: [],
          devHint: section === 'packages-dev',
        };
        if (line !== undefined) node.line = line;
        if (node.kind === 'git' && isObject(pkg.source)) node.vcsUrl = str(pkg.source.url) ?? '';
        nodes.set(key, node);
        byName.set(name, key);
        requires.set(
          key,
          [...stringMap(pkg.require).keys()].filter(isPackageName).map((n) => n.toLowerCase()),
        );
      }
    }
    for (const [key, names] of requires)
      (nodes.get(key) as GraphNode).deps = names.flatMap((n) => byName.get(n) ?? []);
    const manifestText = readSibling(path, 'composer.json', context);
    let manifest: Record<string, unknown> | undefined;
    try {
      const m: unknown = manifestText === undefined ? undefined : JSON.parse(manifestText);
      if (isObject(m)) manifest = m;
    } catch {
      manifest = undefined;
    }
    const rootName = (manifest && str(manifest.name)) ?? rootNameFor(path);
    const packageRanges = (table: unknown): Map<string, string> =>
      new Map([...stringMap(table)].filter(([n]) => isPackageName(n)));
    const listed = manifest
      ? { prod: packageRanges(manifest.require), dev: packageRanges(manifest['require-dev']) }
      : undefined;
    return buildInventory({
      path,
      format: 'composer.lock',
      ecosystem: 'Packagist',
      nodes,
      roots: [manifestRoot(rootName, listed, (n) => byName.get(n.toLowerCase()), nodes)],
      declared: listed ? declaredFrom(listed.prod, listed.dev) : undefined,
    });
  },
};
