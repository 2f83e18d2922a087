import { execFileSync } from 'node:child_process';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/github/client.ts';
import { startGitHubApi, type GitHubApiStandIn } from '../support/github-api/index.ts';
import { client, HEAD, standIn } from './helpers.ts';

/** The stand-in's own guarantees, which the Action's and the App's tests rely on. */
let api: GitHubApiStandIn;
afterEach(async () => {
  await api.close();
});

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
function jwt(claims: Record<string, unknown>, key = privateKey, alg = 'RS256'): string {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  const sig = createSign('RSA-SHA256').update(head).sign(key).toString('base64url');
  return `${head}.${sig}`;
}
const now = () => Math.floor(Date.now() / 1000);

describe('GitHub App authentication', () => {
  it('issues installation tokens for a valid RS256 JWT and scopes them to the installation', async () => {
    api = await startGitHubApi({
      app: { id: 77, slug: 'vigil', publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    });
    api.addInstallation({
      id: 5,
      account: 'acme',
      permissions: { checks: 'write', pull_requests: 'write', contents: 'read' },
      repositories: ['acme/app'],
    });
    api.addRepo('acme/app', { installationId: 5 });
    api.addRepo('acme/other');
    const appClient = createGitHubClient({
      token: jwt({ iss: 77, iat: now() - 30, exp: now() + 540 }),
      baseUrl: api.url,
      warn: () => {},
    });
    const { data: app } = await appClient.request('GET /app');
    expect(app?.slug).toBe('vigil');
    const { data: inst } = await appClient.request('GET /repos/{owner}/{repo}/installation', {
      owner: 'acme',
      repo: 'app',
    });
    expect(inst.id).toBe(5);
    const { data: token } = await appClient.request(
      'POST /app/installations/{installation_id}/access_tokens',
      { installation_id: 5 },
    );
    expect(token.token).toMatch(/^ghs_/);
    const gh = createGitHubClient({
      token: token.token,
      baseUrl: api.url,
      writeIntervalMs: 0,
      warn: () => {},
    });
    await gh.request('POST /repos/{owner}/{repo}/check-runs', {
      owner: 'acme',
      repo: 'app',
      name: 'x',
      head_sha: HEAD,
    });
    await expect(
      gh.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'other' }),
    ).rejects.toMatchObject({ status: 404 });
    expect(api.repo('acme/app').checkRuns[0]!.app).toMatchObject({ id: 77 });
    expect(api.violations).toEqual([]);
  });

  it('refuses a JWT signed by another key, expired, too long-lived, or for another app', async () => {
    api = await startGitHubApi({ app: { id: 77, slug: 'vigil', publicKey } });
    api.addInstallation({ id: 5, account: 'acme', permissions: { checks: 'write' } });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const bad = [
      jwt({ iss: 77, iat: now() - 30, exp: now() + 540 }, other),
      jwt({ iss: 77, iat: now() - 700, exp: now() - 100 }),
      jwt({ iss: 77, iat: now(), exp: now() + 3600 }),
      jwt({ iss: 78, iat: now() - 30, exp: now() + 540 }),
      'not-a-jwt',
    ];
    for (const token of bad) {
      const gh = createGitHubClient({ token, baseUrl: api.url, warn: () => {} });
      await expect(
        gh.request('POST /app/installations/{installation_id}/access_tokens', { installation_id: 5 }),
      ).rejects.toMatchObject({ status: 401 });
    }
    const good = createGitHubClient({
      token: jwt({ iss: 77, iat: now() - 30, exp: now() + 540 }),
      baseUrl: api.url,
      warn: () => {},
    });
    await expect(
      good.request('POST /app/installations/{installation_id}/access_tokens', {
        installation_id: 5,
        permissions: { contents: 'write' },
      }),
    ).rejects.toMatchObject({ status: 422 });
  });
});

describe('repository tarball', () => {
  it('redirects to a one-time download of `git archive` at the SHA', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-tarball-'));
    try {
      execFileSync('git', ['init', '-q', dir]);
      writeFileSync(join(dir, 'a.js'), 'eval(x);\n');
      execFileSync('git', ['-C', dir, 'add', '.']);
      execFileSync('git', [
        '-C',
        dir,
        '-c',
        'user.name=t',
        '-c',
        'user.email=t@e',
        'commit',
        '-q',
        '-m',
        'c',
      ]);
      const sha = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
      api = await standIn();
      api.repo('acme/app').gitDir = dir;
      const res = await client(api).request('GET /repos/{owner}/{repo}/tarball/{ref}', {
        owner: 'acme',
        repo: 'app',
        ref: sha,
      });
      const tar = gunzipSync(Buffer.from(res.data as ArrayBuffer));
      expect(tar.toString('latin1')).toContain(`acme-app-${sha.slice(0, 7)}/a.js`);
      const again = await fetch(res.url);
      expect(again.status).toBe(404);
      expect(api.violations).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GraphQL', () => {
  it('rejects unknown fields, oversized pages and undeclared variables as violations', async () => {
    api = await standIn();
    const gh = client(api);
    const bad = [
      `query { repository(owner: "acme", name: "app") { pullRequest(number: 1) { reviewThreads(first: 101) { nodes { id } } } } }`,
      `query { repository(owner: "acme", name: "app") { pullRequest(number: 1) { reviewThreads(first: 10) { nodes { id secretField } } } } }`,
      `mutation { resolveReviewThread(input: { threadId: $id }) { thread { id } } }`,
    ];
    for (const query of bad) await expect(gh.graphql(query)).rejects.toThrow();
    expect(api.violations).toHaveLength(3);
    api.violations.length = 0;
  });

  it('answers resolveReviewThread for a read-only token with FORBIDDEN', async () => {
    api = await standIn();
    await expect(
      client(api, 'read-token').graphql(
        `mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { id } } }`,
        { id: 'PRRT_1' },
      ),
    ).rejects.toThrow(/Could not resolve|not accessible/);
  });
});

describe('OpenAPI validation', () => {
  it('checks query parameters, bodies and Accept headers of every request', async () => {
    api = await standIn();
    api.setPull('acme/app', 1, { headSha: HEAD, baseSha: HEAD, files: [] });
    const gh = client(api);
    await expect(
      gh.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
        owner: 'acme',
        repo: 'app',
        pull_number: 1,
        per_page: 'many' as unknown as number, // deliberately wrong, as a careless client might send
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: 'acme',
        repo: 'app',
        issue_number: 1,
      } as never),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: 'acme',
        repo: 'app',
        issue_number: 1,
        body: 'x'.repeat(65537),
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(api.violations).toHaveLength(2);
    expect(api.rejections.map((r) => r.message)).toContain('Body is too long (maximum is 65536 characters)');
    api.violations.length = 0;
  });
});
