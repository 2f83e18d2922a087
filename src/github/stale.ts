import type { GitHub } from './client.ts';
import type { RepoRef } from './checks.ts';
import { markedFingerprint, markedKind } from './markers.ts';

const THREADS_QUERY = `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved comments(first: 100) { nodes { body author { login } } } }
      }
    }
  }
}`;

const RESOLVE_MUTATION = `mutation($threadId: ID!) {
  resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } }
}`;

interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: Array<{
          id: string;
          isResolved: boolean;
          comments: { nodes: Array<{ body: string; author: { login: string } | null }> };
        }>;
      };
    } | null;
  } | null;
}

export interface StaleOutcome {
  resolved: number;
  /** Fixed findings whose thread a person replied in: left open for them. */
  keptForDiscussion: number;
}

/** Bounded: a PR with more threads than this is unusual; the rest are left alone. */
const MAX_THREAD_PAGES = 20;

/**
 * Resolve vigil's threads whose finding is gone from the latest scan — the push fixed it — unless
 * someone other than vigil replied (then the conversation is theirs to close). Posts nothing.
 * `currentFingerprints` must come from a complete scan of the head; `scannedKinds` names the
 * finding kinds that scan covered, so a run of one scanner leaves other kinds' threads alone.
 */
export async function resolveStaleThreads(
  gh: GitHub,
  repo: RepoRef,
  pullNumber: number,
  currentFingerprints: ReadonlySet<string>,
  scannedKinds?: ReadonlySet<string>,
): Promise<StaleOutcome> {
  const outcome: StaleOutcome = { resolved: 0, keptForDiscussion: 0 };
  let cursor: string | null = null;
  for (let page = 0; page < MAX_THREAD_PAGES; page++) {
    const data: ThreadsPage = await gh.graphql<ThreadsPage>(THREADS_QUERY, {
      owner: repo.owner,
      repo: repo.repo,
      number: pullNumber,
      cursor,
    });
    const threads = data.repository?.pullRequest?.reviewThreads;
    if (!threads) break;
    for (const thread of threads.nodes) {
      if (thread.isResolved) continue;
      const [root, ...replies] = thread.comments.nodes;
      const fp = markedFingerprint(root?.body);
      if (!root || !fp || currentFingerprints.has(fp)) continue;
      const kind = markedKind(root.body);
      if (scannedKinds && kind && !scannedKinds.has(kind)) continue;
      const author = root.author?.login;
      if (replies.some((r) => r.author?.login !== author)) {
        outcome.keptForDiscussion++;
        continue;
      }
      await gh.graphql(RESOLVE_MUTATION, { threadId: thread.id });
      outcome.resolved++;
    }
    if (!threads.pageInfo.hasNextPage) break;
    cursor = threads.pageInfo.endCursor;
  }
  return outcome;
}
