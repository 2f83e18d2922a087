import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { defaultCacheDir } from '../core/cache-dir.ts';
import { describeFsError } from '../core/config/loader.ts';
import { SCANNER_IDS, type ScannerId, type VigilConfig } from '../core/config/types.ts';
import { failingFindings } from '../core/filters.ts';
import { DEFAULT_MIN_PRECISION, incompleteScanners, PRECISIONS, type Precision } from '../core/finding.ts';
import { MAX_WORKERS, type ScanResult } from '../core/scanner.ts';
import { SEVERITIES, type FailThreshold } from '../core/severity.ts';
import { render } from '../report/index.ts';
import { incompleteLine, scannedCount } from '../report/model.ts';
import { REPORT_FORMATS, type ReportFormat } from '../report/reporter.ts';
import { EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_OK, UsageError } from './exit.ts';
import type { CliIO } from './io.ts';

export const FAIL_THRESHOLDS: readonly FailThreshold[] = [...SEVERITIES, 'none'];
export const DEFAULT_FAIL_ON: FailThreshold = 'high';

/** Commander helper for repeatable options (`--rule a --rule b`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `--workers 4` → a whole number of worker threads (0: analyse in the main thread). */
export function parseWorkerCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > MAX_WORKERS)
    throw new UsageError(`--workers: expected a whole number from 0 to ${MAX_WORKERS}, got "${value}"`);
  return n;
}

/** `--scanners sast,sca` → validated ids. */
export function parseScannerList(value: string): ScannerId[] {
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !(SCANNER_IDS as readonly string[]).includes(id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new UsageError(
      `--scanners: unknown scanner ${unknown.map((u) => `"${u}"`).join(', ') || '(empty list)'}; expected a comma-separated list of ${SCANNER_IDS.join(', ')}`,
    );
  }
  return ids as ScannerId[];
}

/** The options every report-producing command shares: format, output, threshold, noise and colour. */
export function addReportOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 when an unsuppressed finding at or above this severity is reported (default: config failOn, else high)',
      ).choices(FAIL_THRESHOLDS),
    )
    .addOption(
      new Option(
        '--min-precision <level>',
        'only findings at least this certain count against --fail-on (very-high: a proven flow; high: dangerous whatever the data; medium/low: patterns for a human to look at, listed as an audit tail); default: config minPrecision, else high',
      ).choices(PRECISIONS),
    )
    .option('--show-suppressed', 'list suppressed findings in text and markdown reports')
    .option('--verbose', 'list every skipped file in text and markdown reports (else one line per reason)')
    .option('-q, --quiet', 'no progress bar and no summary on stderr')
    .option('--no-color', 'no ANSI colours (also NO_COLOR=1)');
}

/**
 * The advisory options `scan` and `image` share. `matched` names what is matched against advisories
 * (dependencies, packages); `cached` lists what the cache directory holds for that command.
 */
export function addAdvisoryOptions(command: Command, matched: string, cached: string): Command {
  return command
    .option('--offline', `no network: match ${matched} against the local advisory database only`)
    .option(
      '--database <path>',
      `match ${matched} against this advisory database (a file, or a directory holding osv.db) only; sets sca.database`,
    )
    .option(
      '--cache-dir <dir>',
      `cache directory: ${cached} (default: $VIGIL_CACHE_DIR, else $XDG_CACHE_HOME/vigil, else ~/.cache/vigil)`,
    );
}

export interface AdvisoryChoices {
  /** The config with `sca.database` set from `--database`. */
  config: VigilConfig;
  offline: boolean;
  cacheDir: string;
}

/** Read addAdvisoryOptions' values; paths named on the command line are relative to the working directory. */
export function advisoryChoices(
  options: Record<string, unknown>,
  io: CliIO,
  config: VigilConfig,
): AdvisoryChoices {
  return {
    config:
      typeof options.database === 'string'
        ? { ...config, sca: { ...config.sca, database: resolve(io.cwd, options.database) } }
        : config,
    offline: options.offline === true,
    cacheDir:
      typeof options.cacheDir === 'string' ? resolve(io.cwd, options.cacheDir) : defaultCacheDir(io.env),
  };
}

export interface ReportChoices {
  format: ReportFormat;
  output?: string;
  failOn: FailThreshold;
  minPrecision: Precision;
  showSuppressed: boolean;
  verbose: boolean;
  quiet: boolean;
  color: boolean;
}

/** Read addReportOptions' values; the config's `failOn` and `minPrecision` yield to the flags. */
export function reportChoices(
  options: Record<string, unknown>,
  io: CliIO,
  config: Pick<VigilConfig, 'failOn' | 'minPrecision'> = {},
): ReportChoices {
  const output = typeof options.output === 'string' ? options.output : undefined;
  return {
    format: (options.format as ReportFormat | undefined) ?? 'text',
    ...(output === undefined ? {} : { output }),
    failOn: (options.failOn as FailThreshold | undefined) ?? config.failOn ?? DEFAULT_FAIL_ON,
    minPrecision:
      (options.minPrecision as Precision | undefined) ?? config.minPrecision ?? DEFAULT_MIN_PRECISION,
    showSuppressed: options.showSuppressed === true,
    verbose: options.verbose === true,
    quiet: options.quiet === true,
    color: output === undefined && useColor(options.color !== false, io),
  };
}

/** Colour only on a terminal, unless NO_COLOR / FORCE_COLOR say otherwise (https://no-color.org). */
export function useColor(flag: boolean, io: CliIO): boolean {
  if (!flag) return false;
  if (io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.stdout.isTTY === true;
}

/** Render, write to stdout or the output file, summarise on stderr, and return the exit code. */
export async function emitReport(result: ScanResult, choices: ReportChoices, io: CliIO): Promise<number> {
  const text = render(choices.format, result, {
    color: choices.color,
    failOn: choices.failOn,
    minPrecision: choices.minPrecision,
    showSuppressed: choices.showSuppressed,
    verbose: choices.verbose,
  });
  if (choices.output !== undefined) {
    try {
      await writeFile(resolve(io.cwd, choices.output), text);
    } catch (error) {
      throw new UsageError(`cannot write ${choices.output}: ${describeFsError(error)}`);
    }
  } else {
    io.stdout.write(text);
  }
  const failing = failingFindings(result.findings, choices.failOn, choices.minPrecision);
  if (!choices.quiet && (choices.output !== undefined || choices.format !== 'text')) {
    io.stderr.write(`${summaryLine(result, failing.length, choices)}\n`);
  }
  // A scanner that could not run is said on stderr whatever the format, and never reads as a pass.
  const incomplete = incompleteScanners(result.diagnostics);
  for (const i of incomplete) io.stderr.write(`vigil: ${incompleteLine(i)}\n`);
  if (failing.length > 0) return EXIT_FINDINGS;
  return incomplete.length > 0 ? EXIT_INCOMPLETE : EXIT_OK;
}

function summaryLine(result: ScanResult, failing: number, choices: ReportChoices): string {
  const suppressed = result.findings.filter((f) => f.suppression).length;
  const errors = result.diagnostics.filter((d) => d.level === 'error').length;
  const parts = [
    `vigil: ${result.findings.length - suppressed} finding${result.findings.length - suppressed === 1 ? '' : 's'}`,
    ...(suppressed ? [`${suppressed} suppressed`] : []),
    ...(errors ? [`${errors} error${errors === 1 ? '' : 's'} (see report)`] : []),
    `${scannedCount(result.stats)} in ${(result.stats.durationMs / 1000).toFixed(1)}s`,
  ];
  const verdict =
    choices.failOn === 'none'
      ? ''
      : failing > 0
        ? `; ${failing} at or above ${choices.failOn}`
        : `; none at or above ${choices.failOn}`;
  const where = choices.output !== undefined ? ` → ${choices.output}` : '';
  return `${parts.join(', ')}${verdict}${where}`;
}
