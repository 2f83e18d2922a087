import semver from 'semver';
import type { VersionScheme } from '../types.ts';
import { compareSemver2 } from './semver2.ts';

/**
 * npm orders versions by node-semver (the registry's own library). Loose parsing accepts the
 * odd old publication (`1.0.0beta`); anything still unparsable falls back to plain SemVer 2.0
 * precedence so the order stays total.
 */
const OPTIONS = { loose: true } as const;

export const npm: VersionScheme = {
  compare(a, b) {
    const pa = semver.parse(a, OPTIONS);
    const pb = semver.parse(b, OPTIONS);
    if (pa && pb) return pa.compare(pb);
    return compareSemver2(a, b);
  },
  isValid: (v) => semver.parse(v, OPTIONS) !== null,
};
