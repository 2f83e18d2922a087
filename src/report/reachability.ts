/**
 * Reachability as every report shows it: the verdict an SCA finding carries in
 * `properties.reachability`, and the counts line ("12 advisories, 2 reachable, 3 imported,
 * 7 unreachable") of the summaries, the PR comment and the check run.
 */
import type { Finding } from '../core/finding.ts';
import { VERDICTS, type Reachability } from '../sca/reachability/types.ts';

/** The finding's verdict, when it carries a well-formed one. */
export function reachabilityOf(finding: Pick<Finding, 'properties'>): Reachability | undefined {
  const r = finding.properties?.reachability as Partial<Reachability> | undefined;
  if (!r || typeof r !== 'object' || !VERDICTS.includes(r.verdict!) || !Array.isArray(r.evidence))
    return undefined;
  return r as Reachability;
}

export interface ReachabilityCounts {
  advisories: number;
  reachable: number;
  imported: number;
  unreachable: number;
}

/** Counts over unsuppressed findings that carry a verdict; undefined when none does. */
export function reachabilityCounts(findings: readonly Finding[]): ReachabilityCounts | undefined {
  const counts: ReachabilityCounts = { advisories: 0, reachable: 0, imported: 0, unreachable: 0 };
  for (const f of findings) {
    const r = f.suppression ? undefined : reachabilityOf(f);
    if (!r) continue;
    counts.advisories++;
    counts[r.verdict]++;
  }
  return counts.advisories ? counts : undefined;
}

/** "12 advisories, 2 reachable, 3 imported, 7 unreachable". */
export function describeReachability(c: ReachabilityCounts): string {
  return `${c.advisories} ${c.advisories === 1 ? 'advisory' : 'advisories'}, ${c.reachable} reachable, ${c.imported} imported, ${c.unreachable} unreachable`;
}

/** "unreachable: no production file imports it … (test/a.test.js:3)" — the verdict, its reason, its first evidence. */
export function describeVerdict(r: Reachability): string {
  const first = r.evidence[0];
  return `${r.verdict}: ${r.reason}${first ? ` (${first.path}:${first.line})` : ''}`;
}
