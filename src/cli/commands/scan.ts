import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config/loader.ts';
import { runScan, type ScanRequest } from '../../core/scan.ts';
import { silentProgress } from '../../core/scanner.ts';
import { ChangedSinceError, changedFiles } from '../../sast/changed.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../exit.ts';
import { applyBaseline, baselineFingerprints, resolveBaselineCommit } from '../baseline-commit.ts';
import { checkRuleIds } from '../rule-ids.ts';
import { scanTargets } from '../targets.ts';
import {
  addAdvisoryOptions,
  addReportOptions,
  advisoryChoices,
  collect,
  emitReport,
  parseScannerList,
  parseWorkerCount,
  reportChoices,
} from '../options.ts';
import { createProgressBar, shouldShowProgress } from '../progress.ts';

const EXAMPLES = `
Examples:
  $ vigil scan                              scan the current directory, text report
  $ vigil scan src --format sarif -o vigil.sarif
  $ vigil scan server.js lib/               only these files and folders
  $ vigil scan . --format json --fail-on critical
  $ vigil scan --rule js/code-injection --rule js/sql-injection
  $ vigil scan --exclude 'test/**' --exclude-rule js/weak-hash
  $ vigil scan --scanners sca --offline     dependencies only, no network
  $ vigil scan --database advisories.db     dependencies matched against that database

Exit codes: 0 no finding at or above the threshold, 1 at least one, 2 usage, config or scan error,
3 incomplete: no finding failed, but a scanner could not do its job (no network, no database, a crash).`;

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'scan directories or files: source code (SAST), dependencies (SCA) and Dockerfiles',
  configure(command: Command) {
    command.argument('[paths...]', 'files and directories to scan (default: the current directory)');
    addAdvisoryOptions(
      addReportOptions(command),
      'dependencies',
      'source summaries, compiled parser code, advisories',
    )
      .option(
        '-c, --config <file>',
        'configuration file (default: .vigil.yml, else .github/vigil.yml in PATH)',
      )
      .option('--rule <id>', 'run only this rule (repeatable)', collect)
      .option('--exclude-rule <id>', 'do not run this rule (repeatable)', collect)
      .option('--include <glob>', 'scan only files matching this glob (repeatable)', collect)
      .option('--exclude <glob>', 'skip files matching this glob (repeatable)', collect)
      .option(
        '--scanners <list>',
        'comma-separated scanners to run: sast, sca, container, config',
        parseScannerList,
      )
      .option('--prod-only', 'dependencies: leave out packages reached only through dev dependencies')
      .option(
        '--vex <file>',
        'an OpenVEX or CycloneDX VEX document whose not_affected statements suppress advisories (repeatable; .vex/*.json and .openvex.json in the scanned folder are read too)',
        collect,
      )
      .option(
        '--changed-since <ref>',
        'a file filter: report source findings only in files changed since this git ref (and the files importing them)',
      )
      .option(
        '--baseline-commit <ref>',
        'report only findings new since this git commit (by fingerprint, as the Action and App do for pull requests); those already there are suppressed as "baseline"',
      )
      .option(
        '--workers <n>',
        'worker threads for source analysis; 0 analyses in the main thread (default: $VIGIL_WORKERS, else one per core, at most 8 and one per 500 files, at least 1; one on machines with 2 cores or fewer)',
        parseWorkerCount,
      )
      .addHelpText('after', EXAMPLES);
  },
  async run({ args, options, io }) {
    const { root, targets } = scanTargets(io.cwd, (args[0] as string[] | undefined) ?? []);
    const loaded = await loadConfig(root, options.config as string | undefined, io.cwd);
    // --database is named on the command line, so relative to the working directory, not the scanned tree
    const { config, offline, cacheDir } = advisoryChoices(options, io, loaded.config);
    const choices = reportChoices(options, io, loaded.config);
    checkRuleIds(options.rule as string[] | undefined, '--rule');
    checkRuleIds(options.excludeRule as string[] | undefined, '--exclude-rule');
    // A bad ref is a usage error before any work, with git's reason.
    if (typeof options.changedSince === 'string') {
      try {
        await changedFiles(root, options.changedSince);
      } catch (error) {
        if (error instanceof ChangedSinceError) throw new UsageError(error.message);
        throw error;
      }
    }
    const progress = shouldShowProgress(io, choices.quiet) ? createProgressBar(io.stderr) : silentProgress;
    const request: ScanRequest = {
      root,
      ...loaded,
      config,
      options: {
        ...(offline ? { offline: true } : {}),
        ...(options.prodOnly === true ? { prodOnly: true } : {}),
        ...(options.vex ? { vexFiles: vexFiles(options.vex as string[], io.cwd) } : {}),
        ...(typeof options.changedSince === 'string' ? { changedSince: options.changedSince } : {}),
        cacheDir,
        ...(typeof options.workers === 'number' ? { workers: options.workers } : {}),
      },
      select: {
        rules: {
          ...(options.rule ? { only: options.rule as string[] } : {}),
          ...(options.excludeRule ? { exclude: options.excludeRule as string[] } : {}),
        },
        ...(options.include ? { include: options.include as string[] } : {}),
        ...(options.exclude ? { exclude: options.exclude as string[] } : {}),
        ...(options.scanners ? { scanners: options.scanners as ReturnType<typeof parseScannerList> } : {}),
        ...(targets ? { targets } : {}),
      },
      progress,
    };
    const base =
      typeof options.baselineCommit === 'string'
        ? await resolveBaselineCommit(root, options.baselineCommit)
        : undefined;
    let result = await runScan(request);
    if (base) {
      const { changedSince: _unused, ...baseOptions } = request.options ?? {};
      const fingerprints = await baselineFingerprints(base, root, (baseRoot) =>
        runScan({ ...request, root: baseRoot, options: baseOptions, progress: silentProgress }),
      );
      result = applyBaseline(result, fingerprints, base);
    }
    return emitReport(result, choices, io);
  },
};

/** `--vex` paths as given and resolved; a missing one is a usage error naming it. */
function vexFiles(paths: string[], cwd: string): { path: string; abs: string }[] {
  return paths.map((path) => {
    const abs = resolve(cwd, path);
    if (!existsSync(abs) || !statSync(abs).isFile()) throw new UsageError(`--vex ${path}: no such file`);
    return { path, abs };
  });
}
