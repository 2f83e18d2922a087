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
import { readdir } from 'node:fs/promises';
import { sep } from 'node:path';
import type { Diagnostic } from '../core/finding.ts';
import type { TrustedFiles } from '../core/scanner.ts';
import { isSuppressionFile } from '../sca/suppression-files.ts';
import type { RepoRef } from '../github/checks.ts';
import type { GitHub } from '../github/client.ts';
import type { Checkout } from './checkout.ts';

/** The configuration a scan is judged by, and what the check runs should say about where it came from. */
export interface Policy {
  loaded: LoadedConfig;
  /** Operator-only keys the repository's file set (errors), and a PR's own change to the file (a note). */
  diagnostics: Diagnostic[];
  /** The osv-scanner.toml and VEX files that judge the scan, when not the commit's own (see ignoreFilesAt). */
  trustedIgnoreFiles?: TrustedFiles;
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
  let trustedIgnoreFiles: TrustedFiles | undefined;
  if (judgedBy.kind === 'own') {
    loaded = await loadConfig(checkout.dir, undefined, checkout.dir, 'repository');
  } else {
    const ref = judgedBy.kind === 'base' ? judgedBy.sha : undefined;
    trustedIgnoreFiles = await ignoreFilesAt(gh, repo, checkout, ref, diagnostics);
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
  return {
    loaded: { ...loaded, config: applyOperatorSettings(loaded.config, operator) },
    diagnostics,
    ...(trustedIgnoreFiles ? { trustedIgnoreFiles } : {}),
  };
}

/** More osv-scanner.toml files than any real repository holds; the rest are not honoured. */
const MAX_IGNORE_FILES = 1000;

/**
 * The suppression files (osv-scanner.toml, VEX documents) that judge a pull request: for each one in the checked
 * out commit, the same path as `ref` (the base; the default branch when undefined) has it, read
 * through the contents API. One the PR adds or edits counts only as merged; one the base lacks
 * counts as none. So the PR can never hide its own findings; a file it deletes stops hiding
 * findings at once (shown, never hidden). No request when the commit has none.
 */
async function ignoreFilesAt(
  gh: GitHub,
  repo: RepoRef,
  checkout: Checkout,
  ref: string | undefined,
  diagnostics: Diagnostic[],
): Promise<TrustedFiles> {
  const judge = ref ? `the base commit ${ref.slice(0, 7)}` : 'the default branch';
  const files: Record<string, string> = {};
  const entries = (await readdir(checkout.dir, { recursive: true })).map((p) => p.split(sep).join('/'));
  for (const path of entries.filter(isSuppressionFile).slice(0, MAX_IGNORE_FILES)) {
    try {
      const text = await fileAt(gh, repo, path, ref);
      if (text !== undefined) files[path] = text;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      diagnostics.push(
        ...error.issues.map((i) => ({
          level: 'error' as const,
          source: 'sca',
          path: i.file,
          message: `${i.message}; its ignore entries are not honoured`,
        })),
      );
    }
  }
  return { judge, files };
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
  for (const path of CONFIG_FILES) {
    const text = await fileAt(gh, repo, path, sha);
    if (text !== undefined) return { path, text };
  }
  return undefined;
}

/**
 * A file's text at `sha` (the default branch when undefined) from the contents API; undefined
 * when absent. Not a file, over a configuration file's size, or not text: a ConfigError naming it.
 */
async function fileAt(
  gh: GitHub,
  repo: RepoRef,
  path: string,
  sha: string | undefined,
): Promise<string | undefined> {
  const at = sha ? `the base commit ${sha.slice(0, 7)}` : 'the default branch';
  let data: unknown;
  try {
    ({ data } = await gh.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: repo.owner,
      repo: repo.repo,
      path,
      ...(sha ? { ref: sha } : {}),
    }));
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
  const file = data as { type?: string; size?: number; encoding?: string; content?: string };
  if (Array.isArray(data) || file.type !== 'file')
    throw new ConfigError([{ file: path, message: `is not a file at ${at}` }]);
  checkConfigSize(file.size ?? 0, path);
  if (file.encoding !== 'base64' || typeof file.content !== 'string')
    throw new ConfigError([{ file: path, message: 'the contents API returned no text for it' }]);
  return checkConfigText(Buffer.from(file.content, 'base64').toString('utf8'), path);
}
