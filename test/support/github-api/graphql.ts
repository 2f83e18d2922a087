import type { GraphQLError } from 'graphql';
import { defaultFieldResolver, executeSync, type GraphQLFieldResolver } from 'graphql';
import { checkRequest, githubSchema } from './graphql-validate.ts';
import { allows, type GitHubApiStandIn } from './server.ts';
import type { Actor, Pull, Repo, ReviewComment } from './state.ts';

/**
 * GitHub's GraphQL endpoint, for what vigil asks of it: a pull request's review threads and
 * `resolveReviewThread`. Every request is first checked against GitHub's published schema
 * (graphql-validate.ts); one that fails gets GitHub's answer (HTTP 200, `{ errors: [{ message,
 * locations }] }`, no `data`) and is a violation, so the test that sent it fails. A valid one is
 * executed by graphql-js over the stand-in's state, so the answer holds exactly the fields selected;
 * a selected field the stand-in does not serve is an error and a violation too, never a silent null.
 */

/** An error GitHub reports beside `data`, with its `type` (NOT_FOUND, FORBIDDEN). */
class GitHubError extends Error {
  readonly type: 'NOT_FOUND' | 'FORBIDDEN';
  constructor(message: string, type: 'NOT_FOUND' | 'FORBIDDEN') {
    super(message);
    this.type = type;
  }
}

interface GraphqlError {
  message: string;
  locations?: Array<{ line: number; column: number }>;
  path?: Array<string | number>;
  type?: string;
}
type GraphqlResult = { data?: unknown; errors?: GraphqlError[] };

function shape(error: GraphQLError): GraphqlError {
  const { message, locations, path } = error.toJSON();
  const type = error.originalError instanceof GitHubError ? error.originalError.type : undefined;
  return {
    message,
    ...(locations ? { locations: locations.map(({ line, column }) => ({ line, column })) } : {}),
    ...(path ? { path: [...path] } : {}),
    ...(type ? { type } : {}),
  };
}

export function handleGraphql(
  api: GitHubApiStandIn,
  actor: Actor,
  body: unknown,
  violation: (m: string) => void,
): GraphqlResult {
  const { query, variables, operationName } = (body ?? {}) as Record<string, unknown>;
  const checked = checkRequest(query, variables, operationName);
  if (!checked.ok) {
    for (const e of checked.errors) violation(e.message);
    return { errors: checked.errors.map(shape) };
  }
  // A field the stand-in has no value for is a gap in the stand-in, not GitHub's behaviour: say so.
  const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
    if (
      source !== null &&
      typeof source === 'object' &&
      !(info.fieldName in source) &&
      info.fieldName !== '__typename'
    )
      throw new Error(`the GitHub stand-in does not serve ${info.parentType.name}.${info.fieldName}`);
    return defaultFieldResolver(source, args, context, info);
  };
  const result = executeSync({
    schema: githubSchema(),
    document: checked.document,
    operationName: typeof operationName === 'string' ? operationName : undefined,
    variableValues: checked.variables,
    rootValue: checked.operation.operation === 'mutation' ? mutationRoot(api, actor) : queryRoot(api, actor),
    fieldResolver,
  });
  for (const e of result.errors ?? []) if (!(e.originalError instanceof GitHubError)) violation(e.message);
  return { data: result.data ?? null, ...(result.errors ? { errors: result.errors.map(shape) } : {}) };
}

function canTouch(actor: Actor, repo: Repo): boolean {
  return !actor.repositories || actor.repositories.includes(repo.fullName);
}

function queryRoot(api: GitHubApiStandIn, actor: Actor) {
  return {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = api.repos.get(`${owner}/${name}`.toLowerCase());
      if (!repo || !canTouch(actor, repo))
        throw new GitHubError(
          `Could not resolve to a Repository with the name '${owner}/${name}'.`,
          'NOT_FOUND',
        );
      if (!allows(actor.permissions, 'pull_requests', 'read'))
        throw new GitHubError('Resource not accessible by integration', 'FORBIDDEN');
      return repositoryNode(repo);
    },
  };
}

function mutationRoot(api: GitHubApiStandIn, actor: Actor) {
  return {
    resolveReviewThread: ({ input }: { input: { threadId: string; clientMutationId?: string } }) => {
      for (const repo of api.repos.values()) {
        for (const pull of repo.pulls.values()) {
          const thread = pull.threads.find((t) => t.id === input.threadId);
          if (!thread) continue;
          if (!canTouch(actor, repo) || !allows(actor.permissions, 'pull_requests', 'write'))
            throw new GitHubError('Resource not accessible by integration', 'FORBIDDEN');
          thread.isResolved = true;
          thread.resolvedBy = actor.login;
          return { clientMutationId: input.clientMutationId ?? null, thread: threadNode(pull, thread.id) };
        }
      }
      throw new GitHubError(
        `Could not resolve to a node with the global id of '${input.threadId}'`,
        'NOT_FOUND',
      );
    },
  };
}

function repositoryNode(repo: Repo) {
  return {
    id: `R_${repo.id}`,
    name: repo.name,
    nameWithOwner: repo.fullName,
    pullRequest: ({ number }: { number: number }) => {
      const pull = repo.pulls.get(number);
      if (!pull)
        throw new GitHubError(
          `Could not resolve to a PullRequest with the number of ${number}.`,
          'NOT_FOUND',
        );
      return {
        id: `PR_${repo.id}_${pull.number}`,
        number: pull.number,
        title: pull.title,
        reviewThreads: (page: Page) => connection(pull.threads, page, (t) => threadNode(pull, t.id)),
      };
    },
  };
}

/** Connection arguments as graphql-js passes them: an argument sent as null arrives as null. */
interface Page {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

const cursorOf = (index: number) => Buffer.from(`cursor:${index}`).toString('base64');
function indexOf(cursor: string): number {
  const m = /^cursor:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString());
  if (!m) throw new Error(`cursor ${JSON.stringify(cursor)} was not issued by the stand-in`);
  return Number(m[1]);
}

/** A GitHub connection over a list: `first`/`after` and `last`/`before` by opaque index cursors. */
function connection<T>(items: T[], page: Page, node: (item: T) => unknown) {
  let start = page.after == null ? 0 : indexOf(page.after) + 1;
  let end = page.before == null ? items.length : indexOf(page.before);
  if (page.first != null) end = Math.min(end, start + page.first);
  if (page.last != null) start = Math.max(start, end - page.last);
  const slice = items.slice(start, end).map((item, i) => ({ cursor: cursorOf(start + i), item }));
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice[0]?.cursor ?? null,
      endCursor: slice.at(-1)?.cursor ?? null,
    },
    nodes: slice.map((s) => node(s.item)),
    edges: slice.map((s) => ({ cursor: s.cursor, node: node(s.item) })),
  };
}

function threadNode(pull: Pull, id: string) {
  const thread = pull.threads.find((t) => t.id === id)!;
  const comments = pull.comments.filter(
    (c) => c.id === thread.rootCommentId || c.in_reply_to_id === thread.rootCommentId,
  );
  const root = comments[0];
  return {
    id: thread.id,
    isResolved: thread.isResolved,
    isOutdated: false,
    path: root?.path ?? '',
    line: root?.line ?? null,
    comments: (page: Page) => connection(comments, page, commentNode),
  };
}

function commentNode(c: ReviewComment) {
  const bot = c.user.type === 'Bot' || c.user.login.endsWith('[bot]');
  return {
    id: c.node_id,
    databaseId: c.id,
    body: c.body,
    path: c.path,
    // GitHub's GraphQL names a bot by its slug, without the REST API's `[bot]`
    author: { __typename: bot ? 'Bot' : 'User', login: c.user.login.replace(/\[bot\]$/, '') },
  };
}
