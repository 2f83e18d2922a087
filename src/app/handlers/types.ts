/** What every handler gets: the payload and the repository/installation it concerns. */
export interface EventInput<P> {
  payload: P;
  repo: { installationId: number; owner: string; repo: string; delivery: string };
  /** This App's id: re-run requests for other Apps' check runs are not ours. */
  appId: number;
}

/** A pull request as check_run / check_suite payloads list it. */
export interface LinkedPull {
  number: number;
  head: { sha: string };
  base: { sha: string };
}

/** The PR whose head is `sha`, from a check's `pull_requests` list. */
export function pullFor(pulls: LinkedPull[] | undefined, sha: string) {
  const pr = pulls?.find((p) => p.head.sha === sha) ?? pulls?.[0];
  return pr ? { number: pr.number, baseSha: pr.base.sha } : undefined;
}
