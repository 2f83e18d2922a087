import type { Package } from '../types.ts';

/** The name code imports a package by: an npm alias's installed name, else its own. */
export function importName(pkg: Pick<Package, 'name' | 'alias'>): string {
  return pkg.alias ?? pkg.name;
}

/**
 * Which direct dependencies pull a package in, from one lockfile's graph (`dependsOn`). Every
 * path counts, not only the shortest one the finding shows: a package under an unused dependency
 * and a used one is reached through the used one. Undefined for a transitive package when the
 * lockfile records no graph (go.mod says only `// indirect`).
 */
export function directAncestors(packages: readonly Package[]): (pkg: Package) => string[] | undefined {
  const byPurl = new Map<string, Package>();
  const parents = new Map<string, string[]>();
  let known = false;
  for (const p of packages) {
    if (!p.purl) continue;
    byPurl.set(p.purl, p);
    for (const child of p.dependsOn ?? []) {
      known = true;
      const list = parents.get(child);
      if (list) list.push(p.purl);
      else parents.set(child, [p.purl]);
    }
  }
  const memo = new Map<string, string[]>();
  return (pkg) => {
    if (!pkg.purl || !known) return pkg.direct ? [importName(pkg)] : undefined;
    const cached = memo.get(pkg.purl);
    if (cached) return cached;
    const seen = new Set([pkg.purl]);
    const queue = [pkg.purl];
    const direct = new Set<string>();
    for (let head = 0; head < queue.length; head++) {
      const purl = queue[head]!;
      const p = byPurl.get(purl);
      if (p?.direct) direct.add(importName(p));
      for (const parent of parents.get(purl) ?? [])
        if (!seen.has(parent)) {
          seen.add(parent);
          queue.push(parent);
        }
    }
    if (pkg.direct) direct.add(importName(pkg));
    const out = [...direct].sort();
    memo.set(pkg.purl, out);
    return out;
  };
}
