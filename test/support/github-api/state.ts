/** The stand-in's world: what GitHub would hold for the repositories a test sets up. */

export type Permission = 'read' | 'write';
export type Permissions = Record<string, Permission>;

export interface Actor {
  login: string;
  type: 'Bot' | 'User';
  id: number;
  permissions: Permissions;
  /** Set for installation tokens: the repositories (full names) they may touch; undefined = all. */
  repositories?: string[];
  installationId?: number;
}

export interface PullFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  changes: number;
  /** Absent for binary files and for files whose diff GitHub will not render (too large). */
  patch?: string;
  previous_filename?: string;
}

export interface ReviewComment {
  id: number;
  node_id: string;
  pull_request_review_id: number | null;
  in_reply_to_id?: number;
  path: string;
  line: number | null;
  start_line: number | null;
  side: 'LEFT' | 'RIGHT';
  start_side: 'LEFT' | 'RIGHT' | null;
  commit_id: string;
  original_commit_id: string;
  body: string;
  user: { login: string; type: string; id: number };
  created_at: string;
}

export interface Thread {
  id: string;
  rootCommentId: number;
  isResolved: boolean;
  resolvedBy?: string;
}

export interface Review {
  id: number;
  node_id: string;
  commit_id: string;
  body: string;
  state: string;
  user: { login: string; type: string; id: number };
  submitted_at: string;
}

export interface Pull {
  number: number;
  title: string;
  state: 'open' | 'closed';
  head: { sha: string; ref: string; repoFullName: string };
  base: { sha: string; ref: string };
  /** Every head SHA the PR has had, oldest first (reviews may target any of them). */
  commits: string[];
  files: PullFile[];
  reviews: Review[];
  comments: ReviewComment[];
  threads: Thread[];
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRun {
  id: number;
  node_id: string;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  details_url: string | null;
  external_id: string | null;
  started_at: string | null;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: Annotation[];
  /** How many requests carried annotations (one per create/update with a non-empty list). */
  annotationRequests: number;
  app: { id: number; slug: string } | null;
}

export interface IssueComment {
  id: number;
  node_id: string;
  issueNumber: number;
  body: string;
  user: { login: string; type: string; id: number };
  created_at: string;
  updated_at: string;
}

export interface SarifUpload {
  id: string;
  commit_sha: string;
  ref: string;
  /** The decoded SARIF log. */
  sarif: { version?: string; runs?: Array<{ results?: unknown[]; automationDetails?: { id?: string } }> };
  compressedBytes: number;
  tool_name?: string;
  checkout_uri?: string;
}

export interface Repo {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  defaultBranch: string;
  pulls: Map<number, Pull>;
  checkRuns: CheckRun[];
  issueComments: IssueComment[];
  sarifUploads: SarifUpload[];
  /** Tarballs by ref, or a git directory `git archive` reads them from. */
  archives: Map<string, Buffer>;
  gitDir?: string;
  installationId?: number;
}

export interface Installation {
  id: number;
  account: string;
  permissions: Permissions;
  /** Repository full names the installation covers; undefined = all of the account's. */
  repositories?: string[];
}

let nextId = 1000;
export const newId = () => ++nextId;
export const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
