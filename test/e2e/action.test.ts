import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addWorkflowTokens } from '../github/helpers.ts';
import { commit, example, git, initRepo } from '../support/fixtures.ts';
import { pullFilesFromGit, startGitHubApi, type GitHubApiStandIn } from '../support/github-api/index.ts';
import { startArtifactService } from '../support/artifact-service/index.ts';

/**
 * The committed dist/ bundle run the way GitHub runs a node24 Action: `node dist/index.js` with
 * INPUT_* variables, GITHUB_EVENT_PATH pointing at a real webhook payload, GITHUB_API_URL at the
 * OpenAPI-validating stand-in, over a real git repository with a base commit and PR heads.
 * (dist/ must be current: `npm run build:action`.)
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = join(ROOT, 'dist/index.js');
const REPO = 'Codertocat/Hello-World'; // the repository the @octokit/webhooks-examples payloads name
const WRITE = 'ghs_e2e_write_token';
const READ = 'ghs_e2e_read_only_token';

interface Pr {
  number: number;
  head: { sha: string; ref: string; repo: { full_name: string } };
  base: { sha: string; ref: string; repo: { full_name: string } };
  changed_files: number;
}

/**
 * A real payload for `action`; only the fields that must match the fixture repository are
 * changed: the PR number, head/base SHAs, changed_files and (for fork PRs) the head repository.
 */
function payload(
  action: 'opened' | 'synchronize',
  o: { number: number; head: string; base: string; before?: string; changedFiles: number; fork?: boolean },
): string {
  const event = example('pull_request', (e) => e.action === action) as Record<string, unknown> & {
    pull_request: Pr;
  };
  event.number = o.number;
  const pr = event.pull_request;
  pr.number = o.number;
  pr.head.sha = o.head;
  pr.base.sha = o.base;
  pr.changed_files = o.changedFiles;
  if (o.fork) pr.head.repo.full_name = 'forker/Hello-World';
  if (action === 'synchronize') {
    event.before = o.before;
    event.after = o.head;
  }
  expect(pr.base.repo.full_name).toBe(REPO);
  return JSON.stringify(event);
}

/** The real `push` payload for a branch; only before/after are set to the fixture's commits. */
function pushPayload(before: string, after: string): string {
  const event = example('push', (e) => e.ref === 'refs/heads/master');
  event.before = before;
  event.after = after;
  return JSON.stringify(event);
}

const APP = `const express = require('express');\nconst app = express();\n\nfunction legacy(code) {\n  return eval(code);\n}\n\nmodule.exports = { app, legacy };\n`;
// A route running a shell command built from the query (a proven flow, line 4), and an eval of a
// parameter (dangerous whatever the data, line 8): both count against fail-on and get comments.
const ROUTES_1 = `const { exec } = require('child_process');\nconst app = require('express')();\n\napp.get('/ls', (req) => exec('ls ' + req.query.dir));\n\nmodule.exports = { app, calc };\nfunction calc(expr) {\n  return eval(expr);\n}\n`;
// The shell command fixed (execFile with an argument list), a regex built from the query added (line 12).
const ROUTES_2 = `const { execFile } = require('child_process');\nconst app = require('express')();\n\napp.get('/ls', (req) => execFile('ls', [req.query.dir]));\n\nmodule.exports = { app, calc };\nfunction calc(expr) {\n  return eval(expr);\n}\n\napp.get('/find', (req, res) => {\n  res.json({ found: new RegExp(req.query.q).test('x') });\n});\n`;

interface Run {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

let work: string;
let api: GitHubApiStandIn;

/** Run dist/index.js as the runner would, checked out at `sha`. */
async function runAction(
  repoDir: string,
  sha: string,
  event: string,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
): Promise<Run> {
  git(repoDir, 'checkout', '-q', '--detach', sha);
  const runDir = mkdtempSync(join(work, 'run-'));
  const eventPath = join(runDir, 'event.json');
  writeFileSync(eventPath, event);
  writeFileSync(join(runDir, 'output'), '');
  writeFileSync(join(runDir, 'summary.md'), '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? runDir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: REPO,
    GITHUB_SHA: sha,
    GITHUB_WORKSPACE: repoDir,
    GITHUB_API_URL: api.url,
    GITHUB_SERVER_URL: 'https://github.test',
    GITHUB_RUN_ID: '42',
    GITHUB_OUTPUT: join(runDir, 'output'),
    GITHUB_STEP_SUMMARY: join(runDir, 'summary.md'),
    RUNNER_TEMP: runDir,
    // Tests pace writes at 0 ms; GitHub.com keeps the 1 s default.
    VIGIL_GITHUB_WRITE_INTERVAL_MS: '0',
    INPUT_SCANNERS: 'sast',
    INPUT_PATH: '.',
    'INPUT_FAIL-ON': 'high',
    'INPUT_COMMENT-MODE': 'review',
    'INPUT_SARIF-UPLOAD': 'false',
    'INPUT_MAX-COMMENTS': '30',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...extraEnv,
  };
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(process.execPath, [DIST], { env, cwd: repoDir, maxBuffer: 32 * 1024 * 1024 }, (error, out) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout: out });
    });
  });
  const outputs: Record<string, string> = {};
  for (const m of readFileSync(join(runDir, 'output'), 'utf8').matchAll(
    /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm,
  ))
    outputs[m[1]!] = m[3]!;
  return { code, stdout, outputs, summary: readFileSync(join(runDir, 'summary.md'), 'utf8') };
}

function fixtureRepo(name: string): { dir: string; base: string } {
  const dir = join(work, name);
  initRepo(dir);
  const base = commit(dir, { 'src/app.js': APP, 'README.md': '# fixture\n' }, 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  return { dir, base };
}

beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error('dist/index.js is missing: run `npm run build:action`');
  work = mkdtempSync(join(tmpdir(), 'vigil-action-e2e-'));
  api = await startGitHubApi();
  addWorkflowTokens(api, WRITE, READ);
  api.addRepo(REPO);
});

afterEach(() => {
  // Every request the Action made conformed to GitHub's OpenAPI description.
  expect(api.violations).toEqual([]);
});

afterAll(async () => {
  await api?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the Action on a pull request', () => {
  it('first push posts; a second push with one fix and one new problem resolves one thread, adds one comment, duplicates nothing', async () => {
    const { dir, base } = fixtureRepo('two-pushes');
    const head1 = commit(dir, { 'src/routes.js': ROUTES_1 }, 'add routes');
    api.setPull(REPO, 11, { headSha: head1, baseSha: base, files: pullFilesFromGit(dir, base, head1) });

    const first = await runAction(
      dir,
      head1,
      payload('opened', { number: 11, head: head1, base, changedFiles: 1 }),
      { 'sarif-upload': 'true', token: WRITE },
    );
    expect(first.code).toBe(1); // two new high findings, fail-on high
    expect(first.outputs).toMatchObject({
      findings: '3',
      'new-findings': '2',
      conclusion: 'failure',
      degraded: 'false',
    });
    expect(JSON.parse(first.outputs['new-by-kind']!)).toEqual({ sast: 2 });
    expect(existsSync(first.outputs['sarif-path']!)).toBe(true);
    const repo = api.repo(REPO);
    const run1 = repo.checkRuns.find((r) => r.head_sha === head1)!;
    expect(run1).toMatchObject({ name: 'vigil / sast', status: 'completed', conclusion: 'failure' });
    expect(run1.annotations).toHaveLength(3);
    expect(run1.annotations.filter((a) => a.title?.startsWith('(existing)')).map((a) => a.path)).toEqual([
      'src/app.js',
    ]);
    const pull = repo.pulls.get(11)!;
    expect(pull.reviews).toHaveLength(1);
    expect(pull.comments.map((c) => [c.path, c.line, c.side])).toEqual([
      ['src/routes.js', 4, 'RIGHT'],
      ['src/routes.js', 8, 'RIGHT'],
    ]);
    expect(repo.issueComments).toHaveLength(1);
    expect(repo.issueComments[0]!.body).toContain('**2 new**, 1 existing');
    expect(repo.sarifUploads.map((u) => u.sarif.runs![0]!.automationDetails!.id)).toEqual(['vigil/sast/']);
    // The workspace is the PR head (not GitHub's merge commit), so the upload names the head ref.
    expect(repo.sarifUploads[0]).toMatchObject({ ref: 'refs/pull/11/head', commit_sha: head1 });
    expect(first.summary).toContain('vigil');

    // Second push: `exec` fixed (execFile with arguments), a new RegExp problem added.
    const head2 = commit(dir, { 'src/routes.js': ROUTES_2 }, 'fix exec, add render');
    api.setPull(REPO, 11, { headSha: head2, baseSha: base, files: pullFilesFromGit(dir, base, head2) });
    const second = await runAction(
      dir,
      head2,
      payload('synchronize', { number: 11, head: head2, base, before: head1, changedFiles: 1 }),
      { token: WRITE },
    );
    expect(second.outputs).toMatchObject({ findings: '3', 'new-findings': '2' });
    const roots = pull.comments.filter((c) => !c.in_reply_to_id);
    expect(roots).toHaveLength(3); // two from the first push, one new
    expect(roots[2]).toMatchObject({ path: 'src/routes.js', line: 12, commit_id: head2 });
    const fps = roots.map((c) => /vigil:fp:(\w+)/.exec(c.body)![1]);
    expect(new Set(fps).size).toBe(3);
    const resolved = pull.threads.filter((t) => t.isResolved);
    expect(resolved).toHaveLength(1);
    expect(pull.comments.find((c) => c.id === resolved[0]!.rootCommentId)!.line).toBe(4); // the exec thread
    expect(pull.reviews).toHaveLength(2);
    expect(repo.issueComments).toHaveLength(1); // the summary was edited, not reposted
    expect(repo.checkRuns.filter((r) => r.head_sha === head2)).toHaveLength(1);

    // A re-run of the same commit posts nothing new: a fresh check run (as GitHub's re-run does)
    // and the summary edited to link to it.
    const before = api.requests.length;
    await runAction(
      dir,
      head2,
      payload('synchronize', { number: 11, head: head2, base, before: head1, changedFiles: 1 }),
      { token: WRITE },
    );
    const writes = api.requests
      .slice(before)
      .filter((r) => r.method !== 'GET' && r.operationId !== 'graphql');
    expect(writes.map((w) => w.operationId).sort()).toEqual([
      'checks/create',
      'checks/update',
      'issues/update-comment',
    ]);
    expect(pull.comments.filter((c) => !c.in_reply_to_id)).toHaveLength(3);
  });

  it('a PR with 120 findings batches annotations in 3 requests and caps comments at 30 (through a GHES-style /api/v3 URL)', async () => {
    const { dir, base } = fixtureRepo('many');
    // One finding in each of 120 files, on two worker threads (VIGIL_WORKERS): this also proves the
    // bundled worker (dist/worker.js) loads.
    const files = Object.fromEntries(
      Array.from({ length: 120 }, (_, i) => [`src/many/m${i}.js`, `eval(input${i});\n`]),
    );
    const head = commit(dir, files, 'many');
    api.setPull(REPO, 12, { headSha: head, baseSha: base, files: pullFilesFromGit(dir, base, head) });
    const run = await runAction(
      dir,
      head,
      payload('opened', { number: 12, head, base, changedFiles: 1 }),
      { token: WRITE, 'fail-on': 'none' },
      { GITHUB_API_URL: `${api.url}/api/v3`, VIGIL_WORKERS: '2' },
    );
    expect(run.code).toBe(0);
    expect(run.outputs['new-findings']).toBe('120');
    const check = api.repo(REPO).checkRuns.find((r) => r.head_sha === head)!;
    expect(check.annotations.filter((a) => a.path.startsWith('src/many/'))).toHaveLength(120);
    expect(check.annotationRequests).toBe(3);
    expect(check.conclusion).toBe('neutral');
    const pull = api.repo(REPO).pulls.get(12)!;
    expect(pull.comments).toHaveLength(30);
    expect(pull.reviews[0]!.body).toContain('30 commented inline, 90 more');
  });

  it('survives GitHub’s secondary rate limit: 403 + retry-after is waited out, nothing is lost or doubled', async () => {
    const { dir, base } = fixtureRepo('rate-limited');
    const head = commit(dir, { 'src/routes.js': ROUTES_1 }, 'rate limited');
    api.setPull(REPO, 16, { headSha: head, baseSha: base, files: pullFilesFromGit(dir, base, head) });
    const rejected = api.rejections.length;
    api.setSecondaryRateLimit({ maxWrites: 2, windowMs: 1000, retryAfterSeconds: 1 });
    try {
      const run = await runAction(dir, head, payload('opened', { number: 16, head, base, changedFiles: 1 }), {
        token: WRITE,
        'fail-on': 'none',
      });
      expect(run.code).toBe(0);
      expect(run.outputs.degraded).toBe('false');
      expect(run.stdout).toMatch(/secondary rate limit/);
    } finally {
      api.setSecondaryRateLimit(undefined);
    }
    expect(api.rejections.slice(rejected).filter((r) => r.status === 403).length).toBeGreaterThan(0);
    const pull = api.repo(REPO).pulls.get(16)!;
    expect(pull.reviews).toHaveLength(1);
    expect(pull.comments).toHaveLength(2);
    expect(
      api
        .repo(REPO)
        .checkRuns.filter((r) => r.head_sha === head)
        .map((r) => r.conclusion),
    ).toEqual(['neutral']);
  });

  it('a fork PR with a read-only token degrades to workflow annotations and the job summary, exit 0 when no finding fails', async () => {
    const { dir, base } = fixtureRepo('fork');
    const head = commit(dir, { 'src/routes.js': ROUTES_1 }, 'from a fork');
    api.setPull(REPO, 13, {
      headSha: head,
      baseSha: base,
      files: pullFilesFromGit(dir, base, head),
      headRepo: 'forker/Hello-World',
    });
    const rejectedBefore = api.rejections.length;
    const run = await runAction(
      dir,
      head,
      payload('opened', { number: 13, head, base, changedFiles: 1, fork: true }),
      { token: READ, 'fail-on': 'none' },
    );
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ degraded: 'true', 'new-findings': '2' });
    expect(run.stdout).toMatch(
      /^::error file=src\/routes\.js,line=4,endLine=4,.*\(js\/command-injection\)$/m,
    );
    expect(run.stdout).toMatch(
      /^::warning title=vigil::Could not create check runs \(HTTP 403.*checks: write/m,
    );
    expect(run.summary).toContain('**2 new**, 1 existing');
    expect(run.summary).toContain('fork');
    const repo = api.repo(REPO);
    expect(repo.checkRuns.filter((r) => r.head_sha === head)).toHaveLength(0);
    expect(repo.pulls.get(13)!.reviews).toHaveLength(0);
    expect(new Set(api.rejections.slice(rejectedBefore).map((r) => r.status))).toEqual(new Set([403]));

    // The same PR with fail-on high: the findings (not the permissions) fail the job.
    const strict = await runAction(
      dir,
      head,
      payload('opened', { number: 13, head, base, changedFiles: 1, fork: true }),
      { token: READ, 'fail-on': 'high' },
    );
    expect(strict.code).toBe(1);
  });

  it('an audit finding (a pattern, below min-precision) gets no comment nor annotation and fails nothing; the PR cannot lower the bar', async () => {
    const { dir, base } = fixtureRepo('audit');
    const head = commit(
      dir,
      {
        'src/ls.js':
          "const { exec } = require('child_process');\n\nfunction ls(dir) {\n  exec('ls ' + dir);\n}\n\nmodule.exports = { ls };\n",
        '.vigil.yml': 'minPrecision: low\n',
      },
      'ls helper, and a config that would count audit findings',
    );
    api.setPull(REPO, 23, { headSha: head, baseSha: base, files: pullFilesFromGit(dir, base, head) });
    const run = await runAction(dir, head, payload('opened', { number: 23, head, base, changedFiles: 2 }), {
      token: WRITE,
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ conclusion: 'neutral', 'new-findings': '1' });
    const check = api.repo(REPO).checkRuns.find((r) => r.head_sha === head)!;
    expect(check.conclusion).toBe('neutral');
    expect(check.output.title).toBe('0 new, 1 existing, 1 audit');
    expect(check.annotations.map((a) => a.path)).toEqual(['src/app.js']);
    expect(api.repo(REPO).pulls.get(23)?.comments ?? []).toEqual([]);
    expect(run.summary).toContain('1 audit finding (patterns below precision `high`');
    // The same scan where the operator asks for every pattern: now it fails and is commented.
    const all = await runAction(
      dir,
      head,
      payload('synchronize', { number: 23, head, base, before: head, changedFiles: 2 }),
      {
        token: WRITE,
        'min-precision': 'medium',
      },
    );
    expect(all.code).toBe(1);
    expect(
      api
        .repo(REPO)
        .pulls.get(23)!
        .comments.map((c) => [c.path, c.line]),
    ).toEqual([['src/ls.js', 4]]);
  });

  it('a push compares with the commit before it: check run on the pushed SHA, no comments', async () => {
    const { dir, base } = fixtureRepo('push');
    const head = commit(dir, { 'src/routes.js': ROUTES_1 }, 'push');
    const writesBefore = api.requests.length;
    const run = await runAction(
      dir,
      head,
      pushPayload(base, head),
      { token: WRITE, 'fail-on': 'none' },
      { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/master' },
    );
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ findings: '3', 'new-findings': '2', conclusion: 'neutral' });
    const check = api.repo(REPO).checkRuns.find((r) => r.head_sha === head)!;
    expect(check).toMatchObject({ name: 'vigil / sast', conclusion: 'neutral' });
    expect(check.annotations).toHaveLength(3);
    const ops = new Set(api.requests.slice(writesBefore).map((r) => r.operationId));
    expect(ops).toEqual(new Set(['checks/list-for-ref', 'checks/create', 'checks/update']));
  });

  it('workflow_dispatch has no base: every finding is new and the threshold decides', async () => {
    const { dir } = fixtureRepo('dispatch');
    const head = commit(dir, { 'src/routes.js': ROUTES_1 }, 'dispatch');
    const event = JSON.stringify(example('workflow_dispatch'));
    const run = await runAction(
      dir,
      head,
      event,
      { token: WRITE },
      { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF: 'refs/heads/main' },
    );
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ findings: '3', 'new-findings': '3', conclusion: 'failure' });
    expect(run.summary).toContain('no base to compare with');
  });

  it('a scan that cannot run closes its check run as failed instead of leaving it in progress', async () => {
    const { dir, base } = fixtureRepo('missing-path');
    const run = await runAction(
      dir,
      base,
      payload('opened', { number: 15, head: base, base, changedFiles: 0 }),
      { token: WRITE, path: 'no-such-dir' },
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/::error title=vigil: invalid input::.*no-such-dir/);
    const check = api.repo(REPO).checkRuns.find((r) => r.head_sha === base)!;
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(check.output.summary).toContain('no-such-dir');
  });

  it('a bad input fails with a clear message and exit code 2', async () => {
    const { dir, base } = fixtureRepo('bad-input');
    const run = await runAction(
      dir,
      base,
      payload('opened', { number: 14, head: base, base, changedFiles: 0 }),
      { token: WRITE, 'comment-mode': 'loud' },
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(
      '::error title=vigil: invalid input::input `comment-mode`: "loud" is not one of review, summary, off',
    );
  });
});

describe('the HTML report as a workflow artifact', () => {
  it("is uploaded unzipped through the runner's artifact service and linked from the job summary and the PR summary", async () => {
    const service = await startArtifactService();
    try {
      const { dir, base } = fixtureRepo('html-artifact');
      const head = commit(dir, { 'src/routes.js': ROUTES_1 }, 'routes');
      api.setPull(REPO, 21, { headSha: head, baseSha: base, files: pullFilesFromGit(dir, base, head) });
      const event = payload('opened', { number: 21, head, base, changedFiles: 1 });
      // A *.localhost server counts as GitHub.com for @actions/artifact (GHES has no such service).
      const env = { ...service.env, GITHUB_JOB: 'scan', GITHUB_SERVER_URL: 'https://github.localhost' };
      const run = await runAction(dir, head, event, { token: WRITE, 'report-retention-days': '7' }, env);
      expect(run.code).toBe(1);
      expect(service.violations).toEqual([]);
      expect(service.artifacts).toHaveLength(1);
      const artifact = service.artifacts[0]!;
      expect(artifact).toMatchObject({ name: 'vigil-report-scan.html', mimeType: 'text/html' });
      // Kept the days asked for (within a minute of now + 7 days).
      expect(Math.abs(Date.parse(artifact.expiresAt!) - Date.now() - 7 * 86_400_000)).toBeLessThan(60_000);
      const html = artifact.content.toString('utf8');
      expect(html).toContain(`Scanned <strong>${REPO} at ${head.slice(0, 12)}</strong>`);
      expect(html).toContain('js/command-injection');
      expect(html).toContain('"baseline":"new"');
      expect(html).toContain('"baseline":"existing"');
      const url = `https://github.localhost/${REPO}/actions/runs/42/artifacts/${artifact.id}`;
      expect(run.outputs['report-url']).toBe(url);
      expect(readFileSync(run.outputs['report-path']!, 'utf8')).toBe(html);
      expect(run.summary).toContain(`[HTML report](${url})`);
      const comments = api.repo(REPO).issueComments.filter((c) => c.body.includes(`[HTML report](${url})`));
      expect(comments).toHaveLength(1);
      // The check run's Details still open the workflow run, whose summary links the report.
      const check = api.repo(REPO).checkRuns.find((r) => r.head_sha === head)!;
      expect(check.details_url).toBe(`https://github.localhost/${REPO}/actions/runs/42`);

      // The same name again in this workflow run: the service refuses, the job goes on and says so.
      const again = await runAction(dir, head, event, { token: WRITE }, env);
      expect(again.code).toBe(1);
      expect(again.outputs['report-url']).toBe('');
      expect(again.summary).toMatch(
        /The HTML report could not be uploaded as an artifact \(.*already exists.*\); it is at /,
      );
      expect(service.artifacts).toHaveLength(1);

      // GitHub Enterprise Server has no such service for @actions/artifact: said, not failed.
      const ghes = await runAction(
        dir,
        head,
        event,
        { token: WRITE },
        { ...env, GITHUB_SERVER_URL: 'https://ghe.example.test' },
      );
      expect(ghes.code).toBe(1);
      expect(ghes.summary).toMatch(
        /could not be uploaded as an artifact \(.*not currently supported on GHES/,
      );
    } finally {
      await service.close();
    }
  }, 120_000);

  it('without the artifact service the file is still written and the summary says where', async () => {
    const { dir, base } = fixtureRepo('html-no-service');
    const head = commit(dir, { 'src/routes.js': ROUTES_1 }, 'routes');
    const event = JSON.stringify(example('workflow_dispatch'));
    const run = await runAction(
      dir,
      head,
      event,
      {},
      { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_SHA: head },
    );
    expect(base).not.toBe(head);
    expect(run.outputs['report-path']).toMatch(/vigil-report\.html$/);
    expect(readFileSync(run.outputs['report-path']!, 'utf8')).toContain('js/command-injection');
    expect(run.summary).toContain('no artifact service here (ACTIONS_RUNTIME_TOKEN unset)');
    expect(run.outputs['report-url']).toBe('');
  });

  it('html-report: false writes nothing; bad report inputs fail with exit code 2', async () => {
    const { dir, base } = fixtureRepo('html-off');
    const event = payload('opened', { number: 22, head: base, base, changedFiles: 0 });
    const off = await runAction(dir, base, event, { token: WRITE, 'html-report': 'false' });
    expect(off.outputs['report-path']).toBe('');
    expect(off.summary).not.toContain('HTML report');
    for (const [name, value, message] of [
      ['report-name', '../x', 'input `report-name`: "../x" must be 1–100 letters'],
      [
        'report-retention-days',
        '91',
        'input `report-retention-days`: "91" is not a whole number from 1 to 90',
      ],
      ['html-report', 'maybe', 'input `html-report`: "maybe" is not true or false'],
    ] as const) {
      const run = await runAction(dir, base, event, { token: WRITE, [name]: value });
      expect(run.code).toBe(2);
      expect(run.stdout).toContain(message);
    }
  });
});
