import type { VigilConfig, ScannerId } from './config/types.ts';
import type { Diagnostic, DraftFinding, Finding, RuleMeta } from './finding.ts';
import type { RuleSelection } from './filters.ts';
import type { InventoryResult } from '../sca/inventory.ts';

/** A file the walker accepted. */
export interface WalkedFile {
  /** POSIX path relative to the scan root. */
  path: string;
  absPath: string;
  size: number;
}

/** Progress reporting that works with or without a TTY. */
export interface Progress {
  start(label: string, total: number): void;
  tick(n?: number): void;
  done(): void;
}

export const silentProgress: Progress = { start() {}, tick() {}, done() {} };

/** The most worker threads a scan may be given (`--workers`, `$VIGIL_WORKERS`). */
export const MAX_WORKERS = 64;

/** Options from the command line that scanners may read; each scanner documents its own. */
export interface ScanOptions {
  offline?: boolean;
  prodOnly?: boolean;
  changedSince?: string;
  cacheDir?: string;
  /** Worker threads for CPU-bound scanners; 0 = in-process; at most MAX_WORKERS. */
  workers?: number;
  /** `--rule` / `--exclude-rule`; scanners may skip disabled rules with filters.ts `isRuleEnabled`. */
  ruleSelection?: RuleSelection;
  /**
   * Suppression files (osv-scanner.toml, the VEX documents) as a trusted commit has them, used instead of the scanned
   * tree's: the App and the Action pass a pull request's base, so the PR cannot ignore its own
   * findings. Undefined: read them from the tree (the CLI, a push).
   */
  trustedIgnoreFiles?: TrustedFiles;
  /**
   * Handed the lockfile inventory the SCA scanner read, so an upgrade plan is made from the same
   * scan (`vigil sca plan`, the PR summary) instead of reading the lockfiles again.
   */
  onInventory?: (inventory: InventoryResult) => void;
  /** `--vex FILE` documents (OpenVEX or CycloneDX VEX): `path` as the user wrote it, `abs` to read. */
  vexFiles?: { path: string; abs: string }[];
  [key: string]: unknown;
}

/** Files by POSIX path in the scan root, and where they were read (`the base commit abc1234`). */
export interface TrustedFiles {
  judge: string;
  files: Record<string, string>;
}

export interface ScanContext {
  /** Absolute path of the scan root. */
  root: string;
  /** Files the walker accepted (include/exclude, .gitignore and size caps already applied). */
  files: WalkedFile[];
  config: VigilConfig;
  options: ScanOptions;
  progress: Progress;
  signal?: AbortSignal;
}

export interface ScannerResult {
  findings: DraftFinding[];
  diagnostics: Diagnostic[];
  /** Metadata of every rule that could have fired (reporters list them). */
  rules: RuleMeta[];
}

/** A scanner turns a context into findings. Adding one touches nothing else. */
export interface Scanner {
  id: ScannerId;
  description: string;
  /**
   * Files this scanner needs even above the walker's size cap (lockfiles often exceed 1 MiB):
   * paths matching `include` globs are accepted up to `maxFileSize` bytes when it is enabled.
   */
  largeFiles?: { include: readonly string[]; maxFileSize: number };
  run(context: ScanContext): Promise<ScannerResult>;
}

/** What every reporter receives. */
export interface ScanResult {
  version: 1;
  tool: { name: 'vigil'; version: string };
  root: string;
  findings: Finding[];
  rules: RuleMeta[];
  diagnostics: Diagnostic[];
  /** `packages`: set by image scans, which count packages found (and no source `files`). */
  stats: { files: number; packages?: number; durationMs: number; scanners: ScannerId[] };
}
