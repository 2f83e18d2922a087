import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { openApiCatalog, type RouteMatch } from './openapi.ts';
import { handleGraphql } from './graphql.ts';
import { inOneHunk } from './diff-lines.ts';
import { comparisonFromGit, fileFromGit, fileFromTarball } from './git.ts';
import {
  annotationJson,
  appJson,
  checkRunJson,
  diffEntryJson,
  installationJson,
  issueCommentJson,
  pullJson,
  comparisonJson,
  contentFileJson,
  repoJson,
  reviewCommentJson,
  reviewJson,
  tokenJson,
  userJson,
} from './json.ts';
import {
  newId,
  now,
  type Actor,
  type Annotation,
  type CheckRun,
  type Installation,
  type Permissions,
  type Pull,
  type PullFile,
  type Repo,
  type ReviewComment,
} from './state.ts';

/**
 * A local GitHub REST + GraphQL API for tests. Every request is checked against GitHub's OpenAPI
 * description; anything that does not conform (unknown route, bad parameter, bad body) is answered
 * the way GitHub would (404/422) and recorded as a violation, which tests assert is empty. Limits
 * GitHub enforces beyond the schema (comment outside the diff, body sizes, SARIF size, secondary
 * rate limit, permissions) are answered with GitHub's status codes and recorded as rejections.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  operationId: string;
  body: unknown;
  status: number;
  login?: string;
}

export interface Rejection {
  method: string;
  path: string;
  status: number;
  message: string;
}

export interface StandInOptions {
  /** Secondary rate limit on writes per token: more than `maxWrites` within `windowMs` → 403 + retry-after. */
  secondaryRateLimit?: { maxWrites: number; windowMs: number; retryAfterSeconds: number };
  /** The GitHub App whose RS256 JWTs /app endpoints accept. */
  app?: { id: number; slug: string; publicKey: string | KeyObject };
}

export interface ApiError {
  status: number;
  message: string;
  errors?: unknown[];
  headers?: Record<string, string>;
}

export interface HandlerContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  actor: Actor;
  repo: Repo;
  baseUrl: string;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: Buffer;
}

const MAX_REQUEST_BYTES = 32 * 1024 * 1024;
const MAX_COMMENT_BODY = 65536;
const MAX_SARIF_GZIP_BYTES = 10 * 1024 * 1024;
const MAX_SARIF_RESULTS_PER_RUN = 25000;
const MAX_FILES_LISTED = 3000;

const fail = (status: number, message: string, extra: Partial<ApiError> = {}): never => {
  throw Object.assign(new Error(message), { status, message, ...extra });
};

/** The token of an `Authorization: token …` or `bearer …` header. */
const bearerToken = (auth: string): string | undefined => /^(?:token|bearer)\s+(\S+)$/i.exec(auth)?.[1];

/** What each operation needs from the token (write implies read). Metadata is always readable. */
const NEEDS: Record<string, [string, 'read' | 'write'] | 'jwt' | 'token' | 'none'> = {
  'repos/get': 'none',
  'repos/download-tarball-archive': ['contents', 'read'],
  'repos/compare-commits-with-basehead': ['contents', 'read'],
  'repos/get-content': ['contents', 'read'],
  'pulls/get': ['pull_requests', 'read'],
  'pulls/list-files': ['pull_requests', 'read'],
  'pulls/list-reviews': ['pull_requests', 'read'],
  'pulls/list-review-comments': ['pull_requests', 'read'],
  'pulls/create-review': ['pull_requests', 'write'],
  'pulls/create-reply-for-review-comment': ['pull_requests', 'write'],
  'issues/list-comments': ['issues|pull_requests', 'read'],
  'issues/create-comment': ['issues|pull_requests', 'write'],
  'issues/update-comment': ['issues|pull_requests', 'write'],
  'checks/create': ['checks', 'write'],
  'checks/update': ['checks', 'write'],
  'checks/get': ['checks', 'read'],
  'checks/list-for-ref': ['checks', 'read'],
  'checks/list-annotations': ['checks', 'read'],
  'code-scanning/upload-sarif': ['security_events', 'write'],
  'apps/get-authenticated': 'jwt',
  'apps/create-installation-access-token': 'jwt',
  'apps/get-repo-installation': 'jwt',
  // Any installation token, acting on itself: no repository in the path.
  'apps/revoke-installation-access-token': 'token',
};

export function allows(permissions: Permissions, need: string, level: 'read' | 'write'): boolean {
  return need.split('|').some((name) => {
    const granted = permissions[name];
    return granted === 'write' || (granted === 'read' && level === 'read');
  });
}

export class GitHubApiStandIn {
  readonly repos = new Map<string, Repo>();
  readonly installations = new Map<number, Installation>();
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly rejections: Rejection[] = [];
  url = '';
  private readonly tokens = new Map<string, Actor>();
  /** Every installation token minted, in order (only `liveInstallationTokens` looks at them). */
  private readonly minted: string[] = [];
  private readonly writes = new Map<string, number[]>();
  private readonly codeload = new Map<string, { repo: Repo; ref: string }>();
  private readonly injected: Array<{ operationId: string; status: number; times: number }> = [];
  private readonly server: Server;
  private readonly options: StandInOptions;
  private readonly appKey?: KeyObject;

  constructor(options: StandInOptions = {}) {
    this.options = options;
    if (options.app) {
      const k = options.app.publicKey;
      this.appKey = typeof k === 'string' ? createPublicKey(k) : k;
    }
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.violations.push(`stand-in crashed on ${req.method} ${req.url}: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
  }

  async start(): Promise<this> {
    openApiCatalog();
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- set-up -------------------------------------------------------------------------------

  addToken(token: string, actor: Omit<Actor, 'id'> & { id?: number }): void {
    this.tokens.set(token, { id: newId(), ...actor });
  }

  /** Installation tokens minted for a repository and not revoked yet. */
  liveInstallationTokens(repoFullName: string): number {
    return this.minted.filter(
      (t) => this.tokens.has(t) && this.tokens.get(t)!.repositories?.includes(repoFullName),
    ).length;
  }

  addRepo(
    fullName: string,
    extra: Partial<Pick<Repo, 'private' | 'defaultBranch' | 'gitDir' | 'installationId'>> = {},
  ): Repo {
    const [owner, name] = fullName.split('/') as [string, string];
    const repo: Repo = {
      id: newId(),
      owner,
      name,
      fullName,
      private: extra.private ?? false,
      defaultBranch: extra.defaultBranch ?? 'main',
      pulls: new Map(),
      checkRuns: [],
      issueComments: [],
      sarifUploads: [],
      archives: new Map(),
      gitDir: extra.gitDir,
      installationId: extra.installationId,
    };
    this.repos.set(fullName.toLowerCase(), repo);
    return repo;
  }

  addInstallation(installation: Installation): void {
    this.installations.set(installation.id, installation);
  }

  /** Open a PR or move it to a new head (a push): files replace the previous diff. */
  setPull(
    fullName: string,
    number: number,
    pull: {
      headSha: string;
      baseSha: string;
      files: PullFile[];
      headRepo?: string;
      headRef?: string;
      baseRef?: string;
      title?: string;
    },
  ): Pull {
    const repo = this.repo(fullName);
    const existing = repo.pulls.get(number);
    const next: Pull = existing ?? {
      number,
      title: pull.title ?? `PR #${number}`,
      state: 'open',
      head: { sha: '', ref: '', repoFullName: '' },
      base: { sha: '', ref: '' },
      commits: [],
      files: [],
      reviews: [],
      comments: [],
      threads: [],
    };
    next.head = {
      sha: pull.headSha,
      ref: pull.headRef ?? `pr-${number}`,
      repoFullName: pull.headRepo ?? repo.fullName,
    };
    next.base = { sha: pull.baseSha, ref: pull.baseRef ?? repo.defaultBranch };
    next.files = pull.files;
    if (!next.commits.includes(pull.headSha)) next.commits.push(pull.headSha);
    repo.pulls.set(number, next);
    return next;
  }

  /** Turn the secondary rate limit on (or off with undefined) for the requests that follow. */
  setSecondaryRateLimit(limit: StandInOptions['secondaryRateLimit']): void {
    this.options.secondaryRateLimit = limit;
    this.writes.clear();
  }

  /** Make the next `times` calls of an operation fail with `status` (transient-error tests). */
  injectFailure(operationId: string, status: number, times = 1): void {
    this.injected.push({ operationId, status, times });
  }

  repo(fullName: string): Repo {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`stand-in: no repository ${fullName}`);
    return repo;
  }

  requestsFor(operationId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.operationId === operationId);
  }

  // ---- request handling ---------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = (req.method ?? 'GET').toUpperCase();
    // GHES serves REST under /api/v3 and GraphQL at /api/graphql; accept both layouts.
    const pathname = url.pathname.replace(/^\/api\/v3(?=\/)/, '').replace(/^\/api\/graphql$/, '/graphql');
    const baseUrl = url.pathname.startsWith('/api/') ? `${this.url}/api/v3` : this.url;
    const raw = await readBody(req);
    const record: RecordedRequest = {
      method,
      path: pathname,
      query: url.search,
      operationId: '',
      body: undefined,
      status: 0,
    };
    this.requests.push(record);
    const route: { match?: RouteMatch } = {};
    const send = (reply: Reply) => {
      record.status = reply.status;
      // The stand-in answers as GitHub documents: its own 2xx JSON is checked too.
      if (route.match && reply.status < 300 && reply.body !== undefined) {
        for (const p of openApiCatalog().validateResponse(route.match, reply.status, reply.body)) {
          this.violations.push(`stand-in response to ${record.operationId}: ${p}`);
        }
      }
      const headers: Record<string, string> = {
        'x-github-api-version-selected': '2022-11-28',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': String(Math.max(0, 5000 - this.requests.length)),
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-ratelimit-resource': 'core',
        ...reply.headers,
      };
      if (reply.raw) {
        res.writeHead(reply.status, headers).end(reply.raw);
        return;
      }
      if (reply.body === undefined) {
        res.writeHead(reply.status, headers).end();
        return;
      }
      res
        .writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...headers })
        .end(JSON.stringify(reply.body));
    };
    const reject = (status: number, message: string, extra: Partial<ApiError> = {}, violation = false) => {
      const line = `${method} ${pathname}: ${status} ${message}`;
      if (violation) this.violations.push(line);
      else this.rejections.push({ method, path: pathname, status, message });
      send({
        status,
        headers: extra.headers,
        body: {
          message,
          errors: extra.errors,
          documentation_url: 'https://docs.github.com/rest',
          status: String(status),
        },
      });
    };

    if (raw === undefined) return reject(413, 'Payload too large', {}, true);
    let body: unknown;
    const bodyPresent = raw.length > 0;
    if (bodyPresent) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return reject(400, 'Problems parsing JSON', {}, true);
      }
    }
    record.body = body;

    if (pathname.startsWith('/_codeload/')) return send(await this.serveCodeload(pathname));

    const auth = req.headers.authorization ?? '';
    if (pathname === '/graphql' && method === 'POST') {
      record.operationId = 'graphql';
      const actor = this.tokenActor(auth);
      if (!actor) return reject(401, 'Bad credentials');
      record.login = actor.login;
      const result = handleGraphql(this, actor, body, (m) => this.violations.push(`graphql: ${m}`));
      return send({ status: 200, body: result });
    }

    const catalog = openApiCatalog();
    const match = catalog.match(method, pathname);
    if (!match) return reject(404, 'Not Found', {}, true);
    if ('allowed' in match)
      return reject(404, `Not Found (${method} is not defined for this path)`, {}, true);
    record.operationId = match.operation.operationId;
    route.match = match;
    const problems = catalog.validate(match, url.searchParams, body, bodyPresent);
    if (problems.length) {
      return reject(422, 'Invalid request', { errors: problems }, true);
    }
    const accept = String(req.headers['accept'] ?? '');
    if (!/application\/(vnd\.github[\w.+-]*|json)|\*\/\*/.test(accept)) {
      this.violations.push(`${method} ${pathname}: unexpected Accept header ${accept}`);
    }

    const injected = this.injected.find((f) => f.operationId === record.operationId && f.times > 0);
    if (injected) {
      injected.times--;
      return reject(injected.status, 'Server Error (injected)');
    }

    try {
      const need = NEEDS[record.operationId];
      if (need === undefined)
        return reject(404, `stand-in does not implement ${record.operationId}`, {}, true);
      if (need === 'jwt') {
        this.verifyJwt(auth);
        return send(this.appOperation(record.operationId, match, body));
      }
      const actor = this.tokenActor(auth);
      if (!actor) return reject(401, 'Bad credentials');
      record.login = actor.login;
      if (need === 'token') {
        // The one such operation: revoke the token the request is made with.
        this.tokens.delete(bearerToken(auth)!);
        return send({ status: 204 });
      }
      const repo = this.repos.get(`${match.params.owner}/${match.params.repo}`.toLowerCase());
      if (!repo || (actor.repositories && !actor.repositories.includes(repo.fullName)))
        return reject(404, 'Not Found');
      if (need !== 'none' && !allows(actor.permissions, need[0], need[1])) {
        return reject(403, 'Resource not accessible by integration');
      }
      if (method !== 'GET' && this.options.secondaryRateLimit) {
        const limit = this.options.secondaryRateLimit;
        const times = (this.writes.get(actor.login) ?? []).filter((t) => t > Date.now() - limit.windowMs);
        if (times.length >= limit.maxWrites) {
          this.writes.set(actor.login, times);
          return reject(
            403,
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            {
              headers: { 'retry-after': String(limit.retryAfterSeconds) },
            },
          );
        }
        times.push(Date.now());
        this.writes.set(actor.login, times);
      }
      const ctx: HandlerContext = {
        params: match.params,
        query: url.searchParams,
        body: (body ?? {}) as Record<string, unknown>,
        actor,
        repo,
        baseUrl,
      };
      return send(await this.operation(record.operationId, ctx));
    } catch (error) {
      const e = error as ApiError;
      if (typeof e.status !== 'number') throw error;
      return reject(e.status, e.message, e);
    }
  }

  private tokenActor(auth: string): Actor | undefined {
    const token = bearerToken(auth);
    return token === undefined ? undefined : this.tokens.get(token);
  }

  /** RS256 JWT as GitHub checks it for apps: signature, `iss` = app id, iat/exp within 10 minutes. */
  private verifyJwt(auth: string): void {
    const app = this.options.app;
    if (!app || !this.appKey) fail(401, 'A JSON web token could not be decoded');
    const m = /^bearer\s+([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(auth);
    if (!m) return fail(401, 'A JSON web token could not be decoded');
    const [, h, p, s] = m as unknown as [string, string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
    if (header.alg !== 'RS256') fail(401, "'Expiration time' claim ('exp') or algorithm is invalid");
    if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), this.appKey!, Buffer.from(s, 'base64url'))) {
      fail(401, 'A JSON web token could not be decoded');
    }
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as {
      iss?: unknown;
      iat?: number;
      exp?: number;
    };
    const t = Math.floor(Date.now() / 1000);
    if (String(claims.iss) !== String(app!.id)) fail(401, "'Issuer' claim ('iss') must be an Integer");
    if (
      typeof claims.exp !== 'number' ||
      typeof claims.iat !== 'number' ||
      claims.exp <= t ||
      claims.iat > t + 60 ||
      claims.exp - claims.iat > 600
    ) {
      fail(401, "'Expiration time' claim ('exp') is too far in the future");
    }
  }

  private appOperation(operationId: string, match: RouteMatch, body: unknown): Reply {
    const app = this.options.app!;
    if (operationId === 'apps/get-authenticated') return { status: 200, body: appJson(app) };
    if (operationId === 'apps/get-repo-installation') {
      const repo = this.repos.get(`${match.params.owner}/${match.params.repo}`.toLowerCase());
      if (!repo?.installationId) fail(404, 'Not Found');
      const inst = this.installations.get(repo!.installationId!)!;
      return { status: 200, body: installationJson(inst, app) };
    }
    const inst = this.installations.get(Number(match.params.installation_id));
    if (!inst) return fail(404, 'Not Found');
    const requested = (body ?? {}) as { permissions?: Permissions; repositories?: string[] };
    const permissions = requested.permissions ?? inst.permissions;
    for (const [name, level] of Object.entries(permissions)) {
      if (!allows(inst.permissions, name, level))
        fail(422, `The permissions requested are not granted to this installation.`);
    }
    const token = `ghs_${randomBytes(18).toString('hex')}`;
    const repositories = requested.repositories?.map((r) => `${inst.account}/${r}`) ?? inst.repositories;
    this.minted.push(token);
    this.addToken(token, {
      login: `${app.slug}[bot]`,
      type: 'Bot',
      permissions,
      repositories,
      installationId: inst.id,
    });
    return { status: 201, body: tokenJson(token, permissions, repositories) };
  }

  private async serveCodeload(pathname: string): Promise<Reply> {
    const entry = this.codeload.get(pathname);
    if (!entry) return { status: 404, body: { message: 'Not Found' } };
    this.codeload.delete(pathname);
    const { repo, ref } = entry;
    let tarball = repo.archives.get(ref);
    if (!tarball && repo.gitDir) {
      const sha7 = ref.slice(0, 7);
      const { stdout } = await promisify(execFile)(
        'git',
        [
          '-C',
          repo.gitDir,
          'archive',
          '--format=tar.gz',
          `--prefix=${repo.owner}-${repo.name}-${sha7}/`,
          ref,
        ],
        { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 },
      );
      tarball = stdout;
    }
    if (!tarball) return { status: 404, body: { message: 'Not Found' } };
    return {
      status: 200,
      raw: tarball,
      headers: { 'content-type': 'application/x-gzip', 'content-length': String(tarball.length) },
    };
  }

  private pull(ctx: HandlerContext): Pull {
    const pull = ctx.repo.pulls.get(Number(ctx.params.pull_number ?? ctx.params.issue_number));
    if (!pull) return fail(404, 'Not Found');
    return pull;
  }

  private user(actor: Actor) {
    return userJson(actor);
  }

  private async operation(operationId: string, ctx: HandlerContext): Promise<Reply> {
    const { repo, body, baseUrl } = ctx;
    const repoUrl = `${baseUrl}/repos/${repo.fullName}`;
    switch (operationId) {
      case 'repos/get':
        return { status: 200, body: repoJson(repo, baseUrl) };
      case 'repos/compare-commits-with-basehead': {
        // Answered from the repository's git directory; without one, as GitHub does for an unknown commit.
        const [base, head] = ctx.params.basehead!.split('...');
        const comparison =
          repo.gitDir && base && head ? comparisonFromGit(repo.gitDir, base, head) : undefined;
        if (!comparison) return fail(404, 'Not Found');
        return { status: 200, body: comparisonJson(repoUrl, base!, head!, comparison) };
      }
      case 'repos/get-content': {
        // Files only (a folder, link or submodule is not modelled), from gitDir or the served tarball.
        const ref = ctx.query.get('ref') ?? repo.defaultBranch;
        const path = ctx.params.path!;
        const archive = repo.archives.get(ref);
        const bytes = repo.gitDir
          ? fileFromGit(repo.gitDir, ref, path)
          : archive
            ? await fileFromTarball(archive, path)
            : undefined;
        if (!bytes) return fail(404, 'Not Found');
        return { status: 200, body: contentFileJson(repoUrl, path, ref, bytes) };
      }
      case 'repos/download-tarball-archive': {
        const key = `/_codeload/${repo.fullName}/legacy.tar.gz/${ctx.params.ref}/${randomBytes(8).toString('hex')}`;
        this.codeload.set(key, { repo, ref: ctx.params.ref! });
        return { status: 302, headers: { location: `${this.url}${key}` } };
      }
      case 'pulls/get': {
        const pull = this.pull(ctx);
        return {
          status: 200,
          body: pullJson(repo, pull, this.repos.get(pull.head.repoFullName.toLowerCase()), baseUrl),
        };
      }
      case 'pulls/list-files': {
        const pull = this.pull(ctx);
        const files = pull.files.slice(0, MAX_FILES_LISTED).map((f) => diffEntryJson(f, repo));
        return paginate(files, ctx.query, `${repoUrl}/pulls/${pull.number}/files`);
      }
      case 'pulls/list-reviews': {
        const pull = this.pull(ctx);
        return paginate(
          pull.reviews.map((r) => reviewJson(r, repoUrl, pull.number)),
          ctx.query,
          `${repoUrl}/pulls/${pull.number}/reviews`,
        );
      }
      case 'pulls/list-review-comments': {
        const pull = this.pull(ctx);
        return paginate(
          pull.comments.map((c) => reviewCommentJson(c, repoUrl, pull.number)),
          ctx.query,
          `${repoUrl}/pulls/${pull.number}/comments`,
        );
      }
      case 'pulls/create-review':
        return this.createReview(ctx);
      case 'pulls/create-reply-for-review-comment': {
        const pull = this.pull(ctx);
        const parent = pull.comments.find((c) => c.id === Number(ctx.params.comment_id));
        if (!parent) return fail(404, 'Not Found');
        const text = String(body.body);
        if (text.length > MAX_COMMENT_BODY) fail(422, 'Body is too long (maximum is 65536 characters)');
        const reply: ReviewComment = {
          ...parent,
          id: newId(),
          node_id: `PRRC_${newId()}`,
          in_reply_to_id: parent.in_reply_to_id ?? parent.id,
          body: text,
          user: this.user(ctx.actor),
          created_at: now(),
          pull_request_review_id: null,
        };
        pull.comments.push(reply);
        return { status: 201, body: reviewCommentJson(reply, repoUrl, pull.number) };
      }
      case 'issues/list-comments': {
        const number = Number(ctx.params.issue_number);
        const list = repo.issueComments
          .filter((c) => c.issueNumber === number)
          .map((c) => issueCommentJson(c, repoUrl));
        return paginate(list, ctx.query, `${repoUrl}/issues/${number}/comments`);
      }
      case 'issues/create-comment': {
        const number = Number(ctx.params.issue_number);
        if (!repo.pulls.has(number)) fail(404, 'Not Found');
        const text = String(body.body);
        if (text.length > MAX_COMMENT_BODY) fail(422, 'Body is too long (maximum is 65536 characters)');
        const c = {
          id: newId(),
          node_id: `IC_${newId()}`,
          issueNumber: number,
          body: text,
          user: this.user(ctx.actor),
          created_at: now(),
          updated_at: now(),
        };
        repo.issueComments.push(c);
        return { status: 201, body: issueCommentJson(c, repoUrl) };
      }
      case 'issues/update-comment': {
        const c = repo.issueComments.find((x) => x.id === Number(ctx.params.comment_id));
        if (!c) return fail(404, 'Not Found');
        if (c.user.login !== ctx.actor.login) fail(403, 'Resource not accessible by integration');
        const text = String(body.body);
        if (text.length > MAX_COMMENT_BODY) fail(422, 'Body is too long (maximum is 65536 characters)');
        c.body = text;
        c.updated_at = now();
        return { status: 200, body: issueCommentJson(c, repoUrl) };
      }
      case 'checks/create': {
        const run: CheckRun = {
          id: newId(),
          node_id: `CR_${newId()}`,
          name: String(body.name),
          head_sha: String(body.head_sha),
          status: 'queued',
          conclusion: null,
          details_url: null,
          external_id: null,
          started_at: null,
          completed_at: null,
          output: { title: null, summary: null, text: null },
          annotations: [],
          annotationRequests: 0,
          app: ctx.actor.installationId
            ? { id: this.options.app?.id ?? 0, slug: this.options.app?.slug ?? '' }
            : { id: 15368, slug: 'github-actions' },
        };
        if (!/^[0-9a-f]{40}$/.test(run.head_sha)) fail(422, 'No commit found for SHA: ' + run.head_sha);
        applyCheckUpdate(run, body);
        repo.checkRuns.push(run);
        return { status: 201, body: checkRunJson(run, repoUrl) };
      }
      case 'checks/update': {
        const run = repo.checkRuns.find((r) => r.id === Number(ctx.params.check_run_id));
        if (!run) return fail(404, 'Not Found');
        applyCheckUpdate(run, body);
        return { status: 200, body: checkRunJson(run, repoUrl) };
      }
      case 'checks/get': {
        const run = repo.checkRuns.find((r) => r.id === Number(ctx.params.check_run_id));
        if (!run) return fail(404, 'Not Found');
        return { status: 200, body: checkRunJson(run, repoUrl) };
      }
      case 'checks/list-for-ref': {
        const name = ctx.query.get('check_name');
        const status = ctx.query.get('status');
        const runs = repo.checkRuns.filter(
          (r) =>
            r.head_sha === ctx.params.ref && (!name || r.name === name) && (!status || r.status === status),
        );
        const page = paginate(
          runs.map((r) => checkRunJson(r, repoUrl)),
          ctx.query,
          `${repoUrl}/commits/${ctx.params.ref}/check-runs`,
        );
        return { ...page, body: { total_count: runs.length, check_runs: page.body } };
      }
      case 'checks/list-annotations': {
        const run = repo.checkRuns.find((r) => r.id === Number(ctx.params.check_run_id));
        if (!run) return fail(404, 'Not Found');
        return paginate(
          run.annotations.map(annotationJson),
          ctx.query,
          `${repoUrl}/check-runs/${run.id}/annotations`,
        );
      }
      case 'code-scanning/upload-sarif':
        return this.uploadSarif(ctx);
    }
    return fail(404, `stand-in does not implement ${operationId}`);
  }

  private createReview(ctx: HandlerContext): Reply {
    const pull = this.pull(ctx);
    const body = ctx.body as {
      commit_id?: string;
      body?: string;
      event?: string;
      comments?: Array<Record<string, unknown>>;
    };
    const commitId = body.commit_id ?? pull.head.sha;
    if (!pull.commits.includes(commitId))
      fail(422, `Unprocessable Entity`, { errors: [`No commit found for SHA: ${commitId}`] });
    if ((body.body ?? '').length > MAX_COMMENT_BODY)
      fail(422, 'Body is too long (maximum is 65536 characters)');
    if (
      (body.event === 'COMMENT' || body.event === 'REQUEST_CHANGES') &&
      !body.body &&
      !body.comments?.length
    ) {
      fail(422, 'Unprocessable Entity', { errors: ['Review body is required'] });
    }
    const comments = body.comments ?? [];
    // GitHub refuses the whole review when any one comment cannot be placed in the diff.
    for (const c of comments) {
      const file = pull.files.find((f) => f.filename === c.path);
      const side = (c.side as 'LEFT' | 'RIGHT' | undefined) ?? 'RIGHT';
      const line = c.line as number | undefined;
      const start = (c.start_line as number | undefined) ?? line;
      if (String(c.body ?? '').length > MAX_COMMENT_BODY)
        fail(422, 'Body is too long (maximum is 65536 characters)');
      if (!file)
        fail(422, 'Unprocessable Entity', { errors: [`Path could not be resolved: ${String(c.path)}`] });
      if (line === undefined)
        fail(422, 'Unprocessable Entity', {
          errors: ['stand-in supports line-based comments only (position is deprecated)'],
        });
      if (c.start_side !== undefined && c.start_side !== side)
        fail(422, 'Unprocessable Entity', { errors: ['start_side must match side'] });
      if (start! > line! || !file!.patch || !inOneHunk(file!.patch, side, start!, line!)) {
        fail(422, 'Unprocessable Entity', {
          errors: ['Pull request review thread line must be part of the diff'],
        });
      }
    }
    const review = {
      id: newId(),
      node_id: `PRR_${newId()}`,
      commit_id: commitId,
      body: body.body ?? '',
      state:
        body.event === 'APPROVE'
          ? 'APPROVED'
          : body.event === 'REQUEST_CHANGES'
            ? 'CHANGES_REQUESTED'
            : body.event
              ? 'COMMENTED'
              : 'PENDING',
      user: this.user(ctx.actor),
      submitted_at: now(),
    };
    pull.reviews.push(review);
    for (const c of comments) {
      const id = newId();
      pull.comments.push({
        id,
        node_id: `PRRC_${id}`,
        pull_request_review_id: review.id,
        path: String(c.path),
        line: c.line as number,
        start_line: (c.start_line as number | undefined) ?? null,
        side: (c.side as 'LEFT' | 'RIGHT' | undefined) ?? 'RIGHT',
        start_side:
          c.start_line !== undefined ? ((c.start_side as 'LEFT' | 'RIGHT' | undefined) ?? 'RIGHT') : null,
        commit_id: commitId,
        original_commit_id: commitId,
        body: String(c.body),
        user: review.user,
        created_at: now(),
      });
      pull.threads.push({ id: `PRRT_${id}`, rootCommentId: id, isResolved: false });
    }
    return {
      status: 200,
      body: reviewJson(review, `${ctx.baseUrl}/repos/${ctx.repo.fullName}`, pull.number),
    };
  }

  private uploadSarif(ctx: HandlerContext): Reply {
    const body = ctx.body as {
      commit_sha: string;
      ref: string;
      sarif: string;
      tool_name?: string;
      checkout_uri?: string;
    };
    const compressed = Buffer.from(body.sarif, 'base64');
    if (compressed.length > MAX_SARIF_GZIP_BYTES)
      fail(413, 'Payload Too Large: the gzip-compressed SARIF exceeds 10 MB');
    let log: {
      version?: string;
      runs?: Array<{
        results?: unknown[];
        tool?: { driver?: { name?: string } };
        automationDetails?: { id?: string };
      }>;
    };
    try {
      log = JSON.parse(
        gunzipSync(compressed, { maxOutputLength: 512 * 1024 * 1024 }).toString('utf8'),
      ) as typeof log;
    } catch {
      return fail(400, 'Invalid SARIF: not gzip-compressed, base64-encoded JSON');
    }
    if (log.version !== '2.1.0' || !Array.isArray(log.runs))
      fail(400, 'Invalid SARIF: version must be 2.1.0 with a runs array');
    const seen = new Set<string>();
    for (const run of log.runs!) {
      if ((run.results?.length ?? 0) > MAX_SARIF_RESULTS_PER_RUN)
        fail(400, `Invalid SARIF: a run has more than ${MAX_SARIF_RESULTS_PER_RUN} results`);
      const key = `${run.tool?.driver?.name ?? ''}\u0000${run.automationDetails?.id ?? ''}`;
      if (seen.has(key))
        fail(400, 'Invalid SARIF: multiple runs with the same tool and category in one upload');
      seen.add(key);
    }
    const id = randomBytes(16).toString('hex');
    ctx.repo.sarifUploads.push({
      id,
      commit_sha: body.commit_sha,
      ref: body.ref,
      sarif: log,
      compressedBytes: compressed.length,
      tool_name: body.tool_name,
      checkout_uri: body.checkout_uri,
    });
    return {
      status: 202,
      body: { id, url: `${ctx.baseUrl}/repos/${ctx.repo.fullName}/code-scanning/sarifs/${id}` },
    };
  }
}

function applyCheckUpdate(run: CheckRun, body: Record<string, unknown>): void {
  const output = body.output as
    { title?: string; summary?: string; text?: string; annotations?: Annotation[] } | undefined;
  if (body.conclusion !== undefined) {
    run.conclusion = String(body.conclusion);
    run.status = 'completed';
    run.completed_at = (body.completed_at as string | undefined) ?? now();
  } else if (body.status === 'completed') {
    fail(422, 'Unprocessable Entity', { errors: ['conclusion is required when status is completed'] });
  } else if (body.status !== undefined) {
    run.status = String(body.status);
    if (run.status === 'in_progress') run.started_at ??= (body.started_at as string | undefined) ?? now();
  }
  for (const key of ['details_url', 'external_id'] as const)
    if (body[key] !== undefined) run[key] = String(body[key]);
  if (output) {
    if (output.title !== undefined) run.output.title = output.title;
    if (output.summary !== undefined) run.output.summary = output.summary;
    if (output.text !== undefined) run.output.text = output.text;
    for (const a of output.annotations ?? []) {
      if (a.start_line < 1)
        fail(422, 'Validation Failed', {
          errors: [{ resource: 'CheckRun', code: 'invalid', field: 'annotations' }],
        });
      if (a.start_line > a.end_line)
        fail(422, 'Unprocessable Entity', { errors: ['annotation start_line must not exceed end_line'] });
      if ((a.start_column !== undefined || a.end_column !== undefined) && a.start_line !== a.end_line) {
        fail(422, 'Unprocessable Entity', {
          errors: ['start_column and end_column are only allowed when start_line equals end_line'],
        });
      }
    }
    if (output.annotations?.length) {
      run.annotations.push(...output.annotations);
      run.annotationRequests++;
    }
  }
}

function paginate<T>(items: T[], query: URLSearchParams, url: string): Reply {
  const perPage = Math.min(100, Number(query.get('per_page') ?? 30) || 30);
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const links: string[] = [];
  const link = (p: number, rel: string) => links.push(`<${url}?per_page=${perPage}&page=${p}>; rel="${rel}"`);
  if (page < last) {
    link(page + 1, 'next');
    link(last, 'last');
  }
  if (page > 1) {
    link(1, 'first');
    link(page - 1, 'prev');
  }
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length ? { link: links.join(', ') } : {},
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startGitHubApi(options: StandInOptions = {}): Promise<GitHubApiStandIn> {
  return new GitHubApiStandIn(options).start();
}
