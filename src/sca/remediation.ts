import pep440 from '@renovatebot/pep440';
import semver from 'semver';
import type { Package } from './types.ts';
import { baseEcosystem, schemeFor } from './versions/index.ts';

/** How far a fix moves a package. */
export type UpgradeKind = 'patch' | 'minor' | 'major' | 'unknown';

export interface Remediation {
  /** The lowest version that clears the finding. */
  fixedVersion: string;
  upgrade: UpgradeKind;
  /**
   * For a direct dependency: whether its declared range already admits the fix (refreshing the
   * lockfile suffices). Undefined when the package is transitive or the range cannot be read.
   */
  fixWithinRange?: boolean;
  declaredRange?: string;
}

const SEMVER_LIKE = new Set(['npm', 'crates.io', 'Go', 'Packagist', 'RubyGems', 'PyPI']);

/** Leading numeric components (`v1.2.3-rc.1` → [1, 2, 3]; `1!2.0` ignores the epoch). */
function numericParts(version: string): number[] {
  const m = /^v?(?:\d+!)?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version.trim());
  return m ? [m[1], m[2], m[3]].map((x) => Number(x ?? 0)) : [];
}

/**
 * patch/minor/major by the first numeric component that changes. Below 1.0.0 a change in the
 * first non-zero component breaks compatibility (SemVer's and Cargo's rule), so it counts as major.
 */
export function upgradeKind(ecosystem: string, from: string, to: string): UpgradeKind {
  if (!SEMVER_LIKE.has(baseEcosystem(ecosystem))) return 'unknown';
  const a = numericParts(from);
  const b = numericParts(to);
  if (a.length === 0 || b.length === 0) return 'unknown';
  const firstNonZero = a.findIndex((x) => x !== 0);
  for (let i = 0; i < 3; i++) {
    if (a[i] === b[i]) continue;
    if (i === 0 || (firstNonZero !== -1 && i <= firstNonZero)) return 'major';
    return i === 1 ? 'minor' : 'patch';
  }
  return 'patch';
}

/** Whether a declared range admits a version, in the ecosystem's range syntax; undefined when unknown. */
export function rangeAdmits(ecosystem: string, range: string, version: string): boolean | undefined {
  switch (baseEcosystem(ecosystem)) {
    case 'npm':
    case 'crates.io': {
      // Cargo's bare `1.2` means `^1.2`, which node-semver reads the same way once given the caret
      const r =
        baseEcosystem(ecosystem) === 'crates.io' && /^\d/.test(range.trim()) ? `^${range.trim()}` : range;
      if (semver.validRange(r, { loose: true }) === null) return undefined;
      return semver.satisfies(version, r, { loose: true, includePrerelease: false });
    }
    case 'PyPI':
      if (!pep440.validRange(range)) return undefined;
      return pep440.satisfies(version, range);
    default:
      return undefined;
  }
}

/**
 * The range a direct dependency declares, looked up under the name it is installed as: an alias
 * (`"semver-v5": "npm:semver@^5.7.1"`) declares `^5.7.1` under `semver-v5`, not under `semver`.
 */
export function declaredRange(
  declared: Record<string, string> | undefined,
  pkg: Package,
): string | undefined {
  const range = declared?.[pkg.alias ?? pkg.name];
  if (range === undefined || pkg.alias === undefined) return range;
  const prefix = `npm:${pkg.name}@`;
  return range.startsWith(prefix) ? range.slice(prefix.length) : undefined;
}

export function remediate(
  ecosystem: string,
  installed: string,
  fixedVersion: string,
  direct: boolean,
  declaredRange: string | undefined,
): Remediation {
  const out: Remediation = { fixedVersion, upgrade: upgradeKind(ecosystem, installed, fixedVersion) };
  if (direct && declaredRange !== undefined) {
    out.declaredRange = declaredRange;
    const admits = rangeAdmits(ecosystem, declaredRange, fixedVersion);
    if (admits !== undefined) out.fixWithinRange = admits;
  }
  return out;
}

/** "upgrade X to Y: fixes N advisories", per lockfile and installed package version. */
export interface UpgradeGroup {
  source: string;
  ecosystem: string;
  name: string;
  /** The installed version the upgrade replaces. */
  from: string;
  /** The highest of the fixes needed: the one version that clears them all. */
  to: string;
  advisories: string[];
  upgrade: UpgradeKind;
}

export interface FixedItem {
  source: string;
  ecosystem: string;
  name: string;
  version: string;
  fixedVersion: string;
  advisoryId: string;
}

export function upgradeKey(item: {
  source: string;
  ecosystem: string;
  name: string;
  version: string;
}): string {
  return `${item.source}\u0000${item.ecosystem}\u0000${item.name}\u0000${item.version}`;
}

/**
 * Group fixable findings by lockfile and installed package version (nested copies of other
 * versions get their own upgrade), most advisories first.
 */
export function groupUpgrades(items: FixedItem[]): UpgradeGroup[] {
  const groups = new Map<string, UpgradeGroup>();
  for (const item of items) {
    const key = upgradeKey(item);
    const g = groups.get(key);
    if (!g) {
      groups.set(key, {
        source: item.source,
        ecosystem: item.ecosystem,
        name: item.name,
        from: item.version,
        to: item.fixedVersion,
        advisories: [item.advisoryId],
        upgrade: 'unknown',
      });
      continue;
    }
    if (!g.advisories.includes(item.advisoryId)) g.advisories.push(item.advisoryId);
    const scheme = schemeFor(item.ecosystem);
    if (scheme && scheme.compare(item.fixedVersion, g.to) > 0) g.to = item.fixedVersion;
  }
  for (const g of groups.values()) g.upgrade = upgradeKind(g.ecosystem, g.from, g.to);
  return [...groups.values()].sort(
    (a, b) =>
      b.advisories.length - a.advisories.length ||
      a.name.localeCompare(b.name) ||
      a.from.localeCompare(b.from),
  );
}

/** The sentence for one group. */
export function describeGroup(g: UpgradeGroup): string {
  const n = g.advisories.length;
  return `upgrade ${g.name} to ${g.to}: fixes ${n} ${n === 1 ? 'advisory' : 'advisories'}${g.upgrade === 'major' ? ' (major upgrade)' : ''}`;
}
