import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { gitTopLevel, withWorktree } from '../core/git.ts';
import type { Finding } from '../core/finding.ts';
import type { ScanResult } from '../core/scanner.ts';
import { UsageError } from './exit.ts';

const run = promisify(execFile);

/** The commit `--baseline-commit REF` names, in the repository holding the scan root. */
export interface BaselineCommit {
  ref: string;
  sha: string;
  /** The repository's top folder. */
  top: string;
}

/** A usage error (exit 2, with git's reason) when the root is not in a repository or REF names no commit. */
export async function resolveBaselineCommit(root: string, ref: string): Promise<BaselineCommit> {
  const top = await gitTopLevel(root);
  if (!top) throw new UsageError(`--baseline-commit ${ref}: ${root} is not inside a git repository`);
  try {
    const { stdout } = await run('git', [
      '-C',
      top,
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${ref}^{commit}`,
    ]);
    return { ref, sha: stdout.trim(), top };
  } catch {
    throw new UsageError(`--baseline-commit ${ref}: git knows no commit by that name`);
  }
}

/**
 * Fingerprints of what a scan finds at the baseline commit, checked out in a temporary worktree
 * (the working copy is untouched). `scan` gets the folder matching the scan root; a root that did
 * not exist at that commit had no findings.
 */
export async function baselineFingerprints(
  base: BaselineCommit,
  root: string,
  scan: (root: string) => Promise<ScanResult>,
): Promise<Set<string>> {
  return withWorktree(base.top, base.sha, async (dir) => {
    const target = join(dir, relative(base.top, root));
    if (!existsSync(target)) return new Set<string>();
    return new Set((await scan(target)).findings.map((f) => f.fingerprint));
  });
}

/**
 * Semgrep's `--baseline-commit`: findings already present at the baseline are suppressed (kind
 * `baseline`, so reports count them and no threshold fails on them) and marked `existing`; the rest
 * are marked `new`. Marks go in `properties.baseline`, which every format carries.
 */
export function applyBaseline(
  result: ScanResult,
  fingerprints: ReadonlySet<string>,
  base: BaselineCommit,
): ScanResult {
  const at = `${base.ref} (${base.sha.slice(0, 7)})`;
  const findings = result.findings.map((f): Finding => {
    const existing = fingerprints.has(f.fingerprint);
    return {
      ...f,
      ...(existing && !f.suppression
        ? { suppression: { kind: 'baseline', justification: `already present at ${at}` } }
        : {}),
      properties: { ...f.properties, baseline: existing ? 'existing' : 'new' },
    };
  });
  return { ...result, findings };
}
