import type { Severity } from './severity.ts';

/** What produced a finding; every scanner maps onto one of these. */
export type FindingKind = 'sast' | 'secret' | 'sca' | 'container' | 'config';

/** 1-based lines and columns, as editors, SARIF and GitHub count them. `path` is POSIX and relative to the scan root. */
export interface Location {
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** The source text of the flagged region (secrets already masked). */
  snippet?: string;
}

/**
 * How often a finding is right (SARIF/GitHub `precision`): `very-high` a flow from an untrusted
 * source is proven; `high` a pattern dangerous whatever the data; `medium`/`low` a pattern alone
 * that needs a human look. Reporters assume `high` when a rule says nothing.
 */
export type Precision = 'very-high' | 'high' | 'medium' | 'low';

/** Most to least certain. */
export const PRECISIONS: readonly Precision[] = ['very-high', 'high', 'medium', 'low'];

/**
 * What fails a build and gets a PR comment by default (`minPrecision`, `--min-precision`): a proven
 * flow or a pattern dangerous whatever the data. Lower ones are an audit list for a human.
 */
export const DEFAULT_MIN_PRECISION: Precision = 'high';

/** One hop of a taint flow: source, each step, sink. */
export interface FlowStep {
  location: Location;
  message: string;
}

export interface Fix {
  /** What to do, in a sentence ("Use a parameterised query"; "Upgrade lodash to 4.17.21"). */
  description: string;
  /** A safe mechanical edit, when the rule can offer one: replace the region with `text`. */
  replacement?: { location: Location; text: string };
}

/** Package-level data for sca and container findings. */
export interface PackageRef {
  ecosystem: string;
  name: string;
  version: string;
  purl?: string;
  /** Lowest version that clears this finding, if any. */
  fixedVersion?: string;
  /** Every fixed version the advisory names, lowest first. */
  fixedVersions?: string[];
  direct?: boolean;
  dev?: boolean;
  /** Dependency paths from a root manifest, each a list of package names (`app → express → qs`). */
  paths?: string[][];
  /** The lockfile or package database the package was read from. */
  source?: string;
  /** The declared range of the direct dependency already admits the fix (a lockfile refresh suffices). */
  fixWithinRange?: boolean;
}

/** Container-level data. */
export interface ImageRef {
  ref: string;
  digest?: string;
  layerDigest?: string;
  /** 0-based position of the layer in the image (reports show it counted from 1). */
  layerIndex?: number;
  createdBy?: string;
  os?: string;
}

export interface Suppression {
  /** `vex`: a VEX document's `not_affected` statement (src/sca/vex). */
  kind: 'inline' | 'config' | 'baseline' | 'ignore-file' | 'vex';
  justification?: string;
  /** Where the suppression was written, for inline/config. */
  location?: Location;
}

export interface Finding {
  ruleId: string;
  kind: FindingKind;
  severity: Severity;
  title: string;
  message: string;
  location: Location;
  cwe?: string[];
  owasp?: string[];
  /** Advisory ids: GHSA, CVE, PYSEC, … (all aliases of one advisory, reported once). */
  advisoryIds?: string[];
  fix?: Fix;
  flow?: FlowStep[];
  /**
   * A sink reached from several sources (a helper called from several routes) is one finding: `flow`
   * is the first flow, these the others, each from another source.
   */
  otherFlows?: FlowStep[][];
  /** This finding's precision when it differs from its rule's (see Precision). */
  precision?: Precision;
  package?: PackageRef;
  image?: ImageRef;
  /** Stable identity across pushes; see fingerprint.ts. Filled by the engine if a scanner leaves it out. */
  fingerprint: string;
  /** Set when the finding is suppressed: reporters show it as suppressed rather than dropping it. */
  suppression?: Suppression;
  /**
   * Why a finding that is reported does not gate: it never fails `--fail-on` or a check run and
   * gets no inline PR comment (an SCA advisory in a package no production code imports, under
   * `sca.reachability.unreachable: demote`). Unlike a suppression, it is no one's decision to
   * accept the risk: the policy judged it out of reach.
   */
  nonGating?: string;
  /**
   * Free-form extra data a reporter may show (base image advice…). Reporters read `cvssScore`
   * (number, 0–10: SARIF `security-severity`) and `cvssVector` (string). Never a raw secret.
   */
  properties?: Record<string, unknown>;
}

/** A finding's precision: its own, else its rule's, else `very-high` for an advisory and `high` otherwise. */
export function precisionOf(finding: Pick<Finding, 'precision' | 'package'>, rule?: RuleMeta): Precision {
  return finding.precision ?? rule?.precision ?? (finding.package ? 'very-high' : 'high');
}

/** Below `high`: a pattern alone, for a human to look at (PR comments and --fail-on skip it by default). */
export function lowPrecision(finding: Pick<Finding, 'precision' | 'package'>): boolean {
  const p = precisionOf(finding);
  return p === 'medium' || p === 'low';
}

/**
 * Whether a finding counts against `--fail-on`, a check run's conclusion and PR comments: not
 * suppressed, not marked `nonGating`, and at least `minPrecision` certain. The rest is reported,
 * as an audit tail.
 */
export function gates(
  finding: Pick<Finding, 'precision' | 'package' | 'suppression' | 'nonGating'>,
  minPrecision: Precision = DEFAULT_MIN_PRECISION,
): boolean {
  return (
    !finding.suppression &&
    !finding.nonGating &&
    PRECISIONS.indexOf(precisionOf(finding)) <= PRECISIONS.indexOf(minPrecision)
  );
}

/**
 * An audit finding: shown, not suppressed, not judged out of reach, but below `minPrecision`: a
 * pattern for a human to look at. (`gates` is false for it, as for suppressed and non-gating ones.)
 */
export function belowPrecision(
  finding: Pick<Finding, 'precision' | 'package' | 'suppression' | 'nonGating'>,
  minPrecision: Precision = DEFAULT_MIN_PRECISION,
): boolean {
  return !finding.suppression && !finding.nonGating && !gates(finding, minPrecision);
}

/** A finding before the engine has given it a fingerprint. */
export type DraftFinding = Omit<Finding, 'fingerprint'> & { fingerprint?: string };

/** What a reporter needs to describe a rule (SARIF tool.driver.rules, help links, README list). */
export interface RuleMeta {
  id: string;
  kind: FindingKind;
  title: string;
  severity: Severity;
  cwe?: string[];
  /** OWASP Top 10 2021 ids such as `A03:2021-Injection`. */
  owasp?: string[];
  /** A paragraph of help (Markdown), with a safe example where it helps. */
  help: string;
  /** One-line fix hint. */
  fixHint?: string;
  tags?: string[];
  /** A page with more about the rule (SARIF `helpUri`). */
  helpUri?: string;
  /** How often the rule is right when it fires (SARIF/GitHub `precision`); reporters assume `high`. */
  precision?: Precision;
}

/** A problem with the scan itself (unparsable file, bad lockfile, skipped file). Never a crash. */
export interface Diagnostic {
  level: 'error' | 'warning' | 'note';
  message: string;
  path?: string;
  line?: number;
  /** Which scanner or stage said it. */
  source?: string;
  /**
   * The scanner named in `source` could not do its whole job (it crashed, or had no advisory source):
   * its findings are missing, so "no findings" from it must not read as a clean result.
   */
  incomplete?: boolean;
}

/** A scanner that could not do its whole job, and the first reason it gave. */
export interface IncompleteScanner {
  scanner: string;
  reason: string;
}

/** One entry per scanner with an `incomplete` diagnostic: the run's result is not a clean one. */
export function incompleteScanners(diagnostics: readonly Diagnostic[]): IncompleteScanner[] {
  const out = new Map<string, string>();
  for (const d of diagnostics) {
    const scanner = d.source ?? 'scan';
    if (d.incomplete && !out.has(scanner)) out.set(scanner, d.message);
  }
  return [...out].map(([scanner, reason]) => ({ scanner, reason }));
}
