import semver from 'semver';
import type { VersionScheme } from '../types.ts';
import { compareSemver2 } from './semver2.ts';

/**
 * npm orders versions by node-semver (the registry's own library). Loose parsing accepts the
 * odd old publication (`1.0.0beta`); anything still unparsable falls back to plain SemVer 2.0
 * precedence so the order stays total.
 */
const OPTIONS = { loose: true } as const;

// Matching compares the same few versions many times; keep their parses (bounded).
const cache = new Map<string, semver.SemVer | null>();
function parse(version: string): semver.SemVer | null {
  let parsed = cache.get(version);
  if (parsed === undefined) {
    parsed = semver.parse(version, OPTIONS);
    if (cache.size >= 50_000) cache.clear();
    cache.set(version, parsed);
  }
  return parsed;
}

export const npm: VersionScheme = {
  compare(a, b) {
    const pa = parse(a);
    const pb = parse(b);
    if (pa && pb) return pa.compare(pb);
    return compareSemver2(a, b);
  },
  isValid: (v) => parse(v) !== null,
};
