import { DEFAULT_MIN_PRECISION, gates, type Finding, type Precision } from '../core/finding.ts';
import { meetsThreshold, type FailThreshold } from '../core/severity.ts';
import { touchesAddedLine, type PullDiff } from './diff.ts';

/**
 * Diff-awareness. A finding is **new** when its fingerprint is absent from the scan of the PR's
 * merge-base commit; the caller scans that commit (the Action scans a checkout of it, the App a
 * tarball, or a stored baseline from the last push to the default branch) and passes its
 * fingerprints. Without a base scan, a finding counts as new when it sits on a line the PR adds,
 * and when there is no diff either (push, workflow_dispatch) every finding is new.
 */
export interface BaseInfo {
  /** Fingerprints found at the merge base. */
  fingerprints?: ReadonlySet<string>;
  /** The PR's diff, used only when no base fingerprints are known. */
  diff?: PullDiff;
}

export interface Classified {
  /** Unsuppressed findings this change introduces. */
  new: Finding[];
  /** Unsuppressed findings that were already there. */
  existing: Finding[];
  suppressed: Finding[];
  /** How "new" was decided, for the summary. */
  basis: 'merge-base' | 'diff' | 'all';
}

export function classifyFindings(findings: readonly Finding[], base: BaseInfo = {}): Classified {
  const out: Classified = {
    new: [],
    existing: [],
    suppressed: [],
    basis: base.fingerprints ? 'merge-base' : base.diff ? 'diff' : 'all',
  };
  for (const f of findings) {
    if (f.suppression) out.suppressed.push(f);
    else if (isNew(f, base)) out.new.push(f);
    else out.existing.push(f);
  }
  return out;
}

function isNew(f: Finding, base: BaseInfo): boolean {
  if (base.fingerprints) return !base.fingerprints.has(f.fingerprint);
  if (base.diff) return touchesAddedLine(base.diff, f.location.path, f.location.startLine);
  return true;
}

export type Conclusion = 'success' | 'neutral' | 'failure';

/**
 * `failure` only when a finding at or above the threshold, and at least `minPrecision` certain, is
 * new (or existing ones count, when the configuration says so); `neutral` when findings remain but
 * none fails; `success` when clean.
 */
export function conclusionFor(
  c: Pick<Classified, 'new' | 'existing'>,
  threshold: FailThreshold,
  failOnExisting = false,
  minPrecision: Precision = DEFAULT_MIN_PRECISION,
): Conclusion {
  const failing = (list: Finding[]) =>
    list.some((f) => gates(f, minPrecision) && meetsThreshold(f.severity, threshold));
  if (failing(c.new) || (failOnExisting && failing(c.existing))) return 'failure';
  return c.new.length + c.existing.length > 0 ? 'neutral' : 'success';
}

/** The fingerprints of a base scan's findings (suppressed ones included: they existed). */
export function fingerprintsOf(findings: readonly Finding[]): Set<string> {
  return new Set(findings.map((f) => f.fingerprint));
}
