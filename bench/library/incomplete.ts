/**
 * Fixes the advisory database itself calls incomplete: the first fixed version of an advisory lies
 * in an affected range of another advisory of the same package and class (minimist 0.2.1, fixed
 * for GHSA-vh95-rmgr-6w4m, is still affected by GHSA-xvch-5gv4-984h, `< 0.2.4`). A tool that keeps
 * reporting such a "fixed" version is right, so fix recognition is also counted without them.
 */
import { compareSemver2 } from '../../src/sca/versions/semver2.ts';
import type { Advisory } from './classes.ts';

const inRange = (version: string, [introduced, fixed]: [string, string | undefined]): boolean =>
  (introduced === '0' || compareSemver2(version, introduced) >= 0) &&
  (fixed === undefined || compareSemver2(version, fixed) < 0);

/** For each advisory whose fix is incomplete, the ids of the advisories still affecting its fixed version. */
export function incompleteFixes(advisories: readonly Advisory[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of advisories) {
    const by = advisories.filter(
      (b) =>
        b !== a &&
        b.package === a.package &&
        b.classes.some((c) => a.classes.includes(c)) &&
        b.ranges.some((r) => inRange(a.fixed, r)),
    );
    if (by.length > 0)
      out.set(
        a.id,
        by.map((b) => b.id),
      );
  }
  return out;
}
