/** What every handler gets: the payload and the repository/installation it concerns. */
export interface EventInput<P> {
  payload: P;
  repo: { installationId: number; owner: string; repo: string; delivery: string };
  /** This App's id: re-run requests for other Apps' check runs are not ours. */
  appId: number;
}
