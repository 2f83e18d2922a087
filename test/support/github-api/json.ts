import { createHash } from 'node:crypto';
import { openApiCatalog } from './openapi.ts';
import type { Comparison } from './git.ts';
import type {
  Actor,
  Annotation,
  CheckRun,
  IssueComment,
  Pull,
  PullFile,
  Repo,
  Review,
  ReviewComment,
} from './state.ts';

/**
 * Response bodies, each GitHub's own documented example with the stand-in's state laid over it:
 * every field a real response carries is there (responses are checked against the OpenAPI
 * response schemas), and what tests act on comes from state.
 */
type Json = Record<string, unknown>;
const ex = (name: string): Json => openApiCatalog().example<Json>(name);
const first = (name: string): Json => openApiCatalog().example<Json[]>(name)[0]!;
const WEB = 'https://github.test';

export type UserJson = Json & { login: string; id: number; type: string };

export function userJson(actor: Pick<Actor, 'login' | 'id' | 'type'>): UserJson {
  return {
    ...(ex('simple-user') as Json),
    login: actor.login,
    id: actor.id,
    node_id: `U_${actor.id}`,
    type: actor.type,
    html_url: `${WEB}/${encodeURIComponent(actor.login)}`,
  };
}

export function appJson(app: { id: number; slug: string }): Json {
  return { ...ex('integration'), id: app.id, slug: app.slug, name: app.slug, node_id: `A_${app.id}` };
}

export function repoJson(repo: Repo, baseUrl: string): Json {
  const base = ex('full-repository-default-response');
  return {
    ...base,
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    visibility: repo.private ? 'private' : 'public',
    owner: { ...(base.owner as Json), login: repo.owner },
    default_branch: repo.defaultBranch,
    url: `${baseUrl}/repos/${repo.fullName}`,
    html_url: `${WEB}/${repo.fullName}`,
    fork: false,
  };
}

export function pullJson(repo: Repo, pull: Pull, headRepo: Repo | undefined, baseUrl: string): Json {
  const base = ex('pull-request');
  const side = (b: Json, sha: string, ref: string, r: Repo | undefined) => ({
    ...b,
    sha,
    ref,
    label: `${r?.owner ?? 'unknown'}:${ref}`,
    repo: r ? repoJson(r, baseUrl) : null,
  });
  return {
    ...base,
    id: pull.number + 100000,
    node_id: `PR_${pull.number}`,
    number: pull.number,
    state: pull.state,
    title: pull.title,
    url: `${baseUrl}/repos/${repo.fullName}/pulls/${pull.number}`,
    html_url: `${WEB}/${repo.fullName}/pull/${pull.number}`,
    head: side(base.head as Json, pull.head.sha, pull.head.ref, headRepo),
    base: side(base.base as Json, pull.base.sha, pull.base.ref, repo),
    changed_files: pull.files.length,
    commits: pull.commits.length,
  };
}

export function diffEntryJson(f: PullFile, repo: Repo): Json {
  const { patch: _, ...base } = first('diff-entry-items');
  return {
    ...base,
    ...f,
    sha: '0'.repeat(40),
    blob_url: `${WEB}/${repo.fullName}/blob/HEAD/${f.filename}`,
    raw_url: `${WEB}/${repo.fullName}/raw/HEAD/${f.filename}`,
    contents_url: `${WEB}/${repo.fullName}/contents/${f.filename}`,
  };
}

export function reviewJson(r: Review, repoUrl: string, pullNumber: number): Json {
  return {
    ...ex('pull-request-review'),
    ...r,
    html_url: `${WEB}/pull/${pullNumber}#pullrequestreview-${r.id}`,
    pull_request_url: `${repoUrl}/pulls/${pullNumber}`,
    author_association: 'NONE',
  };
}

export function reviewCommentJson(c: ReviewComment, repoUrl: string, pullNumber: number): Json {
  const { in_reply_to_id, ...rest } = c;
  // The example is a reply; a thread's first comment has no in_reply_to_id at all.
  const { in_reply_to_id: _, ...base } = ex('pull-request-review-comment');
  return {
    ...base,
    ...rest,
    ...(in_reply_to_id ? { in_reply_to_id } : {}),
    url: `${repoUrl}/pulls/comments/${c.id}`,
    html_url: `${WEB}/pull/${pullNumber}#discussion_r${c.id}`,
    pull_request_url: `${repoUrl}/pulls/${pullNumber}`,
    position: c.line,
    original_position: c.line,
    original_line: c.line,
    original_start_line: c.start_line,
    author_association: 'NONE',
    updated_at: c.created_at,
  };
}

export function issueCommentJson(c: IssueComment, repoUrl: string): Json {
  const { issueNumber, ...rest } = c;
  return {
    ...ex('issue-comment'),
    ...rest,
    url: `${repoUrl}/issues/comments/${c.id}`,
    html_url: `${WEB}/issues/${issueNumber}#issuecomment-${c.id}`,
    issue_url: `${repoUrl}/issues/${issueNumber}`,
    author_association: 'NONE',
  };
}

export function checkRunJson(run: CheckRun, repoUrl: string): Json {
  const { annotations, annotationRequests: _, app, ...rest } = run;
  const base = ex('check-run');
  return {
    ...base,
    ...rest,
    app: app ? appJson(app) : null,
    url: `${repoUrl}/check-runs/${run.id}`,
    html_url: `${WEB}/${repoUrl.split('/repos/')[1]}/runs/${run.id}`,
    output: {
      ...run.output,
      annotations_count: annotations.length,
      annotations_url: `${repoUrl}/check-runs/${run.id}/annotations`,
    },
    pull_requests: [],
  };
}

export function annotationJson(a: Annotation): Json {
  return {
    ...first('check-annotation-items'),
    start_column: null,
    end_column: null,
    title: null,
    raw_details: null,
    ...a,
    blob_href: '',
  };
}

export function installationJson(
  inst: { id: number; account: string; permissions: Json; repositories?: string[] },
  app: { id: number; slug: string },
): Json {
  const base = ex('installation');
  return {
    ...base,
    id: inst.id,
    app_id: app.id,
    app_slug: app.slug,
    account: { ...(base.account as Json), login: inst.account },
    permissions: inst.permissions,
    repository_selection: inst.repositories ? 'selected' : 'all',
  };
}

export function tokenJson(token: string, permissions: Json, repositories: string[] | undefined): Json {
  const { repositories: _, ...base } = ex('installation-token');
  return {
    ...base,
    token,
    expires_at: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    permissions,
    repository_selection: repositories ? 'selected' : 'all',
  };
}

export function comparisonJson(
  repoUrl: string,
  base: string,
  head: string,
  { mergeBase, ahead, behind }: Comparison,
): Json {
  const example = ex('commit-comparison');
  const commit = (sha: string): Json => ({
    ...(example.base_commit as Json),
    sha,
    node_id: `C_${sha}`,
    url: `${repoUrl}/commits/${sha}`,
  });
  return {
    ...example,
    url: `${repoUrl}/compare/${base}...${head}`,
    base_commit: commit(base),
    merge_base_commit: commit(mergeBase),
    status: ahead && behind ? 'diverged' : ahead ? 'ahead' : behind ? 'behind' : 'identical',
    ahead_by: ahead,
    behind_by: behind,
    total_commits: ahead,
    // The commits and files of the comparison are not modelled; vigil reads the merge base only.
    commits: [],
    files: [],
  };
}

/** A file from the contents API (JSON form: base64 `content`, as GitHub serves files up to 1 MB). */
export function contentFileJson(repoUrl: string, path: string, ref: string, bytes: Buffer): Json {
  const sha = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
  const url = `${repoUrl}/contents/${path}?ref=${ref}`;
  return {
    ...ex('content-file-response-if-content-is-a-file'),
    type: 'file',
    encoding: 'base64',
    size: bytes.length,
    name: path.split('/').pop(),
    path,
    sha,
    content: bytes.toString('base64'),
    url,
    git_url: `${repoUrl}/git/blobs/${sha}`,
    html_url: `${WEB}/${repoUrl.split('/repos/')[1]}/blob/${ref}/${path}`,
    download_url: null,
    _links: {
      self: url,
      git: `${repoUrl}/git/blobs/${sha}`,
      html: `${WEB}/${repoUrl.split('/repos/')[1]}/blob/${ref}/${path}`,
    },
  };
}
