import { pages, PER_PAGE, type GitHub } from './client.ts';

/**
 * A pull request's diff as review comments see it. GitHub accepts a comment only on a line inside
 * a hunk of the file's `patch`, and vigil comments only on lines the PR adds or changes there.
 */
export interface FileDiff {
  path: string;
  status: string;
  previousPath?: string;
  /** RIGHT-side lines the PR added or changed ('+' lines). */
  added: Set<number>;
  /** Every RIGHT-side line inside a hunk (added and context): where GitHub accepts a comment. */
  commentable: Set<number>;
  /** Hunk index per commentable line: a multi-line comment must stay within one hunk. */
  hunkOf: Map<number, number>;
  /** GitHub gave no patch (binary, or too large to render): no line is commentable. */
  patchMissing: boolean;
}

export interface PullDiff {
  files: Map<string, FileDiff>;
  /** The files endpoint stops at 3,000 files; later files are unknown. */
  truncated: boolean;
  totalFiles: number;
}

/** Parse one `patch` (hunks, no file headers) into its RIGHT-side lines. */
export function parsePatch(patch: string): Pick<FileDiff, 'added' | 'commentable' | 'hunkOf'> {
  const added = new Set<number>();
  const commentable = new Set<number>();
  const hunkOf = new Map<number, number>();
  let right = 0;
  let hunk = -1;
  for (const line of patch.split(/\r?\n/)) {
    if (line.startsWith('@@')) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
      if (!m) continue;
      right = Number(m[1]);
      hunk++;
      continue;
    }
    if (hunk < 0) continue;
    const tag = line.charAt(0);
    if (tag === '+' || tag === ' ') {
      if (tag === '+') added.add(right);
      commentable.add(right);
      hunkOf.set(right, hunk);
      right++;
    }
    // '-' lines are LEFT only; '\ No newline at end of file' belongs to neither side.
  }
  return { added, commentable, hunkOf };
}

export function fileDiff(file: {
  filename: string;
  status: string;
  patch?: string | null;
  previous_filename?: string;
}): FileDiff {
  const parsed = file.patch
    ? parsePatch(file.patch)
    : { added: new Set<number>(), commentable: new Set<number>(), hunkOf: new Map<number, number>() };
  return {
    path: file.filename,
    status: file.status,
    ...(file.previous_filename ? { previousPath: file.previous_filename } : {}),
    ...parsed,
    patchMissing: !file.patch && file.status !== 'removed',
  };
}

/** GitHub lists at most 3,000 files for a PR, 100 per page. */
export const MAX_PULL_FILES = 3000;

export async function fetchPullDiff(
  gh: GitHub,
  repo: { owner: string; repo: string },
  pullNumber: number,
  changedFiles?: number,
): Promise<PullDiff> {
  const files = new Map<string, FileDiff>();
  let seen = 0;
  const list = (page: number) =>
    gh.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
      ...repo,
      pull_number: pullNumber,
      per_page: PER_PAGE,
      page,
    });
  for await (const data of pages(list, MAX_PULL_FILES / PER_PAGE)) {
    for (const f of data) {
      if (f.status !== 'removed') files.set(f.filename, fileDiff(f));
    }
    seen += data.length;
  }
  const total = Math.max(changedFiles ?? 0, seen);
  return {
    files,
    truncated: changedFiles !== undefined ? changedFiles > seen : seen >= MAX_PULL_FILES,
    totalFiles: total,
  };
}

/** True when lines start..end of `path` may carry one review comment (all RIGHT, one hunk). */
export function commentableRange(diff: PullDiff, path: string, start: number, end: number): boolean {
  const file = diff.files.get(path);
  if (!file) return false;
  const hunk = file.hunkOf.get(start);
  if (hunk === undefined) return false;
  for (let n = start; n <= end; n++) if (file.hunkOf.get(n) !== hunk) return false;
  return true;
}

/** True when the finding's first line is one the PR added or changed. */
export function touchesAddedLine(diff: PullDiff, path: string, line: number): boolean {
  return diff.files.get(path)?.added.has(line) ?? false;
}
