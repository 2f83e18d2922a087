import { describe, expect, it } from 'vitest';
import {
  contextPaths,
  isUntrustedContext,
  parseUses,
  untrustedIn,
} from '../../../src/iac/workflow/contexts.ts';

describe('untrusted contexts', () => {
  it.each([
    'github.event.issue.title',
    'github.event.pull_request.body',
    'github.head_ref',
    'github.event.pull_request.head.ref',
    'github.event.comment.body',
    'github.event.review.body',
    'github.event.pages.*.page_name',
    'github.event.commits.*.author.email',
    'github.event.head_commit.message',
    'github.event.workflow_run.head_branch',
    'github.event.discussion.title',
    'github.event.release.body',
    'github.event',
    'github.event.pull_request',
  ])('%s is untrusted', (path) => expect(isUntrustedContext(path)).toBe(true));

  it.each([
    'github.event.pull_request.number',
    'github.event.pull_request.head.sha',
    'github.event.issue.number',
    'github.sha',
    'github.repository',
    'github.event.pull_request.head.repo.fork',
    'env.TITLE',
    'inputs.title',
    'github.event.inputs.title',
  ])('%s is not', (path) => expect(isUntrustedContext(path)).toBe(false));

  it('normalises indexes and quoted keys, ignores string literals', () => {
    expect(contextPaths(`github.event.commits[0].message || github['head_ref']`)).toEqual([
      'github.event.commits.*.message',
      'github.head_ref',
    ]);
    expect(untrustedIn(`format('{0}', 'github.event.issue.title')`)).toEqual([]);
    expect(untrustedIn('toJSON(github.event.pull_request)')).toEqual(['github.event.pull_request']);
  });

  it('parses uses: references', () => {
    expect(parseUses('actions/checkout@v4')).toEqual({
      kind: 'remote',
      owner: 'actions',
      name: 'actions/checkout',
      ref: 'v4',
    });
    expect(parseUses('org/repo/path/to@abc')).toMatchObject({ name: 'org/repo/path/to', ref: 'abc' });
    expect(parseUses('./x')).toEqual({ kind: 'local', name: './x' });
    expect(parseUses('docker://alpine@sha256:00')).toEqual({
      kind: 'docker',
      name: 'alpine',
      ref: 'sha256:00',
    });
  });
});
