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
 * Where the configuration that judges a commit comes from: the commit itself (a push to the
 * default branch: already merged), a PR's base commit, or the default branch (a re-run of a commit
 * GitHub links to no PR, as it does for every PR from a fork).
 */
export type JudgedBy = { kind: 'own' } | { kind: 'base'; sha: string } | { kind: 'default-branch' };

/**
 * The pull request under review is input, never policy: a PR is judged by the configuration of its
 * base commit (the merge target), read through the API, never by the file in its own head. Either
 * way the file may not set what only the operator sets; the operator's settings are laid over it.
 */
export async function loadPolicy(
  gh: GitHub,
  repo: RepoRef,
  checkout: Checkout,
  judgedBy: JudgedBy,
  operator: OperatorSettings,
): Promise<Policy> {
  const diagnostics: Diagnostic[] = [];
  let loaded: LoadedConfig;
  if (judgedBy.kind === 'own') {
    loaded = await loadConfig(checkout.dir, undefined, checkout.dir, 'repository');
  } else {
    const ref = judgedBy.kind === 'base' ? judgedBy.sha : undefined;
    const base = await configAt(gh, repo, ref);
    loaded = base
      ? parseConfig(base.text, base.path, { pathInRoot: base.path, trust: 'repository' })
      : { config: {} };
    const changed = await changedConfig((path) => checkout.readFile(path), base);
    if (changed)
      diagnostics.push(
        changedConfigNote(changed, ref ? `its base commit ${ref.slice(0, 7)}` : 'the default branch'),
      );
  }
  diagnostics.unshift(...refusedDiagnostics(loaded, "the App's environment"));
  return { loaded: { ...loaded, config: applyOperatorSettings(loaded.config, operator) }, diagnostics };
}

/**
 * The first of CONFIG_FILES at `sha` (the default branch when undefined), from the contents API;
 * undefined when there is none.
 */
async function configAt(
  gh: GitHub,
  repo: RepoRef,
  sha: string | undefined,
): Promise<BaseConfigFile | undefined> {
  const at = sha ? `the base commit ${sha.slice(0, 7)}` : 'the default branch';
  for (const path of CONFIG_FILES) {
    let data: unknown;
    try {
      ({ data } = await gh.request('GET /repos/{owner}/{repo}/contents/{path}', {
        owner: repo.owner,
        repo: repo.repo,
        path,
        ...(sha ? { ref: sha } : {}),
      }));
    } catch (error) {
      if ((error as { status?: number }).status === 404) continue;
      throw error;
    }
    const file = data as { type?: string; size?: number; encoding?: string; content?: string };
    if (Array.isArray(data) || file.type !== 'file')
      throw new ConfigError([{ file: path, message: `is not a file at ${at}` }]);
    checkConfigSize(file.size ?? 0, path);
    if (file.encoding !== 'base64' || typeof file.content !== 'string')
      throw new ConfigError([{ file: path, message: 'the contents API returned no text for it' }]);
    return { path, text: checkConfigText(Buffer.from(file.content, 'base64').toString('utf8'), path) };
  }
  return undefined;
}
