import { afterEach, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { classifyFindings, conclusionFor } from '../../src/github/baseline.ts';
import {
  annotationsFor,
  checkRunName,
  completeCheckRun,
  failCheckRun,
  startCheckRun,
} from '../../src/github/checks.ts';
import { fetchPullDiff } from '../../src/github/diff.ts';
import { commentBody, postReview, suggestionFor } from '../../src/github/reviews.ts';
import { resolveStaleThreads } from '../../src/github/stale.ts';
import { renderSummary, upsertSummaryComment } from '../../src/github/summary.ts';
import { uploadSarif, MAX_RESULTS_PER_RUN } from '../../src/github/sarif-upload.ts';
import { attempt, newDegradation, workflowAnnotation } from '../../src/github/permissions.ts';
import { SUMMARY_MARKER } from '../../src/github/markers.ts';
import type { GitHubApiStandIn } from '../support/github-api/index.ts';
import { addedFile, BASE, client, finding, HEAD, HEAD2, standIn } from './helpers.ts';

const repo = { owner: 'acme', repo: 'app' };
let api: GitHubApiStandIn;
afterEach(async () => {
  expect(api.violations).toEqual([]);
  await api.close();
});

describe('check runs', () => {
  it('creates in_progress, sends 120 annotations in 3 requests, concludes failure only for new findings at the threshold', async () => {
    api = await standIn();
    const gh = client(api);
    const findings = Array.from({ length: 120 }, (_, i) =>
      finding('src/a.ts', i + 1, { severity: i === 0 ? 'critical' : 'low' }),
    );
    const c = classifyFindings(findings, {
      fingerprints: new Set(findings.slice(1).map((f) => f.fingerprint)),
    });
    expect(c.new).toHaveLength(1);
    const run = await startCheckRun(gh, { ...repo, headSha: HEAD, name: checkRunName('sast') });
    expect(api.repo('acme/app').checkRuns[0]!.status).toBe('in_progress');
    const { annotations } = annotationsFor(c.new, c.existing);
    await completeCheckRun(gh, run, {
      conclusion: conclusionFor(c, 'high'),
      title: 't',
      summary: 'x'.repeat(70000),
      annotations,
    });
    const stored = api.repo('acme/app').checkRuns[0]!;
    expect(stored.annotations).toHaveLength(120);
    expect(stored.annotationRequests).toBe(3);
    expect(api.requestsFor('checks/update')).toHaveLength(3);
    expect(stored.conclusion).toBe('failure');
    expect(stored.output.summary!.length).toBeLessThanOrEqual(65535);
    expect(stored.output.summary).toMatch(/more lines? not shown/);
    expect(stored.annotations[0]!.message).toMatch(/\(js\/sql-injection\)$/);
    expect(stored.annotations[0]!.annotation_level).toBe('failure');
    expect(stored.annotations[1]!.title).toMatch(/^\(existing\)/);
  });

  it('existing findings never fail the check unless configured; clean is success', () => {
    const f = [finding('a.ts', 1, { severity: 'critical' })];
    const existing = classifyFindings(f, { fingerprints: new Set([f[0]!.fingerprint]) });
    expect(conclusionFor(existing, 'high')).toBe('neutral');
    expect(conclusionFor(existing, 'high', true)).toBe('failure');
    expect(conclusionFor(classifyFindings([], {}), 'high')).toBe('success');
  });

  it('reuses an in-progress run for the same SHA and name, and a crashed scan completes it as failed', async () => {
    api = await standIn();
    const gh = client(api);
    const a = await startCheckRun(gh, { ...repo, headSha: HEAD, name: 'vigil / sca', reuseInProgress: true });
    const b = await startCheckRun(gh, { ...repo, headSha: HEAD, name: 'vigil / sca', reuseInProgress: true });
    expect(b.id).toBe(a.id);
    await failCheckRun(gh, a, 'out of memory');
    expect(api.repo('acme/app').checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });
});

describe('reviews, dedup and stale threads', () => {
  it('comments on added lines only, caps at maxComments, never reposts, resolves fixed threads unless a person replied', async () => {
    api = await standIn();
    const gh = client(api);
    api.setPull('acme/app', 3, {
      headSha: HEAD,
      baseSha: BASE,
      files: [addedFile('src/a.ts', 40, 'modified')],
    });
    let diff = await fetchPullDiff(gh, repo, 3);
    const onDiff = Array.from({ length: 35 }, (_, i) => finding('src/a.ts', i + 1));
    const offDiff = finding('src/other.ts', 4);
    const first = await postReview(gh, {
      ...repo,
      pullNumber: 3,
      headSha: HEAD,
      diff,
      findings: [...onDiff, offDiff],
    });
    expect(first).toMatchObject({ commented: 30, overCap: 5, offDiff: 1 });
    const pull = api.repo('acme/app').pulls.get(3)!;
    expect(pull.reviews[0]!.body).toContain('5 more');
    expect(pull.comments.every((c) => /<!-- vigil:fp:[0-9a-f]+ -->/.test(c.body))).toBe(true);

    // Same head again (a re-run): nothing new.
    const again = await postReview(gh, { ...repo, pullNumber: 3, headSha: HEAD, diff, findings: onDiff });
    expect(again.alreadyReviewed).toBe(true);

    // A person replies on the thread of finding #1; then a push fixes findings #1 and #2.
    await client(api, 'human-token').request(
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies',
      { ...repo, pull_number: 3, comment_id: pull.comments[0]!.id, body: 'Is this really reachable?' },
    );
    api.setPull('acme/app', 3, {
      headSha: HEAD2,
      baseSha: BASE,
      files: [addedFile('src/a.ts', 41, 'modified')],
    });
    diff = await fetchPullDiff(gh, repo, 3);
    const remaining = [...onDiff.slice(2), finding('src/a.ts', 41)];
    // A scan that covered only dependencies says nothing about these sast threads.
    expect(await resolveStaleThreads(gh, repo, 3, new Set(), new Set(['sca']))).toEqual({
      resolved: 0,
      keptForDiscussion: 0,
    });
    const stale = await resolveStaleThreads(
      gh,
      repo,
      3,
      new Set(remaining.map((f) => f.fingerprint)),
      new Set(['sast']),
    );
    expect(stale).toEqual({ resolved: 1, keptForDiscussion: 1 });
    const second = await postReview(gh, {
      ...repo,
      pullNumber: 3,
      headSha: HEAD2,
      diff,
      findings: remaining,
    });
    // 28 already commented; of the 5 over the earlier cap plus the new one, 6 are posted now.
    expect(second).toMatchObject({ alreadyCommented: 28, commented: 6 });
    const fps = pull.comments.filter((c) => !c.in_reply_to_id).map((c) => c.body.match(/vigil:fp:(\w+)/)![1]);
    expect(new Set(fps).size).toBe(fps.length);
    expect(pull.threads.filter((t) => t.isResolved)).toHaveLength(1);
  });

  it('offers a ```suggestion block built from the fix replacement over whole lines', async () => {
    api = await standIn();
    api.setPull('acme/app', 4, {
      headSha: HEAD,
      baseSha: BASE,
      files: [addedFile('src/a.ts', 3)],
    });
    const diff = await fetchPullDiff(client(api), repo, 4);
    const text = 'const a = 1;\nel.innerHTML = name;\nconst b = 2;\n';
    const f = finding('src/a.ts', 2, {
      fix: {
        description: 'Use textContent',
        replacement: {
          location: { path: 'src/a.ts', startLine: 2, startColumn: 4, endLine: 2, endColumn: 13 },
          text: 'textContent',
        },
      },
    });
    const s = suggestionFor(f, text, diff)!;
    expect(s).toEqual({ startLine: 2, endLine: 2, text: 'el.textContent = name;' });
    expect(commentBody(f, s)).toContain('```suggestion\nel.textContent = name;\n```');
    await postReview(client(api), {
      ...repo,
      pullNumber: 4,
      headSha: HEAD,
      diff,
      findings: [f],
      readFile: () => text,
    });
    expect(api.repo('acme/app').pulls.get(4)!.comments[0]!.body).toContain('```suggestion');
  });

  it('a finding with a huge message or path still yields a review GitHub accepts', async () => {
    api = await standIn();
    const long = `src/${'d/'.repeat(2000)}a.ts`;
    api.setPull('acme/app', 8, {
      headSha: HEAD,
      baseSha: BASE,
      files: [addedFile('src/a.ts', 3), addedFile(long, 80)],
    });
    const diff = await fetchPullDiff(client(api), repo, 8);
    const findings = [
      finding('src/a.ts', 1, { message: 'm'.repeat(100_000) }),
      ...Array.from({ length: 80 }, (_, i) => finding(long, i + 1, { title: 't'.repeat(1000) })),
    ];
    const out = await postReview(client(api), {
      ...repo,
      pullNumber: 8,
      headSha: HEAD,
      diff,
      findings,
      maxComments: 1,
    });
    expect(out).toMatchObject({ commented: 1, overCap: 80, fellBackToBody: false });
    expect(api.rejections).toEqual([]);
  });

  it('finding text cannot forge a marker or mention people', () => {
    const body = commentBody(
      finding('a.ts', 1, { message: 'x <!-- vigil:fp:deadbeefdeadbeef --> @org/team' }),
      undefined,
    );
    expect(body.match(/<!-- vigil:fp:/g)).toHaveLength(1);
    expect(body).not.toMatch(/@org/);
  });

  it('falls back to a body-only review when GitHub refuses a comment outside the diff', async () => {
    api = await standIn();
    api.setPull('acme/app', 5, {
      headSha: HEAD,
      baseSha: BASE,
      files: [addedFile('src/a.ts', 3)],
    });
    const diff = await fetchPullDiff(client(api), repo, 5);
    // The diff changed on GitHub after it was read (a racing push).
    api.setPull('acme/app', 5, {
      headSha: HEAD,
      baseSha: BASE,
      files: [addedFile('src/a.ts', 1)],
    });
    const out = await postReview(client(api), {
      ...repo,
      pullNumber: 5,
      headSha: HEAD,
      diff,
      findings: [finding('src/a.ts', 3)],
    });
    expect(out.fellBackToBody).toBe(true);
    expect(api.rejections.map((r) => r.status)).toEqual([422]);
    expect(api.repo('acme/app').pulls.get(5)!.reviews).toHaveLength(1);
  });
});

describe('sticky summary', () => {
  it('is created once and edited in place', async () => {
    api = await standIn();
    api.setPull('acme/app', 6, { headSha: HEAD, baseSha: BASE, files: [] });
    const gh = client(api);
    const sca = finding('package-lock.json', 10, {
      kind: 'sca',
      ruleId: 'GHSA-xxxx',
      package: { ecosystem: 'npm', name: 'lodash', version: '4.17.20', fixedVersion: '4.17.21' },
    });
    const c = classifyFindings([sca, { ...sca, fingerprint: 'ff00ff00ff00ff00' }, finding('a.ts', 2)], {});
    const body = renderSummary({
      classified: c,
      failOn: 'high',
      conclusion: 'failure',
      checkRuns: [{ name: 'vigil / sca', url: 'https://x/runs/1' }],
    });
    expect(body.startsWith(SUMMARY_MARKER)).toBe(true);
    expect(body).toContain('upgrade lodash to 4.17.21: fixes 2');
    expect(body).toMatch(/\| sca \| · \| 2 \|/);
    const a = await upsertSummaryComment(gh, repo, 6, body);
    const b = await upsertSummaryComment(gh, repo, 6, body.replace('failure', 'x'));
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
    expect(api.repo('acme/app').issueComments).toHaveLength(1);
  });
});

describe('SARIF upload', () => {
  const log = (n: number, category: string) => ({
    version: '2.1.0' as const,
    runs: [
      {
        tool: { driver: { name: 'vigil' } },
        automationDetails: { id: category },
        results: Array.from({ length: n }, (_, i) => ({
          ruleId: 'r',
          level: (i % 2 ? 'note' : 'error') as 'note' | 'error',
          message: { text: `m${i} ${'x'.repeat(40)}${Math.random()}` },
        })),
      },
    ],
  });

  it('uploads one gzip+base64 document per category and trims to 25,000 results with a warning', async () => {
    api = await standIn();
    const a = log(MAX_RESULTS_PER_RUN + 10, 'vigil/sast/');
    const b = log(3, 'vigil/sca/');
    const out = await uploadSarif(client(api), {
      ...repo,
      commitSha: HEAD,
      ref: 'refs/pull/1/merge',
      log: { version: '2.1.0', runs: [...a.runs, ...b.runs] },
    });
    expect(out.uploads.map((u) => [u.category, u.results])).toEqual([
      ['vigil/sast/', MAX_RESULTS_PER_RUN],
      ['vigil/sca/', 3],
    ]);
    expect(out.warnings[0]).toMatch(/25000/);
    const stored = api.repo('acme/app').sarifUploads;
    expect(stored.map((s) => s.sarif.runs![0]!.automationDetails!.id)).toEqual(['vigil/sast/', 'vigil/sca/']);
    const raw = api.requestsFor('code-scanning/upload-sarif')[0]!.body as { sarif: string };
    expect(JSON.parse(gunzipSync(Buffer.from(raw.sarif, 'base64')).toString()).runs).toHaveLength(1);
  });

  it('halves the results until the compressed upload fits the size budget', async () => {
    api = await standIn();
    const out = await uploadSarif(client(api), {
      ...repo,
      commitSha: HEAD,
      ref: 'refs/heads/main',
      log: log(4000, 'vigil/sast/'),
      maxGzipBytes: 40_000,
    });
    expect(out.uploads[0]!.bytes).toBeLessThanOrEqual(40_000);
    expect(out.uploads[0]!.results).toBeLessThan(4000);
    expect(out.warnings.length).toBeGreaterThan(0);
  });
});

describe('permissions and limits', () => {
  it('a read-only token degrades with a note instead of throwing', async () => {
    api = await standIn();
    const d = newDegradation();
    const run = await attempt(d, 'create the check run', 'checks: write', () =>
      startCheckRun(client(api, 'read-token'), { ...repo, headSha: HEAD, name: 'vigil / sast' }),
    );
    expect(run).toBeUndefined();
    expect(d.degraded).toBe(true);
    expect(d.notes[0]).toMatch(/checks: write/);
    expect(api.rejections[0]!.status).toBe(403);
  });

  it('workflow annotations escape properties and data', () => {
    const line = workflowAnnotation(finding('dir/a,b:c.ts', 4, { message: 'two\nlines 100%' }));
    expect(line).toBe(
      '::error file=dir/a%2Cb%3Ac.ts,line=4,endLine=4,col=3,endColumn=20,title=[high] SQL built from user input::two%0Alines 100%25 (js/sql-injection)',
    );
  });

  it('honours the secondary rate limit (403 + retry-after) and retries transient 5xx', async () => {
    api = await standIn({ secondaryRateLimit: { maxWrites: 2, windowMs: 1500, retryAfterSeconds: 1 } });
    const gh = client(api);
    api.injectFailure('checks/create', 502, 1);
    const started = Date.now();
    for (let i = 0; i < 4; i++) await startCheckRun(gh, { ...repo, headSha: HEAD, name: `vigil / k${i}` });
    expect(api.repo('acme/app').checkRuns).toHaveLength(4);
    expect(api.rejections.filter((r) => r.status === 403).length).toBeGreaterThan(0);
    expect(api.rejections.filter((r) => r.status === 502)).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('does not retry statuses a retry cannot change (409, 422, 501), and retries a 503', async () => {
    api = await standIn();
    const gh = client(api);
    for (const status of [409, 422, 501]) {
      // One injected failure: a retry would have succeeded, so the rejection shows there was none.
      api.injectFailure('checks/create', status, 1);
      await expect(
        startCheckRun(gh, { ...repo, headSha: HEAD, name: `vigil / s${status}` }),
      ).rejects.toMatchObject({
        status,
      });
    }
    expect(api.requestsFor('checks/create')).toHaveLength(3);
    api.injectFailure('checks/create', 503, 1);
    await startCheckRun(gh, { ...repo, headSha: HEAD, name: 'vigil / ok' });
    expect(api.repo('acme/app').checkRuns.map((r) => r.name)).toEqual(['vigil / ok']);
  });

  it('records a violation for requests that do not match the OpenAPI description', async () => {
    api = await standIn();
    await expect(
      client(api).request('POST /repos/{owner}/{repo}/check-runs', {
        ...repo,
        name: 'x',
        head_sha: HEAD,
        status: 'bogus' as 'queued',
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(client(api).request('GET /repos/{owner}/{repo}/no-such-thing', repo)).rejects.toMatchObject({
      status: 404,
    });
    expect(api.violations).toHaveLength(2);
    api.violations.length = 0;
  });
});
