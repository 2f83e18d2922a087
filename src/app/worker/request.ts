import type { ConfigSource } from '../../core/config/loader.ts';
import type { ScannerId, VigilConfig } from '../../core/config/types.ts';
import type { ScanResult, TrustedFiles } from '../../core/scanner.ts';
import type { PlanOutcome } from '../../sca/plan/make-plan.ts';
import type { RegistryChoice } from '../../sca/plan/registry-url.ts';

/**
 * What one scan in a worker needs, as plain data: it crosses to the worker thread by structured
 * clone, which copies data and refuses functions (a ConfigSource's `lineOf`).
 */
export interface WorkerScanRequest {
  root: string;
  config: VigilConfig;
  configSource?: PortableConfigSource;
  /** The operator's cache directory, when set (advisory answers, SAST summaries). */
  cacheDir?: string;
  /** A pull request's osv-scanner.toml files as its base has them (plain data). */
  trustedIgnoreFiles?: TrustedFiles;
  scanners: ScannerId[];
  /** Make the upgrade plan from this scan's findings and lockfiles, from the operator's registry. */
  upgradePlan?: { registry: RegistryChoice };
}

/** What a scan thread is started with, once for every scan it will run. */
export interface ThreadData {
  /** A module (file URL) exporting `scanners: Scanner[]` in place of vigil's registry (tests). */
  scannersModule?: string;
  /** V8's compile cache: a new thread reads the scanners' compiled code instead of compiling it again. */
  compileCache?: string;
}

/** A ConfigSource with its line of every key path the configuration holds, instead of a function. */
export interface PortableConfigSource {
  file: string;
  pathInRoot?: string;
  lines: Array<[keyPath: string, line: number]>;
}

/**
 * The key paths of `value` in the loader's notation (`a.b`, `a[2]`), each with its line when the
 * source knows it. The configuration is bounded by the loader's size limit, so is this walk.
 */
export function portableSource(source: ConfigSource, config: VigilConfig): PortableConfigSource {
  const lines: Array<[string, number]> = [];
  const visit = (value: unknown, path: string): void => {
    if (path) {
      const line = source.lineOf(path);
      if (line !== undefined) lines.push([path, line]);
    }
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${path}[${i}]`));
    else if (value !== null && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) visit(item, path ? `${path}.${key}` : key);
  };
  visit(config, '');
  return {
    file: source.file,
    ...(source.pathInRoot === undefined ? {} : { pathInRoot: source.pathInRoot }),
    lines,
  };
}

export function configSourceFrom(portable: PortableConfigSource): ConfigSource {
  const lines = new Map(portable.lines);
  return {
    file: portable.file,
    ...(portable.pathInRoot === undefined ? {} : { pathInRoot: portable.pathInRoot }),
    lineOf: (keyPath) => lines.get(keyPath),
  };
}

/**
 * The thread's answer to one request: the result and the upgrade plan as JSON text (plain data by
 * construction), or why not.
 */
export type WorkerScanMessage =
  { result: string; upgradePlan?: string } | { error: { name: string; message: string } };

/** One scan from a thread: its result and, when asked for, its upgrade plan (or why none). */
export interface ThreadScan {
  result: ScanResult;
  upgradePlan?: PlanOutcome;
}

export const parseResult = (message: { result: string; upgradePlan?: string }): ThreadScan => ({
  result: JSON.parse(message.result) as ScanResult,
  ...(message.upgradePlan ? { upgradePlan: JSON.parse(message.upgradePlan) as PlanOutcome } : {}),
});
