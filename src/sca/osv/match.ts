import type { VersionScheme } from '../types.ts';
import { schemeFor, semverScheme } from '../versions/index.ts';
import { ecosystemCovers, normaliseName } from './normalise.ts';
import type { OsvAffected, OsvEvent, OsvRange, OsvRecord } from './schema.ts';

/** What the matcher needs to know about a package. */
export interface PackageQuery {
  ecosystem: string;
  name: string;
  version: string;
}

/** The version order a range is evaluated in: SemVer 2.0 for `SEMVER`, the ecosystem's for `ECOSYSTEM`. */
export function schemeForRange(range: OsvRange, ecosystem: string): VersionScheme | undefined {
  if (range.type === 'SEMVER') return semverScheme;
  if (range.type === 'ECOSYSTEM') return schemeFor(ecosystem);
  return undefined; // GIT ranges name commits, not versions
}

function eventVersion(e: OsvEvent): string | undefined {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit;
}

/** Events in version order, `introduced: "0"` first, as the schema's evaluation requires. */
export function sortEvents(events: OsvEvent[], scheme: VersionScheme): OsvEvent[] {
  const key = (e: OsvEvent) => (e.introduced === '0' ? undefined : eventVersion(e));
  return [...events].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === undefined || kb === undefined) return (ka === undefined ? 0 : 1) - (kb === undefined ? 0 : 1);
    return scheme.compare(ka, kb);
  });
}

/**
 * The OSV schema's evaluation of one SEMVER/ECOSYSTEM range: below some `limit` (when any are
 * given; one containing `*` is unbounded), then walk the sorted events — `introduced` at or
 * below the version opens, `fixed` at or below closes, `last_affected` below closes.
 */
export function rangeIncludes(range: OsvRange, version: string, scheme: VersionScheme): boolean {
  const events = range.events;
  // The common shape — one `introduced`, then one `fixed` or `last_affected` above it — is the
  // interval itself; deciding it directly gives the walk's answer without sorting.
  if (events.length === 2) {
    const [open, close] =
      events[0]!.introduced !== undefined ? [events[0]!, events[1]!] : [events[1]!, events[0]!];
    const end = close.fixed ?? close.last_affected;
    if (
      open.introduced !== undefined &&
      close.introduced === undefined &&
      close.limit === undefined &&
      end !== undefined
    ) {
      const start = open.introduced;
      // at equal versions the walk keeps the events' written order (a stable sort), so the
      // shortcut holds only when `introduced` is written first
      const order = start === '0' ? -1 : scheme.compare(start, end);
      if (order < 0 || (order === 0 && open === events[0])) {
        if (start !== '0' && scheme.compare(version, start) < 0) return false;
        const c = scheme.compare(version, end);
        return close.fixed !== undefined ? c < 0 : c <= 0;
      }
    }
  }
  const limits = events.filter((e) => e.limit !== undefined).map((e) => e.limit!);
  // the schema: a limit *containing* `*` is infinity (not only the bare `*`)
  if (limits.length > 0 && !limits.some((l) => l.includes('*') || scheme.compare(version, l) < 0))
    return false;
  let vulnerable = false;
  for (const e of sortEvents(events, scheme)) {
    if (e.introduced !== undefined) {
      if (e.introduced === '0' || scheme.compare(version, e.introduced) >= 0) vulnerable = true;
    } else if (e.fixed !== undefined) {
      if (scheme.compare(version, e.fixed) >= 0) vulnerable = false;
    } else if (e.last_affected !== undefined) {
      if (scheme.compare(version, e.last_affected) > 0) vulnerable = false;
    }
  }
  return vulnerable;
}

/** Whether one `affected[]` entry names this package. */
export function entryNamesPackage(entry: OsvAffected, pkg: PackageQuery): boolean {
  const p = entry.package;
  if (!p) return false;
  return (
    ecosystemCovers(p.ecosystem, pkg.ecosystem) &&
    normaliseName(p.ecosystem, p.name) === normaliseName(pkg.ecosystem, pkg.name)
  );
}

/** Whether one `affected[]` entry (already known to name the package) covers this version. */
export function entryAffectsVersion(entry: OsvAffected, pkg: PackageQuery): boolean {
  if (entry.versions?.includes(pkg.version)) return true;
  for (const range of entry.ranges ?? []) {
    const scheme = schemeForRange(range, pkg.ecosystem);
    if (!scheme || range.events.length === 0) continue;
    if (rangeIncludes(range, pkg.version, scheme)) return true;
  }
  return false;
}

/** The entries of a record that affect this package at its version (none when withdrawn). */
export function affectingEntries(record: OsvRecord, pkg: PackageQuery): OsvAffected[] {
  if (record.withdrawn) return [];
  return (record.affected ?? []).filter((a) => entryNamesPackage(a, pkg) && entryAffectsVersion(a, pkg));
}

export function isAffected(record: OsvRecord, pkg: PackageQuery): boolean {
  return affectingEntries(record, pkg).length > 0;
}

/**
 * Every `fixed` version the record names for this package above the installed one, lowest
 * first, and the lowest of them at which the record no longer affects the package at all
 * (a later range may reopen: `fixed 1.2`, `introduced 2.0`). Without one, the highest
 * `last_affected` at or above the installed version: any later release clears it.
 */
export function fixesFor(
  record: OsvRecord,
  pkg: PackageQuery,
): { fixedVersions: string[]; lowestClearing?: string; lastAffected?: string } {
  const order = schemeFor(pkg.ecosystem) ?? semverScheme;
  const found = new Set<string>();
  let lastAffected: string | undefined;
  for (const entry of record.affected ?? []) {
    if (!entryNamesPackage(entry, pkg)) continue;
    for (const range of entry.ranges ?? []) {
      const rs = schemeForRange(range, pkg.ecosystem);
      if (!rs) continue;
      for (const e of range.events) {
        if (e.fixed !== undefined && rs.compare(e.fixed, pkg.version) > 0) found.add(e.fixed);
        const last = e.last_affected;
        if (
          last !== undefined &&
          rs.compare(last, pkg.version) >= 0 &&
          (lastAffected === undefined || order.compare(last, lastAffected) > 0)
        )
          lastAffected = last;
      }
    }
  }
  const fixedVersions = [...found].sort((a, b) => order.compare(a, b));
  const lowestClearing = fixedVersions.find((v) => !isAffected(record, { ...pkg, version: v }));
  if (lowestClearing !== undefined) return { fixedVersions, lowestClearing };
  // no fix is named: the highest last_affected at or above the installed version bounds the advisory
  return lastAffected === undefined ? { fixedVersions } : { fixedVersions, lastAffected };
}

/**
 * Group records that are the same advisory under different ids: a record's id and its aliases
 * join one group, transitively (GHSA ↔ CVE ↔ PYSEC). Returns groups of records, each record once.
 */
export function groupAliases(records: OsvRecord[]): OsvRecord[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) {
      const p = parent.get(root);
      if (p === undefined) {
        parent.set(root, root);
        break;
      }
      root = p;
    }
    let node = x;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  for (const r of records) {
    find(r.id);
    for (const alias of r.aliases ?? []) union(r.id, alias);
  }
  const groups = new Map<string, OsvRecord[]>();
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.id)) continue; // the same record from two sources
    seen.add(r.id);
    const root = find(r.id);
    const g = groups.get(root);
    if (g) g.push(r);
    else groups.set(root, [r]);
  }
  return [...groups.values()];
}

/** All ids of a group (record ids first, then aliases), each once. */
export function groupIds(group: OsvRecord[]): string[] {
  const ids = new Set<string>();
  const sorted = [...group].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const r of sorted) ids.add(r.id);
  for (const r of sorted) for (const a of r.aliases ?? []) ids.add(a);
  return [...ids];
}
