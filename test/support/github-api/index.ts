export {
  GitHubApiStandIn,
  startGitHubApi,
  type StandInOptions,
  type RecordedRequest,
  type Rejection,
} from './server.ts';
export { pullFilesFromGit } from './git.ts';
export type * from './state.ts';
