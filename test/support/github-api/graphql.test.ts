import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintMarker } from '../../../src/github/markers.ts';
import { resolveStaleThreads } from '../../../src/github/stale.ts';
import { client, HEAD, standIn } from '../../github/helpers.ts';
import type { GitHubApiStandIn } from './index.ts';

/** The GraphQL endpoint checks every request against GitHub's published schema. */
let api: GitHubApiStandIn;
afterEach(async () => {
  await api.close();
});

/** POST /graphql as a raw client would, so the answer is seen exactly as GitHub's wire form. */
async function post(body: unknown, token = 'write-token') {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200); // GitHub answers GraphQL errors with 200 and an `errors` list
  return (await res.json()) as { data?: unknown; errors?: Array<Record<string, unknown>> };
}

const THREADS = `query Threads($owner: String!, $name: String!, $number: Int!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviewThreads(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved comments(first: 10) { nodes { body author { __typename login } } } }
      }
    }
  }
}`;

/** A PR with `count` review comments from vigil's token, each the root of its own thread. */
async function pullWithThreads(count: number): Promise<void> {
  api.setPull('acme/app', 1, {
    headSha: HEAD,
    baseSha: HEAD,
    files: [
      {
        filename: 'a.js',
        status: 'added',
        additions: 9,
        deletions: 0,
        changes: 9,
        patch: '@@ -0,0 +1,9 @@\n+1\n+2\n+3\n+4\n+5\n+6\n+7\n+8\n+9',
      },
    ],
  });
  await client(api).request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
    owner: 'acme',
    repo: 'app',
    pull_number: 1,
    commit_id: HEAD,
    event: 'COMMENT',
    comments: Array.from({ length: count }, (_, i) => ({
      path: 'a.js',
      line: i + 1,
      body: `finding ${i}\n${fingerprintMarker(String(i).padStart(8, '0'))}`,
    })),
  });
}

describe('GraphQL against GitHub’s schema', () => {
  it('rejects a misspelt field with GitHub’s error shape, no data, and a violation', async () => {
    api = await standIn();
    const answer = await post({
      query: `query {\n  repository(owner: "acme", name: "app") {\n    pullRequest(number: 1) { reviewThreads(first: 5) { nodes { isResolvd } } }\n  }\n}`,
    });
    expect(answer).toEqual({
      errors: [
        {
          message: expect.stringMatching(/Cannot query field "isResolvd" on type "PullRequestReviewThread"/),
          locations: [{ line: 3, column: 64 }],
        },
      ],
    });
    expect(api.violations).toEqual([expect.stringMatching(/^graphql: Cannot query field "isResolvd"/)]);
    api.violations.length = 0;
  });

  it('rejects variables of the wrong type, missing or ill-typed values, and bad syntax', async () => {
    api = await standIn();
    const cases: Array<[unknown, RegExp]> = [
      // declared String! where pullRequest(number:) takes Int!
      [
        {
          query: `query($n: String!) { repository(owner: "acme", name: "app") { pullRequest(number: $n) { id } } }`,
          variables: { n: '1' },
        },
        /Variable "\$n" of type "String!" used in position expecting type "Int!"/,
      ],
      [
        { query: THREADS, variables: { owner: 'acme', name: 'app', first: 5 } },
        /Variable "\$number" of required type "Int!" was not provided/,
      ],
      [
        { query: THREADS, variables: { owner: 'acme', name: 'app', number: 'one', first: 5 } },
        /Variable "\$number" got invalid value "one"; Int cannot represent non-integer value/,
      ],
      [
        { query: `query { repository(owner: "acme", name: "app") { id }` },
        /Syntax Error: Expected Name, found <EOF>/,
      ],
      [
        { query: `mutation { resolveReviewThread(input: { threadId: $id }) { thread { id } } }` },
        /Variable "\$id" is not defined/,
      ],
      [{ variables: {} }, /A query attribute must be specified/],
    ];
    for (const [body, message] of cases) {
      const answer = await post(body);
      expect(answer.data).toBeUndefined();
      expect(
        answer.errors!.map((e) => e.message),
        String(message),
      ).toEqual([expect.stringMatching(message)]);
    }
    expect(api.violations).toHaveLength(cases.length);
    api.violations.length = 0;
  });

  it('holds GitHub’s pagination rule: first or last on every connection, 1 to 100', async () => {
    api = await standIn();
    const repo = (threads: string) =>
      `query${threads.includes('$n') ? '($n: Int)' : ''} { repository(owner: "acme", name: "app") { pullRequest(number: 1) { ${threads} { totalCount } } } }`;
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      [
        repo('reviewThreads'),
        {},
        /You must provide a `first` or `last` value to properly paginate the `reviewThreads` connection/,
      ],
      [
        repo('reviewThreads(first: 101)'),
        {},
        /Requesting 101 records on the `reviewThreads` connection exceeds the `first` limit of 100 records/,
      ],
      [
        repo('reviewThreads(last: $n)'),
        { n: 0 },
        /Requesting 0 records on the `reviewThreads` connection exceeds the `last` limit/,
      ],
    ];
    for (const [query, variables, message] of cases) {
      const answer = await post({ query, variables });
      expect(answer.errors!.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
    }
    expect(api.violations).toHaveLength(3);
    api.violations.length = 0;
  });

  it('answers exactly the selected fields, pages with cursors, and names bots without [bot]', async () => {
    api = await standIn();
    await pullWithThreads(3);
    const variables = { owner: 'acme', name: 'app', number: 1, first: 2 };
    const first = (await post({ query: THREADS, variables, operationName: 'Threads' })) as {
      data: {
        repository: {
          pullRequest: {
            reviewThreads: {
              totalCount: number;
              pageInfo: { hasNextPage: boolean; endCursor: string };
              nodes: unknown[];
            };
          };
        };
      };
    };
    const page = first.data.repository.pullRequest.reviewThreads;
    expect(page.totalCount).toBe(3);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.nodes[0]).toEqual({
      id: expect.stringMatching(/^PRRT_/),
      isResolved: false,
      comments: {
        nodes: [
          {
            body: expect.stringContaining('finding 0'),
            author: { __typename: 'Bot', login: 'github-actions' },
          },
        ],
      },
    });
    const second = (await post({
      query: THREADS,
      variables: { ...variables, after: page.pageInfo.endCursor },
    })) as typeof first;
    expect(second.data.repository.pullRequest.reviewThreads.nodes).toHaveLength(1);
    expect(second.data.repository.pullRequest.reviewThreads.pageInfo.hasNextPage).toBe(false);
    expect(api.violations).toEqual([]);
  });

  it('a field GitHub has but the stand-in does not serve is an error and a violation, never a silent null', async () => {
    api = await standIn();
    await pullWithThreads(1);
    const answer = await post({
      query: `{ repository(owner: "acme", name: "app") { pullRequest(number: 1) { reviewThreads(first: 1) { nodes { viewerCanResolve } } } } }`,
    });
    expect(answer.errors!.map((e) => e.message)).toEqual([
      'the GitHub stand-in does not serve PullRequestReviewThread.viewerCanResolve',
    ]);
    expect(api.violations).toHaveLength(1);
    api.violations.length = 0;
  });

  it('keeps GitHub’s NOT_FOUND and FORBIDDEN answers beside data', async () => {
    api = await standIn();
    const missing = await post({ query: `{ repository(owner: "acme", name: "nope") { id } }` });
    expect(missing).toEqual({
      data: { repository: null },
      errors: [
        {
          message: "Could not resolve to a Repository with the name 'acme/nope'.",
          locations: [{ line: 1, column: 3 }],
          path: ['repository'],
          type: 'NOT_FOUND',
        },
      ],
    });
    await pullWithThreads(1);
    const forbidden = await post(
      {
        query: `mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { id } } }`,
        variables: { id: api.repo('acme/app').pulls.get(1)!.threads[0]!.id },
      },
      'read-token',
    );
    expect(forbidden.data).toEqual({ resolveReviewThread: null });
    expect(forbidden.errors).toEqual([
      expect.objectContaining({ type: 'FORBIDDEN', path: ['resolveReviewThread'] }),
    ]);
    expect(api.violations).toEqual([]);
  });

  it('vigil’s own queries pass: resolving fixed findings’ threads reads threads and resolves them', async () => {
    api = await standIn();
    await pullWithThreads(3);
    const outcome = await resolveStaleThreads(
      client(api),
      { owner: 'acme', repo: 'app' },
      1,
      new Set(['00000001']),
    );
    expect(outcome).toEqual({ resolved: 2, keptForDiscussion: 0 });
    expect(
      api
        .repo('acme/app')
        .pulls.get(1)!
        .threads.map((t) => t.isResolved),
    ).toEqual([true, false, true]);
    expect(api.requestsFor('graphql').length).toBe(3);
    expect(api.violations).toEqual([]);
  });
});
