/**
 * The JSON report: a stable contract users script against (docs/output-formats.md). Every object
 * is built key by key so the order never depends on how a scanner filled a finding, and every
 * field is always present: `null` when absent, `[]` for absent lists.
 */
import {
  precisionOf,
  type Diagnostic,
  type Finding,
  type FlowStep,
  type Location,
  type RuleMeta,
} from '../core/finding.ts';
import type { ScanResult } from '../core/scanner.ts';
import { SEVERITIES } from '../core/severity.ts';
import {
  FINDING_KINDS,
  compareStrings,
  printableProperties,
  sortByLocation,
  sortDiagnostics,
  summarize,
} from './model.ts';
import type { SeverityCounts, Summary } from './model.ts';
import type { Reporter, ReportOptions } from './reporter.ts';

export const JSON_REPORT_VERSION = 1;

function location(l: Location) {
  return {
    path: l.path,
    startLine: l.startLine,
    startColumn: l.startColumn,
    endLine: l.endLine,
    endColumn: l.endColumn,
    snippet: l.snippet ?? null,
  };
}

function flowStep(step: FlowStep) {
  return { location: location(step.location), message: step.message };
}

/** Objects from scanners' free-form `properties` get their keys sorted, recursively. */
function sortedKeys(value: unknown, depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => sortedKeys(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([k, v]) => [k, sortedKeys(v, depth + 1)]),
  );
}

export function jsonFinding(f: Finding, rule?: RuleMeta) {
  const pkg = f.package;
  const image = f.image;
  const properties = printableProperties(f);
  return {
    ruleId: f.ruleId,
    kind: f.kind,
    severity: f.severity,
    precision: precisionOf(f, rule),
    title: f.title,
    message: f.message,
    location: location(f.location),
    cwe: f.cwe ?? [],
    owasp: f.owasp ?? [],
    advisoryIds: f.advisoryIds ?? [],
    fix: f.fix
      ? {
          description: f.fix.description,
          replacement: f.fix.replacement
            ? { location: location(f.fix.replacement.location), text: f.fix.replacement.text }
            : null,
        }
      : null,
    flow: (f.flow ?? []).map(flowStep),
    otherFlows: (f.otherFlows ?? []).map((flow) => flow.map(flowStep)),
    package: pkg
      ? {
          ecosystem: pkg.ecosystem,
          name: pkg.name,
          version: pkg.version,
          purl: pkg.purl ?? null,
          fixedVersion: pkg.fixedVersion ?? null,
          fixedVersions: pkg.fixedVersions ?? [],
          direct: pkg.direct ?? null,
          dev: pkg.dev ?? null,
          paths: pkg.paths ?? [],
          source: pkg.source ?? null,
          fixWithinRange: pkg.fixWithinRange ?? null,
        }
      : null,
    image: image
      ? {
          ref: image.ref,
          digest: image.digest ?? null,
          layerDigest: image.layerDigest ?? null,
          layerIndex: image.layerIndex ?? null,
          createdBy: image.createdBy ?? null,
          os: image.os ?? null,
        }
      : null,
    fingerprint: f.fingerprint,
    nonGating: f.nonGating ?? null,
    suppression: f.suppression
      ? {
          kind: f.suppression.kind,
          justification: f.suppression.justification ?? null,
          location: f.suppression.location ? location(f.suppression.location) : null,
        }
      : null,
    properties: properties ? sortedKeys(properties) : {},
  };
}

function jsonRule(r: RuleMeta) {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    severity: r.severity,
    cwe: r.cwe ?? [],
    owasp: r.owasp ?? [],
    help: r.help,
    fixHint: r.fixHint ?? null,
    tags: r.tags ?? [],
    helpUri: r.helpUri ?? null,
    precision: r.precision ?? null,
  };
}

function jsonDiagnostic(d: Diagnostic) {
  return {
    level: d.level,
    message: d.message,
    path: d.path ?? null,
    line: d.line ?? null,
    source: d.source ?? null,
    incomplete: d.incomplete === true,
  };
}

function counts(c: SeverityCounts) {
  return Object.fromEntries(SEVERITIES.map((s) => [s, c[s]]));
}

function jsonSummary(s: Summary) {
  return {
    total: s.total,
    suppressed: s.suppressed,
    bySeverity: counts(s.bySeverity),
    byKind: Object.fromEntries(FINDING_KINDS.map((k) => [k, counts(s.byKind[k])])),
    failOn: s.failOn,
    minPrecision: s.minPrecision,
    failing: s.failing,
    audit: s.audit,
    nonGating: s.nonGating,
    reachability: s.reachability
      ? {
          advisories: s.reachability.advisories,
          reachable: s.reachability.reachable,
          imported: s.reachability.imported,
          unreachable: s.reachability.unreachable,
        }
      : null,
    thresholdMet: s.thresholdMet,
    diagnostics: { error: s.diagnostics.error, warning: s.diagnostics.warning, note: s.diagnostics.note },
    incomplete: s.incomplete.map((i) => ({ scanner: i.scanner, reason: i.reason })),
  };
}

/** The whole document as a value (the GitHub helpers and tests use it without re-parsing). */
export function buildJsonReport(result: ScanResult, options: ReportOptions) {
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: result.tool.name, version: result.tool.version },
    root: result.root,
    findings: sortByLocation(result.findings).map((f) => jsonFinding(f, rules.get(f.ruleId))),
    diagnostics: sortDiagnostics(result.diagnostics).map(jsonDiagnostic),
    rules: [...result.rules].sort((a, b) => compareStrings(a.id, b.id)).map(jsonRule),
    summary: jsonSummary(summarize(result, options.failOn, options.minPrecision)),
    stats: {
      files: result.stats.files,
      ...(result.stats.packages === undefined ? {} : { packages: result.stats.packages }),
      durationMs: result.stats.durationMs,
      scanners: [...result.stats.scanners],
    },
  };
}

export const renderJson: Reporter = (result, options) =>
  `${JSON.stringify(buildJsonReport(result, options), null, 2)}\n`;
