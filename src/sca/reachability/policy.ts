import type { DraftFinding } from '../../core/finding.ts';
import { SEVERITIES } from '../../core/severity.ts';
import type { Reachability } from './types.ts';

/**
 * `sca.reachability.unreachable`: `demote` (the default) lowers an unreachable finding one
 * severity level and keeps it out of `--fail-on`, check conclusions and PR comments; `keep`
 * reports it as any other.
 */
export type UnreachablePolicy = 'demote' | 'keep';

export const UNREACHABLE_POLICIES: readonly UnreachablePolicy[] = ['demote', 'keep'];

/**
 * Puts the verdict on an SCA finding (`properties.reachability`, which every report shows) and
 * applies the policy. A malicious package is never demoted: its install script ran whether or not
 * the code imports it.
 */
export function withReachability(
  draft: DraftFinding,
  reach: Reachability,
  policy: UnreachablePolicy,
): DraftFinding {
  const out: DraftFinding = {
    ...draft,
    properties: { ...draft.properties, reachability: reach },
  };
  if (reach.verdict !== 'unreachable' || policy !== 'demote' || draft.properties?.malicious !== undefined)
    return out;
  const lower = SEVERITIES[Math.min(SEVERITIES.indexOf(draft.severity) + 1, SEVERITIES.length - 1)]!;
  out.severity = lower;
  out.properties = { ...out.properties, severityBeforeReachability: draft.severity };
  out.nonGating = 'unreachable: no production code imports the package';
  return out;
}
