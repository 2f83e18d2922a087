import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Refs are passed to git as one argument; still refuse option-looking or odd ones outright. */
const SAFE_REF = /^[\w./@^~{}:-]{1,200}$/;

export class ChangedSinceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChangedSinceError';
  }
}

/**
 * Files (POSIX, relative to `root`) that differ between `ref` and the working tree, committed or
 * not, plus untracked files. Deleted files are left out. `root` may be a subfolder of the
 * repository: paths come back relative to it.
 */
export async function changedFiles(root: string, ref: string): Promise<Set<string>> {
  if (!SAFE_REF.test(ref) || ref.startsWith('-'))
    throw new ChangedSinceError(`--changed-since: not a git ref: ${JSON.stringify(ref)}`);
  const git = async (args: string[]): Promise<string> => {
    try {
      const { stdout } = await run('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
      return stdout;
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new ChangedSinceError(
        `--changed-since ${ref}: git ${args[0]} failed: ${(e.stderr ?? e.message).trim().split('\n')[0]}`,
      );
    }
  };
  // Without --quiet git says why (unknown revision, not a git repository): the reason is never empty.
  await git(['rev-parse', '--verify', `${ref}^{commit}`]);
  const diff = await git(['diff', '--name-only', '--relative', '--diff-filter=d', '-z', ref, '--']);
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z']);
  return new Set([...diff.split('\0'), ...untracked.split('\0')].filter(Boolean));
}
