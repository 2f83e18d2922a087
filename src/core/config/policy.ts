import type { Diagnostic } from '../finding.ts';
import { CONFIG_FILES, type LoadedConfig } from './loader.ts';

/**
 * Helpers for judging a pull request by the configuration of its base commit (the App and the
 * Action): the pull request under review is input, never policy.
 */

/** A configuration file as it is at the base commit: its path in the scan root and its text. */
export interface BaseConfigFile {
  path: string;
  text: string;
}

/**
 * The configuration file a pull request changes, if any: the first of `candidates` (CONFIG_FILES
 * by default) present in the head whose text differs from the base's chosen file, or the base's
 * file when the head removes it.
 */
export async function changedConfig(
  readHead: (path: string) => Promise<string | undefined>,
  base: BaseConfigFile | undefined,
  candidates: readonly string[] = CONFIG_FILES,
): Promise<string | undefined> {
  for (const path of candidates) {
    const head = await readHead(path);
    if (head === undefined && base?.path !== path) continue;
    return base?.path === path && head === base.text ? undefined : path;
  }
  return undefined;
}

/**
 * Said in the summary when a pull request changes the configuration that judges it; `judge` names
 * where that came from (`its base commit abc1234`, `the default branch`).
 */
export function changedConfigNote(path: string, judge: string): Diagnostic {
  return {
    level: 'note',
    source: 'configuration',
    path,
    message: `this change edits ${path}: it was judged by the configuration of ${judge}; the new one takes effect after merge`,
  };
}

/**
 * The operator-only keys a repository's file set, as error diagnostics naming the file, line and
 * key; `where` says where the operator sets them instead (`the App's environment`, …).
 */
export function refusedDiagnostics(loaded: LoadedConfig, where: string): Diagnostic[] {
  return (loaded.refused ?? []).map((issue) => ({
    level: 'error',
    source: 'configuration',
    path: issue.file,
    ...(issue.line === undefined ? {} : { line: issue.line }),
    message: `${issue.keyPath}: only the operator sets this (${where}), not a file in the repository; ignored`,
  }));
}
