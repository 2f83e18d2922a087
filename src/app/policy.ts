import {
  checkConfigSize,
  checkConfigText,
  CONFIG_FILES,
  ConfigError,
  loadConfig,
  parseConfig,
  type LoadedConfig,
} from '../core/config/loader.ts';
import { applyOperatorSettings, type OperatorSettings } from '../core/config/operator.ts';
import {
  changedConfig,
  changedConfigNote,
  refusedDiagnostics,
  type BaseConfigFile,
} from '../core/config/policy.ts';
import type { Diagnostic } from '../core/finding.ts';
import type { RepoRef } from '../github/checks.ts';
import type { GitHub } from '../github/client.ts';
import type { Checkout } from './checkout.ts';

/** The configuration a scan is judged by, and what the check runs should say about where it came from. */
export interface Policy {
  loaded: LoadedConfig;
  /** Operator-only keys the repository's file set (errors), and a PR's own change to the file (a note). */
  diagnostics: Diagnostic[];
}

/**
 * The pull request under review is input, never policy: a PR is judged by the configuration of its
 * base commit (the merge target), read through the API, never by the file in its own head. A
 * commit without a PR (a push) is judged by its own file. Either way the file may not set what
 * only the operator sets; the operator's settings are laid over it.
 */
export async function loadPolicy(
  gh: GitHub,
  repo: RepoRef,
  checkout: Checkout,
  baseSha: string | undefined,
  operator: OperatorSettings,
): Promise<Policy> {
  const diagnostics: Diagnostic[] = [];
  let loaded: LoadedConfig;
  if (baseSha === undefined) {
    loaded = await loadConfig(checkout.dir, undefined, checkout.dir, 'repository');
  } else {
    const base = await configAt(gh, repo, baseSha);
    loaded = base
      ? parseConfig(base.text, base.path, { pathInRoot: base.path, trust: 'repository' })
      : { config: {} };
    const changed = await changedConfig((path) => checkout.readFile(path), base);
    if (changed) diagnostics.push(changedConfigNote(changed, baseSha));
  }
  diagnostics.unshift(...refusedDiagnostics(loaded, "the App's environment"));
  return { loaded: { ...loaded, config: applyOperatorSettings(loaded.config, operator) }, diagnostics };
}

/** The first of CONFIG_FILES at `sha`, from the contents API; undefined when there is none. */
async function configAt(gh: GitHub, repo: RepoRef, sha: string): Promise<BaseConfigFile | undefined> {
  for (const path of CONFIG_FILES) {
    let data: unknown;
    try {
      ({ data } = await gh.request('GET /repos/{owner}/{repo}/contents/{path}', { ...repo, path, ref: sha }));
    } catch (error) {
      if ((error as { status?: number }).status === 404) continue;
      throw error;
    }
    const file = data as { type?: string; size?: number; encoding?: string; content?: string };
    if (Array.isArray(data) || file.type !== 'file')
      throw new ConfigError([{ file: path, message: `is not a file at the base commit ${sha.slice(0, 7)}` }]);
    checkConfigSize(file.size ?? 0, path);
    if (file.encoding !== 'base64' || typeof file.content !== 'string')
      throw new ConfigError([{ file: path, message: 'the contents API returned no text for it' }]);
    return { path, text: checkConfigText(Buffer.from(file.content, 'base64').toString('utf8'), path) };
  }
  return undefined;
}
