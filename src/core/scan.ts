import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { scanners as registeredScanners } from '../scanners.ts';
import type { ConfigSource } from './config/loader.ts';
import type { ScannerId, VigilConfig } from './config/types.ts';
import {
  applyConfigIgnores,
  applyRuleSettings,
  EXPIRED_IGNORE_RULE,
  expiredIgnores,
  resolvePathFilters,
  type RuleSelection,
  unknownRuleWarnings,
} from './filters.ts';
import { precisionOf, type Diagnostic, type DraftFinding, type Finding, type RuleMeta } from './finding.ts';
import { assignFingerprints } from './fingerprint.ts';
import {
  silentProgress,
  type Progress,
  type ScanOptions,
  type ScanResult,
  type Scanner,
  type WalkedFile,
} from './scanner.ts';
import { severityRank } from './severity.ts';
import { applyDirectives, collectSuppressions, INVALID_SUPPRESSION_RULE } from './suppressions.ts';
import { withoutUserinfo } from './urls.ts';
import { VERSION } from './version.ts';
import { DEFAULT_MAX_FILE_SIZE, globMatcher, walk } from './walker.ts';

/** Choices made for one scan on top of the configuration (the CLI's flags, an Action's inputs). */
export interface ScanSelection {
  rules?: RuleSelection;
  /** Replaces the config's `include` when non-empty. */
  include?: readonly string[];
  /** Added to the config's `exclude`. */
  exclude?: readonly string[];
  /** Replaces the config's `scanners`. */
  scanners?: readonly ScannerId[];
  /** Only these files and folders (relative POSIX paths under the root): `vigil scan a.js lib/`. */
  targets?: readonly string[];
}

export interface ScanRequest {
  /** Directory to scan (resolved against the process's working directory). */
  root: string;
  config?: VigilConfig;
  /** Where `config` came from, so findings about it point at a file and line. */
  configSource?: ConfigSource;
  /** Passed to every scanner (offline, changedSince, …). */
  options?: ScanOptions;
  select?: ScanSelection;
  /** The scanner implementations; defaults to the registry in src/scanners.ts. */
  scanners?: readonly Scanner[];
  progress?: Progress;
  signal?: AbortSignal;
  /** Today, for ignore expiry (tests pin it). */
  now?: Date;
  /**
   * Honour .gitignore files (default true). The App turns it off: its tree holds committed files
   * only, and a pull request's own .gitignore must not hide them from its scan.
   */
  gitignore?: boolean;
}

/** The scan target itself is unusable (missing, not a directory). Front ends report it as a usage error. */
export class ScanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScanInputError';
  }
}

/**
 * The whole pipeline, shared by the CLI, the Action and the App: walk, run the enabled scanners
 * (one that throws becomes an error diagnostic; the rest still run), fingerprint, apply rule
 * settings, inline suppressions and config ignores, sort. No terminal or process concerns here.
 */
export async function runScan(request: ScanRequest): Promise<ScanResult> {
  const started = performance.now();
  const root = resolve(request.root);
  const config = request.config ?? {};
  const select = request.select ?? {};
  const progress = request.progress ?? silentProgress;
  const ruleSelection = select.rules ?? {};
  await assertDirectory(root, request.root);

  const available = request.scanners ?? registeredScanners;
  const wanted = select.scanners?.length ? select.scanners : (config.scanners ?? available.map((s) => s.id));
  const enabled = available.filter((s) => wanted.includes(s.id));

  const paths = resolvePathFilters(config, select);
  const largeFiles = enabled.flatMap((s) => (s.largeFiles ? [s.largeFiles] : []));
  const maxFileSize = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const walked = await walk(root, {
    include: paths.include,
    exclude: paths.exclude,
    ...(select.targets?.length ? { targets: select.targets } : {}),
    maxFileSize,
    ...(request.gitignore === false ? { gitignore: false } : {}),
    ...(largeFiles.length ? { largeFiles } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  });
  const diagnostics: Diagnostic[] = [...walked.diagnostics];
  for (const id of wanted) {
    if (!available.some((s) => s.id === id)) {
      diagnostics.push({
        level: 'warning',
        source: 'scan',
        message: `scanner "${id}" is not available in this build`,
      });
    }
  }

  const options: ScanOptions = { ...request.options, ruleSelection };
  const drafts: DraftFinding[] = [];
  const rules = new Map<string, RuleMeta>();
  for (const scanner of enabled) {
    request.signal?.throwIfAborted();
    progress.start(scanner.id, 0);
    try {
      const out = await scanner.run({
        root,
        files: filesFor(scanner, walked.files, maxFileSize),
        config,
        options,
        progress,
        ...(request.signal ? { signal: request.signal } : {}),
      });
      drafts.push(...out.findings);
      diagnostics.push(...out.diagnostics);
      for (const rule of out.rules) if (!rules.has(rule.id)) rules.set(rule.id, rule);
    } catch (error) {
      // An aborted scan ends with the caller's reason, not whatever the interrupted scanner threw.
      request.signal?.throwIfAborted();
      diagnostics.push({
        level: 'error',
        source: scanner.id,
        incomplete: true,
        message: `scanner ${scanner.id} failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  progress.done();

  const suppressions = await collectSuppressions(walked.files.filter((f) => walked.marked.has(f.path)));
  const ignoreEntries = config.ignore ?? [];
  const now = request.now ?? new Date();
  const expired = expiredIgnores(ignoreEntries, request.configSource, now);
  rules.set(INVALID_SUPPRESSION_RULE.id, INVALID_SUPPRESSION_RULE);
  rules.set(EXPIRED_IGNORE_RULE.id, EXPIRED_IGNORE_RULE);
  diagnostics.push(...unknownRuleWarnings([...rules.values()], config, ruleSelection, request.configSource));

  let findings = assignFingerprints([...drafts, ...suppressions.problems, ...expired]);
  // Every finding says how sure it is, so reporters and --fail-on need no rule lookup.
  findings = findings.map((f) =>
    f.precision ? f : { ...f, precision: precisionOf(f, rules.get(f.ruleId)) },
  );
  findings = applyRuleSettings(findings, config, ruleSelection);
  findings = applyDirectives(findings, suppressions.byPath);
  findings = applyConfigIgnores(findings, ignoreEntries, request.configSource, now);
  findings.sort(compareFindings);

  return {
    version: 1,
    tool: { name: 'vigil', version: VERSION },
    root,
    findings,
    rules: applyRuleSettings([...rules.values()], config, ruleSelection).sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    ),
    // Messages quote URLs (OSV API, registries, git remotes) and go to logs and PR comments.
    diagnostics: diagnostics.map((d) => ({ ...d, message: withoutUserinfo(d.message) })),
    stats: {
      files: walked.files.length,
      durationMs: Math.round(performance.now() - started),
      scanners: enabled.map((s) => s.id),
    },
  };
}

/** Files above the normal cap go only to the scanner that asked for them. */
function filesFor(scanner: Scanner, files: WalkedFile[], maxFileSize: number): WalkedFile[] {
  if (!files.some((f) => f.size > maxFileSize)) return files;
  const allowance = scanner.largeFiles;
  const allowed = allowance ? globMatcher(allowance.include) : undefined;
  return files.filter(
    (f) => f.size <= maxFileSize || (allowed?.(f.path) && f.size <= allowance!.maxFileSize),
  );
}

async function assertDirectory(abs: string, shown: string): Promise<void> {
  const info = await stat(abs).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) {
    const code = (info as NodeJS.ErrnoException).code;
    throw new ScanInputError(
      code === 'ENOENT'
        ? `path not found: ${shown}`
        : code === 'EACCES'
          ? `permission denied: ${shown}`
          : `cannot scan ${shown}: ${info.message}`,
    );
  }
  if (!info.isDirectory()) {
    throw new ScanInputError(
      `not a directory: ${shown} (to scan one file, scan its directory with --include <name>)`,
    );
  }
}

/** Most serious first, then by place, so reports and exit codes are deterministic. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    cmp(a.location.path, b.location.path) ||
    a.location.startLine - b.location.startLine ||
    a.location.startColumn - b.location.startColumn ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.fingerprint, b.fingerprint)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
