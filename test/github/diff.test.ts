import { describe, expect, it, afterEach } from 'vitest';
import { commentableRange, fetchPullDiff, parsePatch, touchesAddedLine } from '../../src/github/diff.ts';
import type { GitHubApiStandIn } from '../support/github-api/index.ts';
import { addedFilePatch, BASE, client, HEAD, standIn } from './helpers.ts';

describe('parsePatch', () => {
  it('collects RIGHT-side added and in-hunk lines, skipping removed lines and no-newline markers', () => {
    const patch = [
      '@@ -1,4 +1,5 @@',
      ' a',
      '-b',
      '+B',
      '+B2',
      ' c',
      '\\ No newline at end of file',
      '@@ -20,2 +21,3 @@ function x()',
      ' y',
      '+z',
      ' w',
    ].join('\n');
    const p = parsePatch(patch);
    expect([...p.added]).toEqual([2, 3, 22]);
    expect([...p.commentable]).toEqual([1, 2, 3, 4, 21, 22, 23]);
    expect(p.hunkOf.get(4)).toBe(0);
    expect(p.hunkOf.get(21)).toBe(1);
  });

  it('ignores garbage before the first hunk and malformed headers', () => {
    const p = parsePatch('+not in a hunk\n@@ nonsense @@\n+x');
    expect(p.added.size).toBe(0);
  });
});

describe('fetchPullDiff', () => {
  let api: GitHubApiStandIn;
  afterEach(async () => {
    expect(api.violations).toEqual([]);
    await api.close();
  });

  it('pages through 3,500 changed files, stops at GitHub’s 3,000 and says the list is truncated', async () => {
    api = await standIn();
    const files = Array.from({ length: 3500 }, (_, i) => ({
      filename: `src/f${i}.ts`,
      status: 'added' as const,
      additions: 2,
      deletions: 0,
      changes: 2,
      patch: addedFilePatch(2),
    }));
    files[5] = { ...files[5]!, patch: undefined } as never; // binary / too large: GitHub omits the patch
    api.setPull('acme/app', 7, { headSha: HEAD, baseSha: BASE, files });
    const diff = await fetchPullDiff(client(api), { owner: 'acme', repo: 'app' }, 7, 3500);
    expect(diff.files.size).toBe(3000);
    expect(diff.truncated).toBe(true);
    expect(api.requestsFor('pulls/list-files')).toHaveLength(30);
    expect(diff.files.get('src/f5.ts')?.patchMissing).toBe(true);
    expect(touchesAddedLine(diff, 'src/f1.ts', 2)).toBe(true);
    expect(touchesAddedLine(diff, 'src/f5.ts', 1)).toBe(false);
    expect(commentableRange(diff, 'src/f1.ts', 1, 2)).toBe(true);
    expect(commentableRange(diff, 'src/f1.ts', 2, 3)).toBe(false);
  });
});
