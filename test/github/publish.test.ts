import { ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.ts';
import type { ScanResult } from '../../src/core/scanner.ts';
import { newDegradation } from '../../src/github/permissions.ts';
import { publish, startCheckRuns } from '../../src/github/publish.ts';
import type { GitHubApiStandIn } from '../support/github-api/index.ts';
import { addedFile, BASE, client, finding, HEAD, standIn } from './helpers.ts';

const repo = { owner: 'acme', repo: 'app' };
let api: GitHubApiStandIn;
afterEach(async () => {
  expect(api.violations).toEqual([]);
  await api.close();
});

function result(
  findings: Finding[],
  scanners: ScanResult['stats']['scanners'] = ['sast', 'sca'],
): ScanResult {
  return {
    version: 1,
    tool: { name: 'vigil', version: '0.1.0' },
    root: '/w',
    findings,
    rules: [],
    diagnostics: [],
    stats: { files: 3, durationMs: 5, scanners },
  };
}

async function prWith(number: number) {
  api = await standIn();
  api.setPull('acme/app', number, {
    headSha: HEAD,
    baseSha: BASE,
    files: [addedFile('src/a.ts', 5)],
  });
}

const sca = finding('package-lock.json', 3, {
  kind: 'sca',
  ruleId: 'GHSA-aaaa',
  severity: 'critical',
  package: { ecosystem: 'npm', name: 'lodash', version: '4.17.20', fixedVersion: '4.17.21' },
});

describe('publish (shared by the Action and the App)', () => {
  it('one check run per scan kind; existing findings do not fail; review only for new findings on added lines', async () => {
    await prWith(1);
    const sast = finding('src/a.ts', 2);
    const out = await publish(client(api), {
      ...repo,
      headSha: HEAD,
      result: result([sast, sca]),
      pull: { number: 1 },
      baseFingerprints: new Set([sca.fingerprint]),
      failOn: 'high',
    });
    expect(out.groups.map((g) => [g.group, g.conclusion, g.newCount, g.existingCount])).toEqual([
      ['sast', 'failure', 1, 0],
      ['sca', 'neutral', 0, 1],
    ]);
    expect(out.conclusion).toBe('failure');
    const runs = api.repo('acme/app').checkRuns;
    expect(runs.map((r) => [r.name, r.conclusion])).toEqual([
      ['vigil / sast', 'failure'],
      ['vigil / sca', 'neutral'],
    ]);
    expect(runs[1]!.output.summary).toContain('0 new');
    expect(api.repo('acme/app').pulls.get(1)!.comments).toHaveLength(1);
    const summary = api.repo('acme/app').issueComments[0]!.body;
    expect(summary).toContain('upgrade lodash to 4.17.21: fixes 1');
    expect(summary).toContain('[vigil / sast](https://github.test/acme/app/runs/');
  });

  it('comment-mode summary posts no review; off posts no comment at all', async () => {
    await prWith(2);
    const inMode = (commentMode: 'summary' | 'off') =>
      publish(client(api), {
        ...repo,
        headSha: HEAD,
        result: result([finding('src/a.ts', 1)]),
        pull: { number: 2 },
        failOn: 'high',
        commentMode,
      });
    await inMode('summary');
    expect(api.repo('acme/app').pulls.get(2)!.reviews).toHaveLength(0);
    expect(api.repo('acme/app').issueComments).toHaveLength(1);
    await inMode('off');
    expect(api.requestsFor('issues/update-comment')).toHaveLength(0);
  });

  it('completes check runs started before the scan, also for a scanner that did not run', async () => {
    await prWith(3);
    const d = newDegradation();
    const started = await startCheckRuns(client(api), repo, HEAD, ['sast', 'container'], d);
    expect(api.repo('acme/app').checkRuns.map((r) => r.status)).toEqual(['in_progress', 'in_progress']);
    await publish(client(api), {
      ...repo,
      headSha: HEAD,
      result: result([], ['sast']),
      checkRuns: started,
      failOn: 'high',
    });
    expect(api.repo('acme/app').checkRuns.map((r) => [r.name, r.status, r.conclusion])).toEqual([
      ['vigil / sast', 'completed', 'success'],
      ['vigil / container', 'completed', 'success'],
    ]);
  });

  const unreachable = () => {
    const failed = result([], ['sast', 'sca']);
    failed.diagnostics = [
      {
        level: 'error',
        source: 'sca',
        incomplete: true,
        message:
          'SCA skipped: no advisory source could be read (POST http://127.0.0.1:9/v1/querybatch: fetch failed (ECONNREFUSED) (after 2 attempts)).',
      },
      { level: 'error', source: 'sast', path: 'src/a.ts', line: 2, message: 'cannot parse' },
    ];
    return failed;
  };

  it('a scanner that could not run fails its check by default (fail-closed), and says which policy applied', async () => {
    await prWith(4);
    const out = await publish(client(api), {
      ...repo,
      headSha: HEAD,
      result: unreachable(),
      pull: { number: 4 },
      failOn: 'high',
    });
    const runs = api.repo('acme/app').checkRuns;
    expect(runs.map((r) => [r.name, r.conclusion])).toEqual([
      ['vigil / sast', 'success'],
      ['vigil / sca', 'failure'],
    ]);
    expect(out.conclusion).toBe('failure');
    expect(runs[1]!.output?.title).toMatch(/^incomplete \(fail-closed\): 0 new, 0 existing$/);
    expect(runs[1]!.output?.summary).toContain(
      "OSV unreachable: fail-closed by the operator's policy, so this check fails until the scanner can run.",
    );
    expect(runs[1]!.output?.summary).toContain('ECONNREFUSED');
    expect(out.summaryMarkdown).toContain('### vigil: ❌ incomplete: sca could not run');
    expect(api.repo('acme/app').issueComments[0]!.body).toContain(
      "OSV unreachable: fail-closed by the operator's policy",
    );
  });

  it('under fail-open the check is neutral with the policy said, never success; failing findings still fail', async () => {
    await prWith(4);
    await publish(client(api), {
      ...repo,
      headSha: HEAD,
      result: unreachable(),
      failOn: 'high',
      unavailable: 'fail-open',
    });
    const runs = api.repo('acme/app').checkRuns;
    expect(runs.map((r) => [r.name, r.conclusion])).toEqual([
      ['vigil / sast', 'success'],
      ['vigil / sca', 'neutral'],
    ]);
    expect(runs[1]!.output?.summary).toContain(
      "OSV unreachable: fail-open by the operator's policy, so this check does not fail, but nothing was checked.",
    );
    const withFinding = unreachable();
    withFinding.findings = [sca];
    const out = await publish(client(api), {
      ...repo,
      headSha: HEAD,
      result: withFinding,
      failOn: 'high',
      unavailable: 'fail-open',
    });
    expect(out.groups.find((g) => g.group === 'sca')!.conclusion).toBe('failure');
  });

  it('a crashed scanner is never success either way', async () => {
    await prWith(4);
    const crashed = result([], ['sast']);
    crashed.diagnostics = [
      { level: 'error', source: 'sast', incomplete: true, message: 'scanner sast failed: out of memory' },
    ];
    const closed = await publish(client(api), { ...repo, headSha: HEAD, result: crashed, failOn: 'high' });
    expect(closed.conclusion).toBe('failure');
    expect(api.repo('acme/app').checkRuns[0]!.output?.summary).toContain(
      "sast incomplete: fail-closed by the operator's policy",
    );
    const open = await publish(client(api), {
      ...repo,
      headSha: HEAD,
      result: crashed,
      failOn: 'high',
      unavailable: 'fail-open',
    });
    expect(open.conclusion).toBe('neutral');
  });

  it('works with probot’s Octokit as the App will pass it', async () => {
    await prWith(5);
    const octokit = new ProbotOctokit({
      auth: { token: 'write-token' },
      baseUrl: api.url,
      throttle: { enabled: false },
    });
    const out = await publish(octokit, {
      ...repo,
      headSha: HEAD,
      result: result([finding('src/a.ts', 1)]),
      pull: { number: 5 },
      failOn: 'high',
    });
    expect(out.review?.commented).toBe(1);
    expect(out.degradation.notes).toEqual([]);
  });

  it('a read-only token leaves notes, posts nothing and still classifies', async () => {
    await prWith(4);
    const out = await publish(client(api, 'read-token'), {
      ...repo,
      headSha: HEAD,
      result: result([finding('src/a.ts', 1)]),
      pull: { number: 4 },
      failOn: 'high',
      sarif: { ref: 'refs/pull/4/merge', commitSha: HEAD },
    });
    expect(out.degradation.degraded).toBe(true);
    expect(out.degradation.notes.join('\n')).toMatch(
      /checks: write[\s\S]*pull-requests: write[\s\S]*security-events: write/,
    );
    expect(out.classified.new).toHaveLength(1);
    expect(out.summaryMarkdown).toContain('Could not');
    expect(
      api.requests.filter((r) => r.method !== 'GET' && r.operationId !== 'graphql' && r.status < 300),
    ).toHaveLength(0);
  });
});
