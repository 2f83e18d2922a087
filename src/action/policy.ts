import { lstat, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  checkConfigSize,
  checkConfigText,
  CONFIG_FILES,
  ConfigError,
  loadConfig,
  MAX_CONFIG_BYTES,
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
import type { TrustedFiles } from '../core/scanner.ts';
import { isSuppressionFile, suppressionFileLimit } from '../sca/suppression-files.ts';
import { ensureCommit, fileAtCommit, filesAtCommit, gitTopLevel } from '../core/git.ts';

export interface ActionPolicyRequest {
  workspace: string;
  /** The scan root (inside the workspace). */
  root: string;
  /** The `config` input, relative to the workspace. */
  explicit?: string;
  /** A pull request's base commit (the merge target); undefined for a push. */
  baseSha?: string;
  operator: OperatorSettings;
}

/**
 * The configuration that judges this run. A pull request is judged by the file at its base commit
 * (read from git, never from the checked-out head or merge commit), a push by its own file. The
 * file may not set operator-only keys (those come from the Action's inputs); when the base commit
 * cannot be read, vigil's defaults and the inputs judge, and the summary says so.
 */
export async function loadActionPolicy(
  request: ActionPolicyRequest,
): Promise<{ loaded: LoadedConfig; diagnostics: Diagnostic[] }> {
  const { workspace, root, explicit, baseSha, operator } = request;
  const diagnostics: Diagnostic[] = [];
  let loaded: LoadedConfig;
  const top = baseSha === undefined ? undefined : await gitTopLevel(workspace);
  const explicitAbs = explicit === undefined ? undefined : resolve(workspace, explicit);
  if (
    baseSha === undefined ||
    (explicitAbs !== undefined && top !== undefined && !inside(top, explicitAbs))
  ) {
    // A push, or a `config` input outside the repository (a file the workflow itself provides).
    loaded = await loadConfig(
      root,
      explicit === undefined ? undefined : explicitAbs,
      workspace,
      'repository',
    );
  } else if (!top || !(await ensureCommit(top, baseSha))) {
    loaded = { config: {} };
    diagnostics.push({
      level: 'warning',
      source: 'configuration',
      message: `the base commit ${baseSha.slice(0, 7)} could not be read (use actions/checkout with fetch-depth: 0), so its configuration is unknown: vigil's defaults and the Action's inputs judged this pull request, never the pull request's own file`,
    });
  } else {
    // Candidates as paths in the scan root, the way the loader names them.
    const candidates = explicitAbs ? [relative(root, explicitAbs).split(sep).join('/')] : [...CONFIG_FILES];
    const base = await configAtCommit(top, baseSha, root, candidates, workspace);
    loaded = base
      ? parseConfig(base.text, shown(workspace, join(root, base.path)), {
          ...(base.path.startsWith('../') ? {} : { pathInRoot: base.path }),
          trust: 'repository',
        })
      : { config: {} };
    const changed = await changedConfig((path) => headText(join(root, path)), base, candidates);
    if (changed) diagnostics.push(changedConfigNote(changed, `its base commit ${baseSha.slice(0, 7)}`));
  }
  diagnostics.unshift(...refusedDiagnostics(loaded, "the Action's inputs"));
  return { loaded: { ...loaded, config: applyOperatorSettings(loaded.config, operator) }, diagnostics };
}

/** More osv-scanner.toml files than any real repository holds; the rest are not honoured. */
const MAX_IGNORE_FILES = 1000;

/**
 * The suppression files (osv-scanner.toml, VEX documents) that judge a pull request: those of its base commit,
 * by path in the scan root, never the PR's own, like the configuration. When the base cannot be
 * read, none: the PR's findings are all shown rather than hidden by its own file.
 */
export async function ignoreFilesAtBase(
  workspace: string,
  root: string,
  baseSha: string,
): Promise<{ trusted: TrustedFiles; diagnostics: Diagnostic[] }> {
  const judge = `the base commit ${baseSha.slice(0, 7)}`;
  const diagnostics: Diagnostic[] = [];
  const top = await gitTopLevel(workspace);
  if (!top || !(await ensureCommit(top, baseSha)))
    return { trusted: { judge: `no file (${judge} could not be read)`, files: {} }, diagnostics };
  const sub = relative(top, root).split(sep).join('/');
  const files: Record<string, string> = {};
  const inRootOf = (path: string) => (sub ? path.slice(sub.length + 1) : path);
  const accept = (path: string) => isSuppressionFile(inRootOf(path));
  for (const path of await filesAtCommit(top, baseSha, sub, accept, MAX_IGNORE_FILES)) {
    const inRoot = inRootOf(path);
    const limit = suppressionFileLimit(inRoot);
    const found = await fileAtCommit(top, baseSha, path, limit);
    if (found.kind === 'file') files[inRoot] = found.text;
    else if (found.kind === 'too-large')
      diagnostics.push({
        level: 'error',
        source: 'sca',
        path: inRoot,
        message: `${inRoot} is over ${limit} bytes at ${judge}; its ignore entries are not honoured`,
      });
  }
  return { trusted: { judge, files }, diagnostics };
}

/** The head's file, when it is a regular file of a config file's size (the note is all it is for). */
async function headText(abs: string): Promise<string | undefined> {
  const info = await lstat(abs).catch(() => undefined);
  if (!info?.isFile() || info.size > MAX_CONFIG_BYTES) return undefined;
  return readFile(abs, 'utf8').catch(() => undefined);
}

const inside = (top: string, abs: string) => {
  const rel = relative(top, abs);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/** How messages name a file: relative to the workspace, as the loader does. */
const shown = (workspace: string, abs: string) => relative(workspace, abs).split(sep).join('/');

async function configAtCommit(
  top: string,
  sha: string,
  root: string,
  candidates: readonly string[],
  workspace: string,
): Promise<BaseConfigFile | undefined> {
  for (const path of candidates) {
    const abs = join(root, path);
    const label = shown(workspace, abs);
    const found = await fileAtCommit(top, sha, relative(top, abs).split(sep).join('/'), MAX_CONFIG_BYTES);
    if (found.kind === 'absent') continue;
    if (found.kind === 'not-a-file')
      throw new ConfigError([
        { file: label, message: `is not a regular file at the base commit ${sha.slice(0, 7)}` },
      ]);
    if (found.kind === 'too-large') checkConfigSize(found.size, label);
    if (found.kind === 'file') return { path, text: checkConfigText(found.text, label) };
  }
  return undefined;
}
