import semver from 'semver';
import { PackumentCapError, PackumentError, type Packument, type RegistryClient } from './packument.ts';

/** Dependency chains of real packages are a dozen deep; deeper ones are cut and the tree marked capped. */
export const MAX_RESOLVE_DEPTH = 32;

/** One package version in a resolved tree. */
export interface ResolvedNode {
  name: string;
  version: string;
  /** The node that first required it (`name@version`), undefined for the root. */
  parent?: string;
  /** The range `parent` asked for. */
  range?: string;
}

export interface ResolvedTree {
  nodes: Map<string, ResolvedNode>;
  /** Why the tree may be incomplete: the packument cap or depth was reached, or metadata was unreadable. */
  gaps: string[];
}

export const nodeKey = (name: string, version: string): string => `${name}@${version}`;

/**
 * The registry name and range a dependency spec asks for: `^1.2.0`, a dist-tag, or an alias
 * `npm:real@^1`. Git, file, link, URL and workspace specs are not resolved from the registry.
 */
export function registrySpec(name: string, spec: string): { name: string; range: string } | undefined {
  const s = spec.trim();
  if (s.startsWith('npm:')) {
    const rest = s.slice(4);
    const at = rest.indexOf('@', 1);
    return at === -1
      ? { name: rest, range: '*' }
      : { name: rest.slice(0, at), range: rest.slice(at + 1) || '*' };
  }
  if (s === '') return { name, range: '*' };
  if (semver.validRange(s, { loose: true }) !== null) return { name, range: s };
  // a dist-tag is a bare word; anything with ':' or '/' is a URL, a path or a GitHub shorthand
  return /^[a-z][\w.-]*$/i.test(s) ? { name, range: s } : undefined;
}

/** The version npm would install for a range: the `latest` tag when it satisfies, else the highest that does. */
export function pickVersion(packument: Packument, range: string): string | undefined {
  const tagged = packument.distTags[range];
  if (tagged !== undefined) return packument.versions.has(tagged) ? tagged : undefined;
  const latest = packument.distTags.latest;
  if (
    latest !== undefined &&
    packument.versions.has(latest) &&
    semver.satisfies(latest, range, { loose: true })
  )
    return latest;
  return semver.maxSatisfying([...packument.versions.keys()], range, { loose: true }) ?? undefined;
}

/**
 * The tree a fresh install of `name@version` would get, one version per range as npm picks it
 * (dependencies and optionalDependencies; peers are the installing project's business). Metadata
 * comes from the registry client, which bounds how many packuments a plan may fetch.
 */
export async function resolveTree(
  client: RegistryClient,
  name: string,
  version: string,
): Promise<ResolvedTree> {
  const nodes = new Map<string, ResolvedNode>([[nodeKey(name, version), { name, version }]]);
  const gaps: string[] = [];
  let level = [nodeKey(name, version)];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth >= MAX_RESOLVE_DEPTH) {
      gaps.push(`dependencies deeper than ${MAX_RESOLVE_DEPTH} levels were not resolved`);
      break;
    }
    const next: string[] = [];
    const manifests = level.map((key) => nodes.get(key)!);
    // fetch the level's metadata together (the client bounds how many requests are in flight)
    await Promise.allSettled(
      manifests.map(async (node) => {
        const m = (await client.packument(node.name)).versions.get(node.version);
        const specs = { ...m?.optionalDependencies, ...m?.dependencies };
        await Promise.allSettled(
          Object.entries(specs).map(([n, spec]) => {
            const wanted = registrySpec(n, spec);
            return wanted ? client.packument(wanted.name) : undefined;
          }),
        );
      }),
    );
    for (const node of manifests) {
      const key = nodeKey(node.name, node.version);
      const manifest = (await client.packument(node.name)).versions.get(node.version);
      if (!manifest) throw new PackumentError(`${key} is not published in the registry ${client.registry}`);
      if (manifest.unreadable !== undefined) throw new PackumentError(manifest.unreadable);
      const specs = { ...manifest.optionalDependencies, ...manifest.dependencies };
      for (const [depName, spec] of Object.entries(specs)) {
        const wanted = registrySpec(depName, spec);
        if (!wanted) continue;
        // npm installs without an optional dependency it cannot get (platform binaries, mostly)
        const optional = !(depName in manifest.dependencies);
        let packument: Packument;
        try {
          packument = await client.packument(wanted.name);
        } catch (e) {
          if (optional && e instanceof PackumentError) continue;
          if (e instanceof PackumentCapError) {
            gaps.push(`${wanted.name}: ${e.message}`);
            continue;
          }
          throw e;
        }
        const picked = pickVersion(packument, wanted.range);
        if (picked === undefined) {
          if (!optional)
            gaps.push(`${key} requires ${wanted.name}@${wanted.range}, which no published version satisfies`);
          continue;
        }
        const child = nodeKey(wanted.name, picked);
        if (nodes.has(child)) continue;
        nodes.set(child, { name: wanted.name, version: picked, parent: key, range: wanted.range });
        next.push(child);
      }
    }
    level = next;
  }
  return { nodes, gaps };
}
