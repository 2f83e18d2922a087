import { allows, type GitHubApiStandIn } from './server.ts';
import type { Actor, Pull, Repo } from './state.ts';

/**
 * The two GraphQL operations PR reporting needs: reading a pull request's review threads and
 * `resolveReviewThread`. Validation is deliberately minimal but strict where clients go wrong:
 * the document must be one `query` or `mutation`; every field must exist on the types involved
 * (a fixed list below, GitHub's names); connection `first` must be 1..100 as GitHub requires;
 * every `$variable` used must be supplied. Responses carry the known fields whatever the selection.
 */

const FIELDS = new Set([
  'repository',
  'pullRequest',
  'reviewThreads',
  'pageInfo',
  'hasNextPage',
  'endCursor',
  'nodes',
  'edges',
  'node',
  'id',
  'isResolved',
  'isOutdated',
  'path',
  'line',
  'comments',
  'databaseId',
  'body',
  'author',
  'login',
  'resolveReviewThread',
  'thread',
  'totalCount',
  '__typename',
  'clientMutationId',
]);

type GraphqlResult = { data?: unknown; errors?: Array<{ message: string; type?: string }> };

export function handleGraphql(
  api: GitHubApiStandIn,
  actor: Actor,
  body: unknown,
  violation: (m: string) => void,
): GraphqlResult {
  const { query, variables = {} } = (body ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
  const error = (message: string, type = 'INVALID'): GraphqlResult => {
    violation(message);
    return { errors: [{ message, type }] };
  };
  if (typeof query !== 'string') return error('request has no query string');
  const text = query.replace(/#[^\n]*/g, '');
  const head = /^\s*(query|mutation)\b\s*\w*\s*(\(([^)]*)\))?\s*\{/.exec(text);
  if (!head) return error('document must be a single query or mutation operation');
  const kind = head[1];
  const declared = new Set([...(head[3] ?? '').matchAll(/\$(\w+)/g)].map((m) => m[1]!));
  const selection = text.slice(head[0].length);
  for (const m of selection.matchAll(/\$(\w+)/g)) {
    if (!declared.has(m[1]!)) return error(`Variable $${m[1]} is used but not declared`);
  }
  for (const name of declared) {
    if (variables[name] === undefined && !new RegExp(`\\$${name}\\s*:\\s*\\w+(?!!)`).test(head[3] ?? '')) {
      return error(`Variable $${name} of required type was not provided`);
    }
  }
  const args = [...selection.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!);
  for (const a of args) {
    const first = /\bfirst\s*:\s*(\$?\w+)/.exec(a);
    if (first) {
      const value = first[1]!.startsWith('$') ? variables[first[1]!.slice(1)] : Number(first[1]);
      if (typeof value !== 'number' || value < 1 || value > 100) {
        return error(
          `Requesting ${String(value)} records on the connection exceeds the \`first\` limit of 100 records.`,
        );
      }
    }
  }
  const fields = selection.replace(/\([^)]*\)/g, ' ').replace(/\.\.\.\s*on\s+\w+/g, ' ');
  for (const m of fields.matchAll(/[A-Za-z_]\w*/g)) {
    if (!FIELDS.has(m[0])) return error(`Field '${m[0]}' doesn't exist on the types this stand-in serves`);
  }
  const arg = (name: string, source: string): unknown => {
    const m = new RegExp(`\\b${name}\\s*:\\s*(\\$\\w+|"[^"]*"|\\d+)`).exec(source);
    if (!m) return undefined;
    const v = m[1]!;
    if (v.startsWith('$')) return variables[v.slice(1)];
    return v.startsWith('"') ? v.slice(1, -1) : Number(v);
  };

  if (kind === 'mutation') {
    if (!/\bresolveReviewThread\s*\(/.test(selection))
      return error('only the resolveReviewThread mutation is served');
    const threadId = arg('threadId', selection);
    for (const repo of api.repos.values()) {
      for (const pull of repo.pulls.values()) {
        const thread = pull.threads.find((t) => t.id === threadId);
        if (!thread) continue;
        if (!canTouch(actor, repo) || !allows(actor.permissions, 'pull_requests', 'write')) {
          return {
            data: { resolveReviewThread: null },
            errors: [{ message: 'Resource not accessible by integration', type: 'FORBIDDEN' }],
          };
        }
        thread.isResolved = true;
        thread.resolvedBy = actor.login;
        return { data: { resolveReviewThread: { thread: { id: thread.id, isResolved: true } } } };
      }
    }
    return {
      data: { resolveReviewThread: null },
      errors: [
        {
          message: `Could not resolve to a node with the global id of '${String(threadId)}'`,
          type: 'NOT_FOUND',
        },
      ],
    };
  }

  const repoArgs = /\brepository\s*\(([^)]*)\)/.exec(selection)?.[1] ?? '';
  const pullArgs = /\bpullRequest\s*\(([^)]*)\)/.exec(selection)?.[1] ?? '';
  const threadArgs = /\breviewThreads\s*\(([^)]*)\)/.exec(selection)?.[1] ?? '';
  const owner = arg('owner', repoArgs);
  const name = arg('name', repoArgs);
  const repo = api.repos.get(`${String(owner)}/${String(name)}`.toLowerCase());
  if (!repo || !canTouch(actor, repo)) {
    return {
      data: { repository: null },
      errors: [
        {
          message: `Could not resolve to a Repository with the name '${String(owner)}/${String(name)}'.`,
          type: 'NOT_FOUND',
        },
      ],
    };
  }
  if (!allows(actor.permissions, 'pull_requests', 'read')) {
    return {
      data: { repository: null },
      errors: [{ message: 'Resource not accessible by integration', type: 'FORBIDDEN' }],
    };
  }
  const pull = repo.pulls.get(Number(arg('number', pullArgs)));
  if (!pull)
    return {
      data: { repository: { pullRequest: null } },
      errors: [{ message: 'Could not resolve to a PullRequest', type: 'NOT_FOUND' }],
    };
  const first = Number(arg('first', threadArgs) ?? 100);
  const after = arg('after', threadArgs);
  return {
    data: {
      repository: {
        pullRequest: {
          reviewThreads: threadPage(pull, first, typeof after === 'string' ? after : undefined),
        },
      },
    },
  };
}

function canTouch(actor: Actor, repo: Repo): boolean {
  return !actor.repositories || actor.repositories.includes(repo.fullName);
}

function threadPage(pull: Pull, first: number, after: string | undefined) {
  const start = after ? Number(Buffer.from(after, 'base64').toString().replace('cursor:', '')) : 0;
  const slice = pull.threads.slice(start, start + first);
  const end = start + slice.length;
  return {
    totalCount: pull.threads.length,
    pageInfo: {
      hasNextPage: end < pull.threads.length,
      endCursor: Buffer.from(`cursor:${end}`).toString('base64'),
    },
    nodes: slice.map((t) => {
      const comments = pull.comments.filter(
        (c) => c.id === t.rootCommentId || c.in_reply_to_id === t.rootCommentId,
      );
      const root = comments[0];
      return {
        id: t.id,
        isResolved: t.isResolved,
        isOutdated: false,
        path: root?.path ?? null,
        line: root?.line ?? null,
        comments: {
          totalCount: comments.length,
          nodes: comments.map((c) => ({
            id: c.node_id,
            databaseId: c.id,
            body: c.body,
            author: { login: c.user.login.replace(/\[bot\]$/, '') },
          })),
        },
      };
    }),
  };
}
