import type { VersionScheme } from '../types.ts';

/**
 * SemVer 2.0 precedence, as OSV's `SEMVER` range type requires whatever the ecosystem. Lenient
 * where OSV data is: a leading `v` (Go), missing minor/patch (`1.2` = `1.2.0`); build metadata is
 * ignored for precedence, as the spec says.
 */
const SEMVER = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/;

interface Parsed {
  core: [number | bigint, number | bigint, number | bigint];
  pre: string[];
}

/** Numbers as numbers while exact, BigInt beyond (versions like `20230101123456789`). */
function numeric(text: string): number | bigint {
  return text.length < 16 ? Number(text) : BigInt(text);
}

// Matching compares the same few versions many times; remember their parses (bounded).
const CACHE_LIMIT = 50_000;
const cache = new Map<string, Parsed | null>();

function parse(version: string): Parsed | undefined {
  const hit = cache.get(version);
  if (hit !== undefined) return hit ?? undefined;
  const m = SEMVER.exec(version.trim());
  const parsed = m
    ? {
        core: [numeric(m[1]!), numeric(m[2] ?? '0'), numeric(m[3] ?? '0')] as Parsed['core'],
        pre: m[4] ? m[4].split('.') : [],
      }
    : null;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(version, parsed);
  return parsed ?? undefined;
}

function cmpBig(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const NUMERIC = /^\d+$/;

function comparePre(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length; // a release outranks its prereleases
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = NUMERIC.test(x);
    const yn = NUMERIC.test(y);
    if (xn && yn) {
      const c = cmpBig(numeric(x), numeric(y));
      if (c) return c;
    } else if (xn !== yn) {
      return xn ? -1 : 1; // numeric identifiers have lower precedence
    } else if (x !== y) {
      return x < y ? -1 : 1; // ASCII order
    }
  }
  return 0;
}

/** Invalid versions sort below every valid one and among themselves by string, keeping the order total. */
export function compareSemver2(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) {
    if (pa) return 1;
    if (pb) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  for (let i = 0; i < 3; i++) {
    const c = cmpBig(pa.core[i]!, pb.core[i]!);
    if (c) return c;
  }
  return comparePre(pa.pre, pb.pre);
}

export const semver2: VersionScheme = {
  compare: compareSemver2,
  isValid: (v) => parse(v) !== undefined,
};
