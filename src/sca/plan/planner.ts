import semver from 'semver';
import type { Severity } from '../../core/severity.ts';
import { declaredRange, rangeAdmits, upgradeKind, type UpgradeKind } from '../remediation.ts';
import { isMatchable, type LockfileInventory, type Package } from '../types.ts';
import { PackumentCapError, PackumentError, type Packument, type RegistryClient } from './packument.ts';
import { nodeKey, resolveTree, type ResolvedNode, type ResolvedTree } from './resolve.ts';

export type Reachability = 'reachable' | 'imported' | 'unreachable';

/** One advisory on one installed package version of a lockfile: what a plan tries to remove. */
export interface VulnerableItem {
  lockfile: string;
  name: string;
  version: string;
  /** All ids of the advisory, the primary one first. */
  ids: string[];
  severity: Severity;
  reachability?: Reachability;
  /** The lowest version of this package that clears it, when the advisory names one. */
  fixedVersion?: string;
}

/** Which advisories (ids) affect each `name@version`; the plan's re-match of resolved trees. */
export type AdvisoryOracle = (
  packages: { name: string; version: string }[],
) => Promise<Map<string, string[][]>>;

export interface PlannedUpgrade {
  lockfile: string;
  name: string;
  /** The name the project installs it under, for an npm alias. */
  installedAs?: string;
  from: string;
  to: string;
  /** patch/minor/major by semver; absent when `to === from`: a lockfile refresh of its dependencies. */
  upgrade?: UpgradeKind;
  declaredRange?: string;
  /** The declared range admits `to`: refreshing the lockfile suffices. */
  withinRange?: boolean;
  removes: VulnerableItem[];
  /** Advisories the new version's tree has that the lockfile does not. */
  introduces: { name: string; version: string; ids: string[] }[];
}

export type UnremovedReason = 'no-fixed-version' | 'pinned' | 'unresolved';

export interface UnremovedItem {
  item: VulnerableItem;
  reason: UnremovedReason;
  detail: string;
}

export interface UpgradePlan {
  upgrades: PlannedUpgrade[];
  unremoved: UnremovedItem[];
  /** Where the plan is bounded or incomplete (caps reached, unreadable metadata). */
  notes: string[];
  /**
   * Some part could not be planned: a direct dependency with no resolvable release, or releases
   * left unresolved (cap, depth, unsatisfiable range) where the choice did not remove everything.
   */
  incomplete: boolean;
}

/** Severity counts for more than reachability: a reachable low stays below an unreachable high. */
const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 27, high: 9, medium: 3, low: 1, info: 0.5 };
/** Without a verdict an advisory weighs as `imported`: the code may load it. */
const REACH_WEIGHT: Record<Reachability, number> = { reachable: 2, imported: 1.5, unreachable: 1 };

export function itemWeight(item: Pick<VulnerableItem, 'severity' | 'reachability'>): number {
  return SEVERITY_WEIGHT[item.severity] * REACH_WEIGHT[item.reachability ?? 'imported'];
}

/** A direct dependency has many releases; past this many, only the last release of each minor line is tried. */
export const MAX_CANDIDATES = 60;
const MAX_GAPS_SHOWN = 3;

interface Candidate {
  version: string;
  tree?: ResolvedTree;
  /** Why this version's tree could not be resolved. */
  error?: string;
}

interface DirectPlan {
  pkg: Package;
  items: VulnerableItem[];
  candidates: Candidate[];
  /** Why no candidate at all could be tried. */
  error?: string;
  chosen?: Candidate;
}

const itemKey = (i: Pick<VulnerableItem, 'lockfile' | 'name' | 'version' | 'ids'>): string =>
  `${i.lockfile}\u0000${i.name}@${i.version}\u0000${i.ids[0]}`;

/** The lockfile's graph read upward: each package's parents, by purl. */
function parentIndex(packages: Package[]): { byPurl: Map<string, Package>; parents: Map<string, string[]> } {
  // nested copies of one version share a purl: the direct one stands for them
  const byPurl = new Map<string, Package>();
  for (const p of packages) if (!byPurl.get(p.purl!)?.direct) byPurl.set(p.purl!, p);
  const parents = new Map<string, string[]>();
  for (const p of packages)
    for (const d of p.dependsOn ?? []) {
      const list = parents.get(d);
      if (list) list.push(p.purl!);
      else parents.set(d, [p.purl!]);
    }
  return { byPurl, parents };
}

/** The direct dependencies whose installed subtree holds `name@version`, walking the lockfile's graph upward. */
function directsAbove(graph: ReturnType<typeof parentIndex>, name: string, version: string): Package[] {
  const start = [...graph.byPurl.values()]
    .filter((p) => p.name === name && p.version === version)
    .map((p) => p.purl!);
  const seen = new Set(start);
  const found = new Map<string, Package>();
  for (let i = 0; i < start.length; i++) {
    const pkg = graph.byPurl.get(start[i]!)!;
    if (pkg.direct && isMatchable(pkg)) found.set(pkg.purl!, pkg);
    for (const parent of graph.parents.get(start[i]!) ?? [])
      if (!seen.has(parent)) {
        seen.add(parent);
        start.push(parent);
      }
  }
  return [...found.values()];
}

/** Releases at or above the installed one (it first: a refresh), no prereleases, none deprecated; bounded. */
export function candidateVersions(
  packument: Packument,
  installed: string,
): { versions: string[]; capped: boolean } {
  // an installed version semver cannot read (a git tag, a local build) has no "newer"
  const readable = semver.valid(installed, { loose: true }) !== null;
  const newer = [...packument.versions.values()]
    .filter(
      (v) =>
        readable &&
        semver.valid(v.version) !== null &&
        semver.prerelease(v.version) === null &&
        !v.deprecated &&
        semver.gt(v.version, installed, { loose: true }),
    )
    .map((v) => v.version)
    .sort(semver.compare);
  const current = packument.versions.has(installed) ? [installed] : [];
  if (newer.length <= MAX_CANDIDATES) return { versions: [...current, ...newer], capped: false };
  const lastOfMinor = newer.filter((v, i) => {
    const n = newer[i + 1];
    return n === undefined || semver.major(n) !== semver.major(v) || semver.minor(n) !== semver.minor(v);
  });
  return { versions: [...current, ...lastOfMinor.slice(-MAX_CANDIDATES)], capped: true };
}

/** What the oracle said so far, by `name@version`: each package version is matched once per plan. */
class Matches {
  readonly affected = new Map<string, string[][]>();
  private readonly oracle: AdvisoryOracle;
  constructor(oracle: AdvisoryOracle) {
    this.oracle = oracle;
  }
  async add(tree: ResolvedTree): Promise<void> {
    const fresh = [...tree.nodes.entries()].filter(([key]) => !this.affected.has(key));
    if (fresh.length === 0) return;
    const found = await this.oracle(fresh.map(([, n]) => n));
    for (const [key] of fresh) this.affected.set(key, found.get(key) ?? []);
  }
}

/**
 * Try the direct dependency's releases lowest first, keeping the lowest with the best score:
 * removed weight less what it brings in. A release that removes everything and brings in
 * nothing cannot be beaten, so the search stops there and fetches no more metadata.
 */
async function chooseRelease(
  direct: DirectPlan,
  client: RegistryClient,
  matches: Matches,
  known: VulnerableItem[],
  capped: string[],
): Promise<void> {
  let packument: Packument;
  try {
    packument = await client.packument(direct.pkg.name);
  } catch (e) {
    if (!(e instanceof PackumentError || e instanceof PackumentCapError)) throw e;
    direct.error = (e as Error).message;
    return;
  }
  const { versions, capped: tooMany } = candidateVersions(packument, direct.pkg.version);
  if (tooMany) capped.push(direct.pkg.name);
  const perfect = direct.items.reduce((s, i) => s + itemWeight(i), 0);
  let best = 0;
  for (const version of versions) {
    let candidate: Candidate;
    try {
      candidate = { version, tree: await resolveTree(client, direct.pkg.name, version) };
    } catch (e) {
      if (!(e instanceof PackumentError || e instanceof PackumentCapError)) throw e;
      direct.candidates.push({ version, error: (e as Error).message });
      continue;
    }
    direct.candidates.push(candidate);
    if (!usable(candidate)) continue;
    await matches.add(candidate.tree);
    const removed = direct.items.filter((i) => !stillThere(candidate.tree!, i, matches.affected));
    const score =
      removed.reduce((s, i) => s + itemWeight(i), 0) -
      introducedBy(candidate.tree, known, matches.affected).length * SEVERITY_WEIGHT.low;
    if (score > best) {
      best = score;
      direct.chosen = candidate;
    }
    if (score >= perfect) break;
  }
}

/** Same release line: same major, or same minor below 1.0.0 (where a minor is a breaking change). */
function sameLine(a: string, b: string): boolean {
  const pa = semver.parse(a, { loose: true });
  const pb = semver.parse(b, { loose: true });
  if (!pa || !pb || pa.major !== pb.major) return false;
  return pa.major !== 0 || pa.minor === pb.minor;
}

/**
 * The copy of `item`'s package in the tree that still has its advisory, if any. A tree may hold
 * several copies (postcss 7 under one parent, 8 under another): the item is the copy on its own
 * release line when the tree has one, else any copy.
 */
function remainingCopy(
  tree: ResolvedTree,
  item: VulnerableItem,
  affected: Map<string, string[][]>,
): ResolvedNode | undefined {
  const copies = [...tree.nodes.values()].filter((n) => n.name === item.name);
  const own = copies.filter((n) => sameLine(n.version, item.version));
  return (own.length > 0 ? own : copies).find((n) =>
    (affected.get(nodeKey(n.name, n.version)) ?? []).some((ids) => ids.some((id) => item.ids.includes(id))),
  );
}

const stillThere = (tree: ResolvedTree, item: VulnerableItem, affected: Map<string, string[][]>): boolean =>
  remainingCopy(tree, item, affected) !== undefined;

function introducedBy(
  tree: ResolvedTree,
  known: VulnerableItem[],
  affected: Map<string, string[][]>,
): PlannedUpgrade['introduces'] {
  const out: PlannedUpgrade['introduces'] = [];
  for (const node of tree.nodes.values())
    for (const ids of affected.get(nodeKey(node.name, node.version)) ?? [])
      if (!known.some((k) => k.name === node.name && k.ids.some((id) => ids.includes(id))))
        out.push({ name: node.name, version: node.version, ids });
  return out;
}

/** A tree with gaps may hide what it still holds: it can be reported, never credited with a removal. */
const usable = (c: Candidate): c is Candidate & { tree: ResolvedTree } =>
  c.tree !== undefined && c.tree.gaps.length === 0;

/**
 * For one lockfile: for each direct dependency with advisories in its subtree, the lowest release
 * (its current one re-resolved included) whose fresh tree removes the most weight, less what it
 * introduces; then only the upgrades that remove something once every other parent is counted.
 */
export async function planLockfile(
  inventory: LockfileInventory,
  items: VulnerableItem[],
  client: RegistryClient,
  oracle: AdvisoryOracle,
): Promise<UpgradePlan> {
  const notes: string[] = [];
  const directs = new Map<string, DirectPlan>();
  const reachedBy = new Map<string, DirectPlan[]>();
  const graph = parentIndex(inventory.packages);
  for (const item of items) {
    const above = directsAbove(graph, item.name, item.version);
    const plans = above.map((pkg) => {
      let d = directs.get(pkg.purl!);
      if (!d) directs.set(pkg.purl!, (d = { pkg, items: [], candidates: [] }));
      d.items.push(item);
      return d;
    });
    reachedBy.set(itemKey(item), plans);
  }
  const matches = new Matches(oracle);
  const affected = matches.affected;
  const capped: string[] = [];
  for (const d of directs.values()) await chooseRelease(d, client, matches, items, capped);
  if (capped.length > 0)
    notes.push(
      `more than ${MAX_CANDIDATES} newer releases, so only the last release of each minor line was tried: ${capped.join(', ')}`,
    );

  // An advisory goes only when every direct dependency above it moves to a tree without it.
  const removedBy = (d: DirectPlan, i: VulnerableItem) =>
    d.chosen?.tree && !stillThere(d.chosen.tree, i, affected);
  const removedOverall = (i: VulnerableItem) => {
    const plans = reachedBy.get(itemKey(i))!;
    return plans.length > 0 && plans.every((d) => removedBy(d, i));
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const d of directs.values())
      if (d.chosen && !d.items.some(removedOverall)) {
        delete d.chosen;
        changed = true;
      }
  }

  const upgrades: PlannedUpgrade[] = [];
  for (const d of directs.values()) {
    if (!d.chosen?.tree) continue;
    const range = declaredRange(inventory.declared, d.pkg);
    const to = d.chosen.version;
    const admits = range === undefined ? undefined : rangeAdmits('npm', range, to);
    upgrades.push({
      lockfile: inventory.path,
      name: d.pkg.name,
      ...(d.pkg.alias ? { installedAs: d.pkg.alias } : {}),
      from: d.pkg.version,
      to,
      ...(to === d.pkg.version ? {} : { upgrade: upgradeKind('npm', d.pkg.version, to) }),
      ...(range !== undefined ? { declaredRange: range } : {}),
      ...(admits !== undefined ? { withinRange: admits } : {}),
      removes: d.items.filter(removedOverall),
      introduces: introducedBy(d.chosen.tree, items, affected),
    });
  }

  const unremoved = items
    .filter((i) => !removedOverall(i))
    .map((i) => explain(i, reachedBy.get(itemKey(i))!, affected));
  let gapped = false;
  for (const d of directs.values()) {
    const gaps = [...new Set(d.candidates.flatMap((c) => c.tree?.gaps ?? []))];
    if (gaps.length === 0) continue;
    // an unresolved release matters only where the choice left something behind
    gapped ||= d.items.some((i) => !removedBy(d, i));
    const more = gaps.length > MAX_GAPS_SHOWN ? `; and ${gaps.length - MAX_GAPS_SHOWN} more` : '';
    notes.push(
      `${d.pkg.name}: releases whose tree could not be resolved completely were not credited: ${gaps.slice(0, MAX_GAPS_SHOWN).join('; ')}${more}`,
    );
  }
  return {
    upgrades: upgrades.sort(
      (a, b) =>
        b.removes.reduce((s, i) => s + itemWeight(i), 0) - a.removes.reduce((s, i) => s + itemWeight(i), 0) ||
        a.name.localeCompare(b.name),
    ),
    unremoved,
    notes,
    incomplete: gapped || [...directs.values()].some((d) => unplannable(d) !== undefined),
  };
}

/** Why no release of a direct dependency could be tried at all, if so. */
function unplannable(d: DirectPlan): string | undefined {
  if (d.error !== undefined) return d.error;
  if (d.candidates.some(usable)) return undefined;
  const failed = d.candidates.find((c) => c.error !== undefined || c.tree?.gaps.length);
  const why = failed?.error ?? failed?.tree?.gaps[0];
  return `no release of ${d.pkg.name} could be resolved${why ? ` (${why})` : ''}`;
}

/** Why an advisory stays: no fix exists, a parent's range keeps the vulnerable version, or metadata was missing. */
function explain(
  item: VulnerableItem,
  plans: DirectPlan[],
  affected: Map<string, string[][]>,
): UnremovedItem {
  if (item.fixedVersion === undefined)
    return { item, reason: 'no-fixed-version', detail: 'the advisory names no fixed version' };
  if (plans.length === 0)
    return { item, reason: 'unresolved', detail: 'no direct dependency of the lockfile pulls it in' };
  // missing metadata first: a parent that could not be read may be the one that pins it
  for (const d of plans) {
    const why = unplannable(d);
    if (why !== undefined) return { item, reason: 'unresolved', detail: why };
  }
  for (const d of plans) {
    const tried = d.candidates.filter(usable);
    const latest = tried.at(-1)!;
    const node = remainingCopy(latest.tree, item, affected);
    if (!node) continue;
    if (node.parent === undefined)
      return {
        item,
        reason: 'no-fixed-version',
        detail: `fixed in ${item.fixedVersion}, but the registry has no release of ${d.pkg.name} that clears it`,
      };
    const top = nodeKey(d.pkg.name, latest.version);
    const who =
      node.parent === top
        ? `${top}, its latest release,`
        : `${node.parent} (under ${top}, its latest release)`;
    return {
      item,
      reason: 'pinned',
      detail: `${who} requires ${item.name}@${node.range}, which admits no fixed version (fixed in ${item.fixedVersion})`,
    };
  }
  // every parent's latest release clears it, but not one chosen upgrade does on its own
  const names = plans.map((d) => d.pkg.name).join(', ');
  return { item, reason: 'pinned', detail: `pulled in by ${names}; no single upgrade of them removes it` };
}
