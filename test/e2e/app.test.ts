import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pullFilesFromGit } from '../support/github-api/index.ts';
import { idle, PERMISSIONS, serveCommit, startHarness, type Harness } from '../app/support/app.ts';
import {
  checkRunRerequested,
  commit,
  deliver,
  git,
  initRepo,
  pullRequestEvent,
  pushEvent,
  tarball,
  waitFor,
  type Repository,
} from '../app/support/fixtures.ts';
import { startOsvStandIn, type StandIn } from '../sca/support/osv-stand-in.ts';
import { leftPadAdvisory, leftPadLockfile } from '../sca/support/test-advisory.ts';

/**
 * The App for real: probot's server on 127.0.0.1 receiving webhooks signed with HMAC-SHA256 and a
 * secret made here, real payloads from @octokit/webhooks-examples (repository, installation, PR
 * number, SHAs and changed_files set to the fixture's), the App authenticating with an RSA key
 * made here against the OpenAPI-validating stand-in (JWT → installation token → tarball → check
 * runs, review, threads, summary). The in-process queue; test/e2e/app-redis.test.ts runs Redis.
 */

const WEB: Repository = { owner: 'acme', name: 'web', installationId: 77 };
const CONFIG = 'scanners: [sast]\nfailOn: high\n';
const APP = `const express = require('express');\nconst app = express();\n\nfunction legacy(code) {\n  return eval(code);\n}\n\nmodule.exports = { app, legacy };\n`;
// A route running a shell command built from the query (a proven flow, line 4), and an eval of a
// parameter (dangerous whatever the data, line 8): both count against fail-on and get comments.
const ROUTES_1 = `const { exec } = require('child_process');\nconst app = require('express')();\n\napp.get('/ls', (req) => exec('ls ' + req.query.dir));\n\nmodule.exports = { app, calc };\nfunction calc(expr) {\n  return eval(expr);\n}\n`;
// The shell command fixed (execFile with an argument list), a regex built from the query added (line 12).
const ROUTES_2 = `const { execFile } = require('child_process');\nconst app = require('express')();\n\napp.get('/ls', (req) => execFile('ls', [req.query.dir]));\n\nmodule.exports = { app, calc };\nfunction calc(expr) {\n  return eval(expr);\n}\n\napp.get('/find', (req, res) => {\n  res.json({ found: new RegExp(req.query.q).test('x') });\n});\n`;

let h: Harness;
let work: string;
/** The operator's advisory source (VIGIL_OSV_API_URL), serving one known advisory. */
let osv: StandIn;

const repoOf = (r: Repository) => `${r.owner}/${r.name}`;
const webhooks = async (outcome: string) =>
  (await h.app.metrics.webhooks.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

function addRepo(r: Repository) {
  h.api.addRepo(repoOf(r), { installationId: r.installationId });
}

/** The last path segment (a ref, a SHA range) of every request for an operation, on one repository if named. */
const requested = (operationId: string, fullName?: string) =>
  h.api
    .requestsFor(operationId)
    .filter((q) => !fullName || q.path.includes(`/${fullName}/`))
    .map((q) => q.path.split('/').pop());

/** The completed `vigil / sast` check run of a repository's scan, once there is one. */
const completedSast = (fullName: string) =>
  waitFor('the scan', () =>
    h.api.repo(fullName).checkRuns.find((c) => c.name === 'vigil / sast' && c.status === 'completed'),
  );

/** Open PR `o.number` on `r` and wait until its three check runs have completed. */
async function openUntilCompleted(r: Repository, o: { number: number; head: string; base: string }) {
  await deliver(h.app.url, 'pull_request', pullRequestEvent('opened', r, o), { secret: h.secret });
  const repo = h.api.repo(repoOf(r));
  await waitFor(
    'three completed check runs',
    () => repo.checkRuns.length === 3 && repo.checkRuns.every((c) => c.status === 'completed'),
  );
  return repo;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vigil-app-e2e-'));
  osv = await startOsvStandIn([leftPadAdvisory()]);
  h = await startHarness({ operator: { sca: { apiUrl: osv.url }, cacheDir: join(work, 'cache') } });
  h.api.addInstallation({ id: 77, account: 'acme', permissions: { ...PERMISSIONS } });
  addRepo(WEB);
});

afterEach(() => {
  expect(h.api.violations).toEqual([]);
});

afterAll(async () => {
  await h?.close();
  await osv?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the App on a pull request', () => {
  const dir = () => join(work, 'web');
  let base = '';
  let head1 = '';
  let head2 = '';
  const sastRuns = (sha: string) =>
    h.api.repo('acme/web').checkRuns.filter((r) => r.head_sha === sha && r.name === 'vigil / sast');

  it('PR opened → a check run with annotations and a review, acknowledged before the scan', async () => {
    initRepo(dir());
    base = commit(dir(), { '.github/vigil.yml': CONFIG, 'src/app.js': APP, 'README.md': '# web\n' }, 'base');
    git(dir(), 'checkout', '-q', '-b', 'feature');
    head1 = commit(dir(), { 'src/routes.js': ROUTES_1 }, 'routes');
    await serveCommit(h.api, 'acme/web', dir(), base);
    await serveCommit(h.api, 'acme/web', dir(), head1);
    h.api.setPull('acme/web', 1, {
      headSha: head1,
      baseSha: base,
      files: pullFilesFromGit(dir(), base, head1),
    });

    const ack = await deliver(
      h.app.url,
      'pull_request',
      pullRequestEvent('opened', WEB, { number: 1, head: head1, base }),
      {
        secret: h.secret,
        delivery: 'delivery-opened-1',
      },
    );
    expect(ack.status).toBe(200);
    // Acknowledged once queued: the scan (token, tarball, scan, report) had not finished yet.
    expect(sastRuns(head1).filter((r) => r.status === 'completed')).toEqual([]);
    const run = await waitFor('the sast check run', () =>
      sastRuns(head1).find((r) => r.status === 'completed'),
    );
    expect(run.conclusion).toBe('failure');
    expect(run.annotations.map((a) => [a.path, a.start_line, a.title?.startsWith('(existing)')])).toEqual([
      ['src/routes.js', 4, false],
      ['src/routes.js', 8, false],
      ['src/app.js', 5, true],
    ]);
    await waitFor('the queue to drain', () => idle(h.app));
    const repo = h.api.repo('acme/web');
    // Turned off in .github/vigil.yml: completed as skipped, never left in progress.
    expect(
      repo.checkRuns
        .filter((r) => r.head_sha === head1 && r.name !== 'vigil / sast')
        .map((r) => [r.name, r.conclusion]),
    ).toEqual([
      ['vigil / sca', 'skipped'],
      ['vigil / config', 'skipped'],
    ]);
    const pull = repo.pulls.get(1)!;
    expect(pull.reviews).toHaveLength(1);
    expect(pull.reviews[0]!.user.login).toBe('vigil-test[bot]');
    expect(pull.comments.map((c) => [c.path, c.line])).toEqual([
      ['src/routes.js', 4],
      ['src/routes.js', 8],
    ]);
    expect(repo.issueComments).toHaveLength(1);
    // The token came from the installation-token endpoint with a JWT, scoped to this repository.
    const tokenRequests = h.api.requestsFor('apps/create-installation-access-token');
    expect(tokenRequests.length).toBeGreaterThan(0);
    expect(tokenRequests[0]!.body).toEqual({ repositories: ['web'] });
    // The base was scanned from its own tarball (no push had recorded it).
    expect(requested('repos/download-tarball-archive')).toEqual([head1, base]);
  });

  it('synchronize with a fix → the fixed thread is resolved, one new comment, nothing duplicated', async () => {
    head2 = commit(dir(), { 'src/routes.js': ROUTES_2 }, 'fix exec, add render');
    await serveCommit(h.api, 'acme/web', dir(), head2);
    h.api.setPull('acme/web', 1, {
      headSha: head2,
      baseSha: base,
      files: pullFilesFromGit(dir(), base, head2),
    });
    const ack = await deliver(
      h.app.url,
      'pull_request',
      pullRequestEvent('synchronize', WEB, { number: 1, head: head2, base }),
      { secret: h.secret, delivery: 'delivery-sync-2' },
    );
    expect(ack.status).toBe(200);
    await waitFor('the second scan', () => sastRuns(head2).find((r) => r.status === 'completed'));
    await waitFor('the queue to drain', () => idle(h.app));
    const repo = h.api.repo('acme/web');
    const pull = repo.pulls.get(1)!;
    const roots = pull.comments.filter((c) => !c.in_reply_to_id);
    expect(roots).toHaveLength(3);
    expect(roots[2]).toMatchObject({ path: 'src/routes.js', line: 12, commit_id: head2 });
    const resolved = pull.threads.filter((t) => t.isResolved);
    expect(resolved).toHaveLength(1);
    expect(pull.comments.find((c) => c.id === resolved[0]!.rootCommentId)!.line).toBe(4);
    expect(pull.reviews).toHaveLength(2);
    expect(repo.issueComments).toHaveLength(1);
    // The base's fingerprints were recorded by the first scan: not downloaded again.
    expect(requested('repos/download-tarball-archive')).toEqual([head1, base, head2]);
  });

  it('the re-run button (check_run.rerequested) scans again: a new check run, no duplicate comments', async () => {
    const before = h.api.repo('acme/web').pulls.get(1)!.comments.length;
    const ack = await deliver(
      h.app.url,
      'check_run',
      checkRunRerequested(WEB, { head: head2, base, number: 1 }),
      {
        secret: h.secret,
      },
    );
    expect(ack.status).toBe(200);
    await waitFor('the re-run', () => sastRuns(head2).filter((r) => r.status === 'completed').length === 2);
    await waitFor('the queue to drain', () => idle(h.app));
    const repo = h.api.repo('acme/web');
    expect(sastRuns(head2).map((r) => r.conclusion)).toEqual(['failure', 'failure']);
    expect(repo.pulls.get(1)!.comments).toHaveLength(before);
    expect(repo.pulls.get(1)!.reviews).toHaveLength(2); // one per head commit
    expect(repo.issueComments).toHaveLength(1); // edited in place
  });

  it("a re-run request for another App's check run is ignored", async () => {
    const ack = await deliver(
      h.app.url,
      'check_run',
      checkRunRerequested(WEB, { head: head2, base, number: 1, appId: 9999 }),
      { secret: h.secret },
    );
    expect(ack.status).toBe(200);
    expect(await idle(h.app)).toBe(true);
    expect(sastRuns(head2)).toHaveLength(2);
  });

  it('a redelivery (same X-GitHub-Delivery) and a second event for the same SHA add nothing', async () => {
    const runs = h.api.repo('acme/web').checkRuns.length;
    const dup = await webhooks('duplicate-delivery');
    const again = await webhooks('already-scanned');
    const redelivered = await deliver(
      h.app.url,
      'pull_request',
      pullRequestEvent('synchronize', WEB, { number: 1, head: head2, base }),
      { secret: h.secret, delivery: 'delivery-sync-2' },
    );
    expect(redelivered.status).toBe(200);
    const reopened = await deliver(
      h.app.url,
      'pull_request',
      pullRequestEvent('reopened', WEB, { number: 1, head: head2, base }),
      { secret: h.secret },
    );
    expect(reopened.status).toBe(200);
    expect(await webhooks('duplicate-delivery')).toBe(dup + 1);
    expect(await webhooks('already-scanned')).toBe(again + 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(await idle(h.app)).toBe(true);
    expect(h.api.repo('acme/web').checkRuns).toHaveLength(runs);
    expect(h.api.repo('acme/web').pulls.get(1)!.reviews).toHaveLength(2);
  });

  it('forged and unsigned webhooks are refused with 400 and nothing is queued', async () => {
    const requests = h.api.requests.length;
    const queued = await webhooks('queued');
    const event = pullRequestEvent('opened', WEB, { number: 2, head: head2, base });
    const forged = await deliver(h.app.url, 'pull_request', event, { secret: 'not-the-secret' });
    const tampered = await deliver(h.app.url, 'pull_request', event, {
      secret: h.secret,
      signature: `sha256=${'0'.repeat(64)}`,
    });
    const unsigned = await deliver(h.app.url, 'pull_request', event, { secret: h.secret, signature: null });
    expect([forged.status, tampered.status, unsigned.status]).toEqual([400, 400, 400]);
    await new Promise((r) => setTimeout(r, 200));
    expect(await webhooks('queued')).toBe(queued);
    expect(await idle(h.app)).toBe(true);
    expect(h.api.requests.length).toBe(requests);
  });

  it("a body without a length, or over GitHub's 25 MB, is refused before it is read", async () => {
    const post = (headers: Record<string, string>, body: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${h.app.url}/api/github/webhooks`, { method: 'POST', headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });
    expect(await post({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, '{}')).toBe(
      411,
    );
    expect(
      await post({ 'content-type': 'application/json', 'content-length': String(26 * 1024 * 1024) }, ''),
    ).toBe(413);
    expect(await idle(h.app)).toBe(true);
  });

  it('logs carry the delivery id and repository on every event line and never a token', async () => {
    const eventLines = h.logs.filter((l) =>
      ['scan queued', 'scan started', 'scan finished'].includes(String(l.msg)),
    );
    expect(eventLines.length).toBeGreaterThanOrEqual(6);
    for (const line of eventLines) {
      expect(line.delivery).toEqual(expect.any(String));
      expect(line.repo).toBe('acme/web');
    }
    expect(h.rawLogs.join('\n')).not.toMatch(/ghs_[0-9a-f]{20,}/);
    expect(h.rawLogs.join('\n')).not.toContain('PRIVATE KEY');
  });

  it('/healthz and /metrics answer', async () => {
    const health = await fetch(`${h.app.url}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`${h.app.url}/metrics`)).text();
    expect(metrics).toMatch(/vigil_queue_depth\{state="waiting"\} 0/);
    expect(metrics).toMatch(/vigil_scan_duration_seconds_count\{outcome="failure"\} [1-9]/);
    expect(metrics).toMatch(/vigil_github_api_calls_total\{method="POST",status="201"\} [1-9]/);
    expect(metrics).toMatch(/vigil_github_rate_limit_remaining\{resource="core"\} \d+/);
  });
});

describe('the App on hostile or broken repositories', () => {
  it('a tarball with path traversal fails the check run with a clear message; nothing is written outside', async () => {
    const r: Repository = { owner: 'acme', name: 'hostile', installationId: 77 };
    addRepo(r);
    const sha = 'd'.repeat(40);
    const escape = `vigil-escape-${process.pid}-${Date.now()}.txt`;
    h.api.repo('acme/hostile').archives.set(
      sha,
      await tarball([
        { name: 'acme-hostile-ddddddd/', type: 'directory' },
        { name: 'acme-hostile-ddddddd/index.js', content: 'eval(process.argv[2]);\n' },
        { name: `acme-hostile-ddddddd/../../${escape}`, content: 'escaped' },
      ]),
    );
    h.api.setPull('acme/hostile', 3, { headSha: sha, baseSha: 'e'.repeat(40), files: [] });
    const tempsBefore = readdirSync(tmpdir()).filter((n) => n.startsWith('vigil-app-')).length;
    const repo = await openUntilCompleted(r, { number: 3, head: sha, base: 'e'.repeat(40) });
    await waitFor('the queue to drain', () => idle(h.app));
    for (const run of repo.checkRuns) {
      expect(run.conclusion).toBe('failure');
      expect(run.output.title).toBe('vigil could not complete the scan');
      expect(run.output.summary).toContain('path traversal');
    }
    for (const place of [tmpdir(), join(tmpdir(), '..'), process.cwd()])
      expect(existsSync(join(place, escape))).toBe(false);
    // The temporary folder is gone too.
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('vigil-app-')).length).toBe(tempsBefore);
    expect(repo.pulls.get(3)!.reviews).toHaveLength(0);
  });

  it('an invalid .github/vigil.yml fails the check run with a message and an annotation on its line', async () => {
    const r: Repository = { owner: 'acme', name: 'badconfig', installationId: 77 };
    addRepo(r);
    const dir = join(work, 'badconfig');
    initRepo(dir);
    const sha = commit(
      dir,
      { '.github/vigil.yml': 'scanners: [sast]\nfailOn: hgh\n', 'a.js': 'eval(x);\n' },
      'bad',
    );
    await serveCommit(h.api, 'acme/badconfig', dir, sha);
    h.api.setPull('acme/badconfig', 4, { headSha: sha, baseSha: sha, files: [] });
    const repo = await openUntilCompleted(r, { number: 4, head: sha, base: sha });
    for (const run of repo.checkRuns) {
      expect(run.conclusion).toBe('failure');
      expect(run.output.title).toMatch(/^invalid configuration: \.github\/vigil\.yml:2: failOn/);
      expect(run.annotations).toEqual([
        expect.objectContaining({ path: '.github/vigil.yml', start_line: 2, annotation_level: 'failure' }),
      ]);
    }
    expect(repo.pulls.get(4)!.reviews).toHaveLength(0);
  });

  it('a scan that cannot fetch its commit fails its check runs with the reason (never left in progress)', async () => {
    const r: Repository = { owner: 'acme', name: 'gone', installationId: 77 };
    addRepo(r);
    const sha = 'f'.repeat(40);
    h.api.setPull('acme/gone', 5, { headSha: sha, baseSha: sha, files: [] });
    const repo = await openUntilCompleted(r, { number: 5, head: sha, base: sha });
    expect(repo.checkRuns.map((c) => c.conclusion)).toEqual(['failure', 'failure', 'failure']);
    expect(repo.checkRuns[0]!.output.summary).toMatch(/Not Found/);
  });

  it('a push to the default branch records the baseline; a PR on it reuses it without scanning the base', async () => {
    const r: Repository = { owner: 'acme', name: 'lib', installationId: 77 };
    addRepo(r);
    const dir = join(work, 'lib');
    initRepo(dir);
    const main = commit(
      dir,
      { '.github/vigil.yml': CONFIG, 'old.js': 'function f(c) { return eval(c); }\n' },
      'main',
    );
    await serveCommit(h.api, 'acme/lib', dir, main);
    await deliver(h.app.url, 'push', pushEvent(r, { before: '0'.repeat(40), after: main }), {
      secret: h.secret,
    });
    await waitFor('the baseline', () =>
      h.logs.some((l) => l.msg === 'baseline recorded' && l.repo === 'acme/lib'),
    );
    git(dir, 'checkout', '-q', '-b', 'feature');
    const head = commit(dir, { 'new.js': 'function g(c) { return eval(c); }\n' }, 'more eval');
    await serveCommit(h.api, 'acme/lib', dir, head);
    h.api.setPull('acme/lib', 6, { headSha: head, baseSha: main, files: pullFilesFromGit(dir, main, head) });
    await deliver(h.app.url, 'pull_request', pullRequestEvent('opened', r, { number: 6, head, base: main }), {
      secret: h.secret,
    });
    const run = await completedSast('acme/lib');
    expect(run.output.title).toBe('1 new, 1 existing');
    expect(requested('repos/download-tarball-archive', 'acme/lib')).toEqual([main, head]);
  });

  it('compares a PR with where its branch left the base: a finding the base fixed since is not the PR’s', async () => {
    const r: Repository = { owner: 'acme', name: 'moved', installationId: 77 };
    const dir = join(work, 'moved');
    initRepo(dir);
    // The stand-in answers the compare API (and serves tarballs) from this git directory.
    h.api.addRepo(repoOf(r), { installationId: r.installationId, gitDir: dir });
    const fork = commit(
      dir,
      { '.github/vigil.yml': CONFIG, 'old.js': 'function f(c) { return eval(c); }\n' },
      'main',
    );
    git(dir, 'checkout', '-q', '-b', 'feature');
    const head = commit(dir, { 'new.js': 'function g(c) { return eval(c); }\n' }, 'more eval');
    git(dir, 'checkout', '-q', 'main');
    const tip = commit(dir, { 'old.js': 'function f(c) { return JSON.parse(c); }\n' }, 'fix old.js');
    h.api.setPull('acme/moved', 8, { headSha: head, baseSha: tip, files: pullFilesFromGit(dir, fork, head) });
    await deliver(h.app.url, 'pull_request', pullRequestEvent('opened', r, { number: 8, head, base: tip }), {
      secret: h.secret,
    });
    const run = await completedSast('acme/moved');
    // Against the tip of main, old.js's eval would count as new: main fixed it after the fork.
    expect(run.output.title).toBe('1 new, 1 existing');
    expect(requested('repos/compare-commits-with-basehead', 'acme/moved')).toEqual([`${tip}...${head}`]);
    expect(requested('repos/download-tarball-archive', 'acme/moved').sort()).toEqual([fork, head].sort());
    // The scan's installation token is revoked once it is done with, not left valid for an hour.
    expect(h.api.requestsFor('apps/create-installation-access-token').length).toBeGreaterThan(0);
    await waitFor('the token revoked', () => h.api.liveInstallationTokens('acme/moved') === 0);
  });
});

/**
 * A repository `r` with one base commit and one PR head on top (files as given), served by the
 * stand-in; the PR is opened and the named check run awaited once completed, then the queue drained.
 */
async function scanPull(
  r: Repository,
  number: number,
  /** `head`: the PR's files, or its commits' files in order. */
  files: { base: Record<string, string>; head: Record<string, string> | Array<Record<string, string>> },
  checkRun: string,
) {
  addRepo(r);
  const fullName = repoOf(r);
  const dir = join(work, r.name);
  initRepo(dir);
  const base = commit(dir, files.base, 'main');
  git(dir, 'checkout', '-q', '-b', 'feature');
  let head = '';
  for (const change of [files.head].flat()) head = commit(dir, change, 'the pull request');
  await serveCommit(h.api, fullName, dir, base);
  await serveCommit(h.api, fullName, dir, head);
  h.api.setPull(fullName, number, { headSha: head, baseSha: base, files: pullFilesFromGit(dir, base, head) });
  await deliver(h.app.url, 'pull_request', pullRequestEvent('opened', r, { number, head, base }), {
    secret: h.secret,
  });
  const run = await waitFor(`${fullName}'s ${checkRun}`, () =>
    h.api.repo(fullName).checkRuns.find((c) => c.name === checkRun && c.status === 'completed'),
  );
  await waitFor('the queue to drain', () => idle(h.app));
  return { run, base, head };
}

describe('the pull request under review does not steer its own scan', () => {
  it("a PR that changes .github/vigil.yml is judged by its base's file; the summary says the new one waits for merge", async () => {
    const { run, base } = await scanPull(
      { owner: 'acme', name: 'steer', installationId: 77 },
      9,
      {
        base: { '.github/vigil.yml': CONFIG, 'old.js': 'eval(process.argv[2]);\n' },
        head: {
          // Everything a PR could try in order to pass: no scanners, no threshold, nothing included.
          '.github/vigil.yml':
            "scanners: []\nfailOn: none\nexclude: ['**']\nignore:\n  - id: js/code-injection\n    reason: trust me\n",
          'new.js': 'function run(c) { return eval(c); }\n',
        },
      },
      'vigil / sast',
    );
    expect(run.conclusion).toBe('failure');
    expect(run.output.title).toBe('1 new, 1 existing');
    expect(run.output.summary).toContain(
      `this change edits .github/vigil.yml: it was judged by the configuration of its base commit ${base.slice(0, 7)}; the new one takes effect after merge`,
    );
    // The configuration was read at the base through the contents API, never from the head.
    expect(
      h.api
        .requestsFor('repos/get-content')
        .filter((q) => q.path.includes('/acme/steer/'))
        .map((q) => new URLSearchParams(q.query).get('ref')),
    ).toEqual([base, base]);
  });

  it("a re-run of a fork PR's head (no PR in the payload) is judged by the default branch's file", async () => {
    const r: Repository = { owner: 'acme', name: 'forked', installationId: 77 };
    const dir = join(work, 'forked');
    initRepo(dir);
    // The stand-in serves tarballs and the contents API (the default branch too) from this git directory.
    h.api.addRepo(repoOf(r), { installationId: r.installationId, gitDir: dir });
    commit(dir, { '.github/vigil.yml': CONFIG, 'README.md': '# forked\n' }, 'main');
    git(dir, 'checkout', '-q', '-b', 'feature');
    const head = commit(
      dir,
      {
        '.github/vigil.yml': 'scanners: []\nfailOn: none\n',
        'new.js': 'function run(c) { return eval(c); }\n',
      },
      'turn vigil off',
    );
    await deliver(
      h.app.url,
      'check_run',
      checkRunRerequested(r, { head, base: head, number: 0, fork: true }),
      { secret: h.secret },
    );
    const run = await completedSast('acme/forked');
    await waitFor('the queue to drain', () => idle(h.app));
    expect(run.conclusion).toBe('failure');
    expect(run.output.summary).toContain(
      'this change edits .github/vigil.yml: it was judged by the configuration of the default branch',
    );
    expect(
      h.api
        .requestsFor('repos/get-content')
        .filter((q) => q.path.includes('/acme/forked/'))
        .map((q) => q.query),
    ).toEqual(['', '']);
  });

  it('a .gitignore the PR adds does not hide its committed files from the scan', async () => {
    const { run } = await scanPull(
      { owner: 'acme', name: 'hide', installationId: 77 },
      11,
      {
        base: { '.github/vigil.yml': CONFIG, 'README.md': '# hide\n' },
        // Committed first, then hidden: GitHub's tarball holds it, the walker must read it.
        head: [{ 'src/new.js': 'function run(c) { return eval(c); }\n' }, { '.gitignore': '*.js\nsrc/\n' }],
      },
      'vigil / sast',
    );
    expect(run.conclusion).toBe('failure');
    expect(run.output.title).toBe('1 new, 0 existing');
  });

  it('a PR that adds an osv-scanner.toml ignoring its vulnerable dependency still gets the finding', async () => {
    const { run, base } = await scanPull(
      { owner: 'acme', name: 'osv-ignore', installationId: 77 },
      12,
      {
        base: { 'README.md': '# osv-ignore\n' },
        head: {
          'package-lock.json': leftPadLockfile(),
          // production code imports it: the finding is not demoted as unreachable
          'index.js': "require('left-pad');\n",
          'osv-scanner.toml': '[[IgnoredVulns]]\nid = "VIGIL-TEST-LEFTPAD-2026-0013"\nreason = "trust me"\n',
        },
      },
      'vigil / sca',
    );
    expect(run.conclusion).toBe('failure');
    expect(run.output.title).toBe('1 new, 0 existing');
    expect(run.output.summary).toContain(
      `this change edits osv-scanner.toml: its ignore entries were taken from the base commit ${base.slice(0, 7)}`,
    );
  });

  it('VEX documents judge a PR as its base has them: one the PR adds is not honoured, the base’s is', async () => {
    const vex = (name: string) =>
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        statements: [
          {
            vulnerability: { name },
            products: [{ '@id': 'pkg:npm/left-pad@1.1.0' }],
            status: 'not_affected',
            justification: 'vulnerable_code_not_in_execute_path',
          },
        ],
      });
    const added = await scanPull(
      { owner: 'acme', name: 'vex-added', installationId: 77 },
      13,
      {
        base: { 'README.md': '# vex\n' },
        head: {
          'package-lock.json': leftPadLockfile(),
          '.openvex.json': vex('VIGIL-TEST-LEFTPAD-2026-0013'),
        },
      },
      'vigil / sca',
    );
    expect(added.run.conclusion).toBe('failure');
    expect(added.run.output.title).toBe('1 new, 0 existing');
    expect(added.run.output.summary).toContain(
      `this change edits .openvex.json: VEX statements were taken from the base commit ${added.base.slice(0, 7)}`,
    );
    // the base says not_affected; the PR rewrites the statement about another advisory
    const kept = await scanPull(
      { owner: 'acme', name: 'vex-kept', installationId: 77 },
      14,
      {
        base: { 'README.md': '# vex\n', '.vex/left-pad.json': vex('VIGIL-TEST-LEFTPAD-2026-0013') },
        head: { 'package-lock.json': leftPadLockfile(), '.vex/left-pad.json': vex('GHSA-0000-0000-0000') },
      },
      'vigil / sca',
    );
    expect(kept.run.conclusion).toBe('success');
    expect(kept.run.output.title).toBe('0 new, 0 existing');
    expect(kept.run.output.summary).toContain(
      `this change edits .vex/left-pad.json: VEX statements were taken from the base commit ${kept.base.slice(0, 7)}`,
    );
  });

  it("two installations: a PR pointing sca.apiUrl at a 'no advisories' server changes neither scan", async () => {
    // The server a repository names answers "no advisories" to anything; it must never be asked.
    const hostile = await startOsvStandIn([]);
    try {
      h.api.addInstallation({ id: 78, account: 'globex', permissions: { ...PERMISSIONS } });
      // Installation 77: the merged file already names the server (refused), the PR names it again.
      const first = await scanPull(
        { owner: 'acme', name: 'poison', installationId: 77 },
        10,
        {
          base: { '.vigil.yml': `sca:\n  apiUrl: ${hostile.url}\n`, 'README.md': '# poison\n' },
          head: {
            '.vigil.yml': `failOn: none\nsca:\n  apiUrl: ${hostile.url}\n  database: /etc/vigil/osv.db\n`,
            'package-lock.json': leftPadLockfile(),
            'index.js': "require('left-pad');\n",
          },
        },
        'vigil / sca',
      );
      // Installation 78, afterwards: the same package, its own PR, no configuration at all.
      const second = await scanPull(
        { owner: 'globex', name: 'api', installationId: 78 },
        1,
        {
          base: { 'README.md': '# api\n' },
          head: { 'package-lock.json': leftPadLockfile(), 'index.js': "require('left-pad');\n" },
        },
        'vigil / sca',
      );
      for (const { run } of [first, second]) {
        expect(run.conclusion).toBe('failure');
        expect(run.output.title).toBe('1 new, 0 existing');
        expect(run.output.summary).toContain('VIGIL-TEST-LEFTPAD-2026-0013');
      }
      // Not one request reached the server the repository named (no SSRF, nothing to cache).
      expect(hostile.requests).toEqual([]);
      // The merged file's key is an error in the summary, naming the file, line and key.
      expect(first.run.output.summary).toMatch(/\.vigil\.yml:2.*sca\.apiUrl: only the operator sets this/);
      expect(second.run.output.summary).not.toContain('only the operator sets this');
    } finally {
      await hostile.close();
    }
  });
});
