/**
 * What every reporter shares: one ordering, one grouping, one set of counts, one list of package
 * fixes, one redaction rule. Each format only decides how to print them.
 */
import {
  belowPrecision,
  DEFAULT_MIN_PRECISION,
  incompleteScanners,
  type Precision,
  type Diagnostic,
  type Finding,
  type FindingKind,
  type ImageRef,
  type IncompleteScanner,
  type Location,
  type PackageRef,
} from '../core/finding.ts';
import type { ScanResult } from '../core/scanner.ts';
import { reachabilityCounts, type ReachabilityCounts } from './reachability.ts';
import { SEVERITIES, meetsThreshold, severityRank } from '../core/severity.ts';
import type { FailThreshold, Severity } from '../core/severity.ts';

/** Numeric-aware order good enough to pick the highest of an advisory's fixed versions. */
const versionCollator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export const FINDING_KINDS: readonly FindingKind[] = ['sast', 'secret', 'sca', 'container', 'config'];

/** Code-point order, not locale order: the same input sorts the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareLocations(a: Location, b: Location): number {
  return (
    compareStrings(a.path, b.path) ||
    a.startLine - b.startLine ||
    a.startColumn - b.startColumn ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn
  );
}

/** Total order on findings by place; the fingerprint breaks every remaining tie. */
export function compareByLocation(a: Finding, b: Finding): number {
  return (
    compareLocations(a.location, b.location) ||
    compareStrings(a.image?.ref ?? '', b.image?.ref ?? '') ||
    compareStrings(a.package?.name ?? '', b.package?.name ?? '') ||
    compareStrings(a.package?.version ?? '', b.package?.version ?? '') ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.fingerprint, b.fingerprint)
  );
}

export function compareBySeverity(a: Finding, b: Finding): number {
  return severityRank(a.severity) - severityRank(b.severity) || compareByLocation(a, b);
}

export function sortByLocation(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareByLocation);
}

export function sortBySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareBySeverity);
}

const DIAGNOSTIC_ORDER = { error: 0, warning: 1, note: 2 };

/** Errors first, then by file, line and message. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      DIAGNOSTIC_ORDER[a.level] - DIAGNOSTIC_ORDER[b.level] ||
      compareStrings(a.path ?? '', b.path ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareStrings(a.message, b.message) ||
      compareStrings(a.source ?? '', b.source ?? ''),
  );
}

/**
 * Why a file was skipped, when the diagnostic is a walker's skipped-file note ("binary",
 * "over the size limit"…): one reason shared by every file skipped for it. Undefined otherwise.
 */
export function skipReason(d: Diagnostic): string | undefined {
  if (d.level !== 'note' || !d.path || !d.message.startsWith('skipped: ')) return undefined;
  const reason = d.message.slice('skipped: '.length);
  if (reason.endsWith(' size limit')) return 'over the size limit';
  return reason.endsWith(' file') ? reason.slice(0, -' file'.length) : reason;
}

export interface HumanDiagnostics {
  /** What to list one by one, in order. */
  listed: Diagnostic[];
  /** "75 files skipped: 70 binary, 5 minified" when skipped files were folded; else undefined. */
  skipped?: string;
}

/**
 * Diagnostics for a human report: skipped files are one line by reason (a repository can have
 * hundreds of binaries), unless `verbose`; machine formats always carry every one.
 */
export function humanDiagnostics(
  diagnostics: readonly Diagnostic[],
  verbose: boolean | undefined,
): HumanDiagnostics {
  const sorted = sortDiagnostics(diagnostics);
  if (verbose) return { listed: sorted };
  const reasons = new Map<string, number>();
  const listed = sorted.filter((d) => {
    const reason = skipReason(d);
    if (reason !== undefined) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    return reason === undefined;
  });
  if (reasons.size === 0) return { listed };
  const total = [...reasons.values()].reduce((a, b) => a + b, 0);
  const parts = [...reasons.entries()]
    .sort(([a, x], [b, y]) => y - x || compareStrings(a, b))
    .map(([reason, n]) => `${n} ${reason}`);
  return { listed, skipped: `${plural(total, 'file')} skipped: ${parts.join(', ')}` };
}

/** Diagnostics a human report lists one by one; the rest are counted. */
export const MAX_DIAGNOSTICS_LISTED = 20;

/** "1 error, 2 warnings" */
export function describeDiagnosticCounts(summary: Summary): string {
  return (['error', 'warning', 'note'] as const)
    .filter((level) => summary.diagnostics[level] > 0)
    .map((level) => plural(summary.diagnostics[level], level))
    .join(', ');
}

/** `path:line`, `path`, or nothing for a scan-wide diagnostic. */
export function diagnosticPlace(d: Diagnostic): string | undefined {
  if (!d.path) return undefined;
  return d.line ? `${d.path}:${d.line}` : d.path;
}

/** Where the other sources that reach a finding's sink are (Finding.otherFlows), each once. */
export function otherSources(finding: Finding): Location[] {
  return (finding.otherFlows ?? []).flatMap((flow) => (flow[0] ? [flow[0].location] : []));
}

export function isSuppressed(finding: Finding): boolean {
  return finding.suppression !== undefined;
}

/** Findings a human report lists: suppressed ones only on request. */
export function shownFindings(findings: readonly Finding[], showSuppressed: boolean | undefined): Finding[] {
  return showSuppressed ? [...findings] : findings.filter((f) => !isSuppressed(f));
}

export interface FindingSection {
  /** Set for a section of sca/container findings about one package. */
  package?: PackageRef;
  findings: Finding[];
}

/** Findings about one file, or (for container findings) one image. */
export interface FindingGroup {
  target: string;
  image?: ImageRef;
  /** File-level findings first, then one section per package, by name and version. */
  sections: FindingSection[];
}

function packageKey(pkg: PackageRef): string {
  return `${pkg.ecosystem}\u0000${pkg.name}\u0000${pkg.version}`;
}

/**
 * One package as several findings describe it: fields one finding lacks come from another, and
 * the fixed version is the highest, the one that clears them all.
 */
function mergePackage(a: PackageRef, b: PackageRef): PackageRef {
  const merged: PackageRef = {
    ...b,
    ...Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)),
  };
  if (a.fixedVersion && b.fixedVersion && versionCollator.compare(b.fixedVersion, a.fixedVersion) > 0) {
    merged.fixedVersion = b.fixedVersion;
  }
  return merged;
}

/** The rank of the most severe finding (0 = critical), for putting the worst first. */
function worstRank(findings: readonly Finding[]): number {
  return Math.min(...findings.map((f) => severityRank(f.severity)));
}

/**
 * Group by file (or image), then by package: the groups with the most severe findings first (then
 * by name), and inside each the findings most severe first. Everything in a stable order.
 */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<
    string,
    { image?: ImageRef; loose: Finding[]; packages: Map<string, FindingSection> }
  >();
  for (const finding of sortByLocation(findings)) {
    const target = finding.image ? finding.image.ref : finding.location.path;
    let group = groups.get(target);
    if (!group) {
      group = { loose: [], packages: new Map(), ...(finding.image ? { image: finding.image } : {}) };
      groups.set(target, group);
    }
    if (!finding.package) {
      group.loose.push(finding);
      continue;
    }
    const key = packageKey(finding.package);
    const section = group.packages.get(key);
    if (section) {
      section.findings.push(finding);
      section.package = mergePackage(section.package!, finding.package);
    } else group.packages.set(key, { package: finding.package, findings: [finding] });
  }
  const sections = (group: { loose: Finding[]; packages: Map<string, FindingSection> }): FindingSection[] => [
    ...(group.loose.length > 0 ? [{ findings: sortBySeverity(group.loose) }] : []),
    ...[...group.packages.entries()]
      .sort(([a, x], [b, y]) => worstRank(x.findings) - worstRank(y.findings) || compareStrings(a, b))
      .map(([, s]) => ({ ...s, findings: sortBySeverity(s.findings) })),
  ];
  return [...groups.entries()]
    .map(([target, group]) => ({
      target,
      ...(group.image ? { image: group.image } : {}),
      sections: sections(group),
    }))
    .sort(
      (a, b) =>
        worstRank(a.sections.flatMap((s) => s.findings)) - worstRank(b.sections.flatMap((s) => s.findings)) ||
        compareStrings(a.target, b.target),
    );
}

/** Every distinct dependency path of a section's package, in a stable order. */
export function dependencyPaths(section: FindingSection): string[][] {
  const paths = new Map<string, string[]>();
  for (const finding of section.findings) {
    for (const path of finding.package?.paths ?? []) paths.set(path.join('\u0000'), path);
  }
  return [...paths.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, path]) => path);
}

export type SeverityCounts = Record<Severity, number>;

export interface Summary {
  /** Findings that are not suppressed. */
  total: number;
  suppressed: number;
  bySeverity: SeverityCounts;
  byKind: Record<FindingKind, SeverityCounts>;
  /** The threshold the counts were judged against; `null` when none was given. */
  failOn: FailThreshold | null;
  /** Findings below it are an audit tail: reported, never counted against `failOn`. */
  minPrecision: Precision;
  /** Unsuppressed findings at least `minPrecision` certain, at or above `failOn`. */
  failing: number;
  /** Unsuppressed findings below `minPrecision`. */
  audit: number;
  /** Unsuppressed findings a policy keeps from gating (`Finding.nonGating`: unreachable dependencies). */
  nonGating: number;
  /** Verdicts of the SCA findings that carry one; null when none does. */
  reachability: ReachabilityCounts | null;
  /** True when `failing > 0`: the CLI exits 1. */
  thresholdMet: boolean;
  diagnostics: Record<Diagnostic['level'], number>;
  /** Scanners that could not do their job: "no findings" from them is not a pass (the CLI exits 3). */
  incomplete: IncompleteScanner[];
}

function zeroCounts(): SeverityCounts {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
}

/** The summary line for a scanner that could not run, the same in every format. */
export function incompleteLine(i: IncompleteScanner): string {
  return `INCOMPLETE: scanner ${i.scanner} could not do its job: ${i.reason}`;
}

export function summarize(
  result: ScanResult,
  failOn: FailThreshold | undefined,
  minPrecision: Precision = DEFAULT_MIN_PRECISION,
): Summary {
  const bySeverity = zeroCounts();
  const byKind = Object.fromEntries(FINDING_KINDS.map((k) => [k, zeroCounts()])) as Record<
    FindingKind,
    SeverityCounts
  >;
  let total = 0;
  let suppressed = 0;
  let failing = 0;
  let audit = 0;
  let nonGating = 0;
  for (const finding of result.findings) {
    if (isSuppressed(finding)) {
      suppressed++;
      continue;
    }
    total++;
    bySeverity[finding.severity]++;
    byKind[finding.kind][finding.severity]++;
    if (finding.nonGating) nonGating++;
    else if (belowPrecision(finding, minPrecision)) audit++;
    else if (failOn !== undefined && meetsThreshold(finding.severity, failOn)) failing++;
  }
  const diagnostics = { error: 0, warning: 0, note: 0 };
  for (const d of result.diagnostics) diagnostics[d.level]++;
  return {
    total,
    suppressed,
    bySeverity,
    byKind,
    failOn: failOn ?? null,
    minPrecision,
    failing,
    audit,
    nonGating,
    reachability: reachabilityCounts(result.findings) ?? null,
    thresholdMet: failing > 0,
    diagnostics,
    incomplete: incompleteScanners(result.diagnostics),
  };
}

/** "3 high, 1 low" — only the severities present, most serious first. */
export function describeCounts(counts: SeverityCounts): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

/** What a scan covered, in its own unit: "15 packages" for an image, else "42 files". */
export function scannedCount(stats: { files: number; packages?: number }): string {
  return stats.packages === undefined ? plural(stats.files, 'file') : plural(stats.packages, 'package');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export interface PackageFix {
  ecosystem: string;
  name: string;
  /** Installed versions the upgrade moves away from. */
  from: string[];
  /** The lowest version that clears every listed finding on this package. */
  to: string;
  /** How many (unsuppressed) findings the upgrade clears. */
  fixes: number;
  advisoryIds: string[];
}

/** "Upgrade lodash to 4.17.21: fixes 3" — one line per package, the most findings cleared first. */
export function packageFixes(findings: readonly Finding[]): PackageFix[] {
  const byPackage = new Map<
    string,
    { pkg: PackageRef; to: string; fixes: number; from: Set<string>; ids: Set<string> }
  >();
  for (const finding of findings) {
    const pkg = finding.package;
    if (!pkg?.fixedVersion || isSuppressed(finding)) continue;
    const key = `${pkg.ecosystem}\u0000${pkg.name}`;
    const entry = byPackage.get(key) ?? {
      pkg,
      to: pkg.fixedVersion,
      fixes: 0,
      from: new Set(),
      ids: new Set(),
    };
    byPackage.set(key, entry);
    entry.fixes++;
    entry.from.add(pkg.version);
    entry.ids.add(finding.advisoryIds?.[0] ?? finding.ruleId);
    if (versionCollator.compare(pkg.fixedVersion, entry.to) > 0) entry.to = pkg.fixedVersion;
  }
  return [...byPackage.values()]
    .map((e) => ({
      ecosystem: e.pkg.ecosystem,
      name: e.pkg.name,
      from: [...e.from].sort(versionCollator.compare),
      to: e.to,
      fixes: e.fixes,
      advisoryIds: [...e.ids].sort(compareStrings),
    }))
    .sort(
      (a, b) =>
        b.fixes - a.fixes || compareStrings(a.name, b.name) || compareStrings(a.ecosystem, b.ecosystem),
    );
}

export function formatLocation(location: Location): string {
  return `${location.path}:${location.startLine}:${location.startColumn}`;
}

export function formatPackage(pkg: PackageRef): string {
  return `${pkg.name}@${pkg.version} (${pkg.ecosystem})`;
}

export function formatDependencyPath(path: readonly string[]): string {
  return path.join(' → ');
}

export function formatLayer(image: ImageRef): string | undefined {
  if (image.layerIndex === undefined && !image.layerDigest) return undefined;
  const parts = [
    // layerIndex is 0-based; people (and the container scanner's messages) count layers from 1.
    image.layerIndex !== undefined ? `layer ${image.layerIndex + 1}` : 'layer',
    image.layerDigest ? shortDigest(image.layerDigest) : undefined,
    image.createdBy ? `(${image.createdBy})` : undefined,
  ];
  return parts.filter((p) => p !== undefined).join(' ');
}

function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.includes(':') ? digest.split(':', 2) : ['', digest];
  return `${algorithm ? `${algorithm}:` : ''}${(hex ?? '').slice(0, 12)}`;
}

/** A CVSS base score a scanner recorded on the finding, if any (see Finding.properties). */
export function cvssScore(finding: Finding): number | undefined {
  const score = finding.properties?.['cvssScore'];
  return typeof score === 'number' && Number.isFinite(score) && score >= 0 && score <= 10 ? score : undefined;
}

/**
 * Property names that could hold a secret's raw value. A secret is masked where it is found; as a
 * second line of defence, reporters never copy such a property of a secret finding.
 */
const RAW_VALUE_KEY = /secret|token|password|passwd|credential|private|value|raw|match|key/i;

/** The properties a reporter may print: everything, except raw-value-like keys on secret findings. */
export function printableProperties(finding: Finding): Record<string, unknown> | undefined {
  const properties = finding.properties;
  if (!properties) return undefined;
  if (finding.kind !== 'secret') return properties;
  const kept = Object.entries(properties).filter(([key]) => !RAW_VALUE_KEY.test(key));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}
