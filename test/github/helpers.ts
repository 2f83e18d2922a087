import { createHash } from 'node:crypto';
import type { Finding } from '../../src/core/finding.ts';
import type { Severity } from '../../src/core/severity.ts';
import { createGitHubClient } from '../../src/github/client.ts';
import { startGitHubApi, type GitHubApiStandIn, type StandInOptions } from '../support/github-api/index.ts';

export const HEAD = 'a'.repeat(40);
export const HEAD2 = 'b'.repeat(40);
export const BASE = 'c'.repeat(40);

export function finding(
  path: string,
  line: number,
  extra: Partial<Finding> & { severity?: Severity } = {},
): Finding {
  return {
    ruleId: 'js/sql-injection',
    kind: 'sast',
    severity: 'high',
    title: 'SQL built from user input',
    message: 'req.query.id reaches db.query',
    location: { path, startLine: line, startColumn: 3, endLine: line, endColumn: 20 },
    fingerprint: createHash('sha256').update(`${path}:${line}`).digest('hex').slice(0, 32),
    ...extra,
  };
}

/** A patch adding `count` lines at the top of a new file. */
export function addedFilePatch(count: number): string {
  return [`@@ -0,0 +1,${count} @@`, ...Array.from({ length: count }, (_, i) => `+line ${i + 1}`)].join('\n');
}

/** A PR file whose patch adds lines 1..count. */
export function addedFile(filename: string, count: number, status: 'added' | 'modified' = 'added') {
  return { filename, status, additions: count, deletions: 0, changes: count, patch: addedFilePatch(count) };
}

/** A workflow's GITHUB_TOKEN twice: with the permissions vigil's Action asks for, and read-only. */
export function addWorkflowTokens(api: GitHubApiStandIn, write: string, read: string): void {
  api.addToken(write, {
    login: 'github-actions[bot]',
    type: 'Bot',
    permissions: {
      checks: 'write',
      pull_requests: 'write',
      issues: 'write',
      contents: 'read',
      security_events: 'write',
    },
  });
  api.addToken(read, {
    login: 'github-actions[bot]',
    type: 'Bot',
    permissions: { checks: 'read', pull_requests: 'read', issues: 'read', contents: 'read' },
  });
}

export async function standIn(options: StandInOptions = {}): Promise<GitHubApiStandIn> {
  const api = await startGitHubApi(options);
  addWorkflowTokens(api, 'write-token', 'read-token');
  api.addToken('human-token', {
    login: 'octocat',
    type: 'User',
    permissions: { pull_requests: 'write', issues: 'write', contents: 'read' },
  });
  api.addRepo('acme/app');
  return api;
}

export const client = (api: GitHubApiStandIn, token = 'write-token') =>
  createGitHubClient({ token, baseUrl: api.url, writeIntervalMs: 0, retryBaseMs: 5, warn: () => {} });
