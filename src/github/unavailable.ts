import { DEFAULT_UNAVAILABLE_POLICY, type UnavailablePolicy } from '../core/config/operator.ts';
import type { IncompleteScanner } from '../core/finding.ts';
import type { Conclusion } from './baseline.ts';

/**
 * What a check concludes when a scanner could not do its job (OSV unreachable, no advisory
 * database, a crash): its "no findings" is not a clean result, so never `success`. Under
 * fail-closed (the default) the check fails, so a required check holds the merge; under fail-open
 * it is `neutral` (which a required check lets through), unless findings already fail it.
 */
export function incompleteConclusion(
  found: Conclusion,
  incomplete: boolean,
  policy: UnavailablePolicy = DEFAULT_UNAVAILABLE_POLICY,
): Conclusion {
  if (!incomplete) return found;
  if (policy === 'fail-closed') return 'failure';
  return found === 'success' ? 'neutral' : found;
}

/** What could not run, in the words the summaries use ("OSV unreachable" when SCA's API was). */
export function unavailableWhat(i: IncompleteScanner): string {
  if (i.scanner === 'sca' && i.reason.includes('fetch failed')) return 'OSV unreachable';
  return `${i.scanner} incomplete`;
}

/**
 * The sentence every summary carries for an incomplete scanner: what, which policy applied and
 * what it did, then the scanner's own reason. "OSV unreachable: fail-closed by the operator's
 * policy, so this check fails. (SCA skipped: …)"
 */
export function unavailableLine(
  i: IncompleteScanner,
  policy: UnavailablePolicy = DEFAULT_UNAVAILABLE_POLICY,
): string {
  const effect =
    policy === 'fail-closed'
      ? 'so this check fails until the scanner can run'
      : 'so this check does not fail, but nothing was checked';
  return `${unavailableWhat(i)}: ${policy} by the operator's policy, ${effect}. (${i.reason.replace(/\s+/g, ' ').trim()})`;
}
