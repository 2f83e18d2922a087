import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkRunJob } from '../../src/app/handlers/check-run.ts';
import { checkSuiteJob } from '../../src/app/handlers/check-suite.ts';
import { pullRequestJob } from '../../src/app/handlers/pull-request.ts';
import { pushJob } from '../../src/app/handlers/push.ts';
import { jobId, jobKey } from '../../src/app/jobs.ts';
import { AppConfigError, readSettings } from '../../src/app/server.ts';
import {
  APP_ID,
  appKeys,
  checkRunRerequested,
  example,
  pullRequestEvent,
  pushEvent,
} from './support/fixtures.ts';

const R = { owner: 'acme', name: 'web', installationId: 7 };
const repo = { installationId: 7, owner: 'acme', repo: 'web', delivery: 'd1' };
const input = <P>(payload: P) => ({ payload, repo, appId: APP_ID });
const SHA = 'a'.repeat(40);
const BASE = 'b'.repeat(40);

describe('event → job (real payloads from @octokit/webhooks-examples)', () => {
  it('pull_request opened/synchronize/reopened/ready_for_review scan the head; drafts wait; closed is ignored', () => {
    for (const action of ['opened', 'synchronize', 'reopened', 'ready_for_review'] as const) {
      const job = pullRequestJob(
        input(pullRequestEvent(action, R, { number: 3, head: SHA, base: BASE }) as never),
      );
      expect(job).toMatchObject({
        type: 'scan',
        headSha: SHA,
        pull: { number: 3, baseSha: BASE },
        trigger: `pull_request.${action}`,
      });
    }
    expect(
      pullRequestJob(
        input(pullRequestEvent('opened', R, { number: 3, head: SHA, base: BASE, draft: true }) as never),
      ),
    ).toBeUndefined();
    expect(
      pullRequestJob(
        input(
          pullRequestEvent('ready_for_review', R, { number: 3, head: SHA, base: BASE, draft: true }) as never,
        ),
      ),
    ).toBeDefined();
    expect(
      pullRequestJob(input(example('pull_request', (e) => e.action === 'closed') as never)),
    ).toBeUndefined();
  });

  it("check_run.rerequested re-runs vigil's own runs only", () => {
    const ours = checkRunJob(input(checkRunRerequested(R, { head: SHA, base: BASE, number: 4 }) as never));
    expect(ours).toMatchObject({ headSha: SHA, rerun: true, pull: { number: 4, baseSha: BASE } });
    expect(
      checkRunJob(input(checkRunRerequested(R, { head: SHA, base: BASE, number: 4, appId: 1 }) as never)),
    ).toBeUndefined();
    expect(checkRunJob(input(example('check_run', (e) => e.action === 'created') as never))).toBeUndefined();
  });

  it("check_suite.rerequested re-runs the suite's head with its PR", () => {
    const event = example('check_suite', (e) => e.action === 'rerequested') as {
      check_suite: { app: { id: number } };
    };
    event.check_suite.app.id = APP_ID;
    expect(checkSuiteJob(input(event as never))).toMatchObject({
      headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      pull: { number: 2, baseSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e' },
      rerun: true,
    });
  });

  it('push records a baseline only for the default branch', () => {
    expect(pushJob(input(pushEvent(R, { before: BASE, after: SHA }) as never))).toMatchObject({
      type: 'baseline',
      sha: SHA,
    });
    const tag = example('push', (e) => e.ref === 'refs/tags/simple-tag');
    expect(pushJob(input(tag as never))).toBeUndefined();
    const deleted = pushEvent(R, { before: BASE, after: '0'.repeat(40) });
    expect(pushJob(input(deleted as never))).toBeUndefined();
  });

  it('keys: one per PR (pushes supersede), one per SHA for re-runs; ids never contain ":"', () => {
    const a = pullRequestJob(
      input(pullRequestEvent('opened', R, { number: 3, head: SHA, base: BASE }) as never),
    )!;
    const b = pullRequestJob(
      input(pullRequestEvent('synchronize', R, { number: 3, head: BASE, base: BASE }) as never),
    )!;
    const rerun = checkRunJob(input(checkRunRerequested(R, { head: SHA, base: BASE, number: 3 }) as never))!;
    expect(jobKey(a)).toBe(jobKey(b));
    expect(jobId(a)).not.toBe(jobId(b));
    expect(jobKey(rerun)).toBe(`acme/web@${SHA}`);
    for (const j of [a, b, rerun]) expect(jobId(j)).not.toContain(':');
  });
});

describe('settings', () => {
  const { privateKey } = appKeys();
  const env = { APP_ID: '12', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: 's' };

  it('reads the environment; binds to 127.0.0.1 unless HOST says otherwise', () => {
    const s = readSettings(env);
    expect(s).toMatchObject({
      appId: 12,
      host: '127.0.0.1',
      port: 3000,
      role: 'all',
      baseUrl: 'https://api.github.com',
    });
    expect(readSettings({ ...env, PRIVATE_KEY: privateKey.replace(/\n/g, '\\n') }).privateKey).toBe(
      privateKey,
    );
    expect(readSettings({ ...env, PRIVATE_KEY: Buffer.from(privateKey).toString('base64') }).privateKey).toBe(
      privateKey,
    );
    expect(readSettings({ ...env, GHE_HOST: 'ghe.example' }).baseUrl).toBe('https://ghe.example/api/v3');
    expect(readSettings(env).scanWorker).toBeUndefined();
    expect(readSettings({ ...env, VIGIL_SCAN_HEAP_MB: '512' }).scanWorker).toEqual({ heapMb: 512 });
  });

  it('takes the advisory source, database, size limit and cache from the environment only', () => {
    expect(readSettings(env).operator).toEqual({});
    expect(
      readSettings({
        ...env,
        VIGIL_OSV_API_URL: 'https://osv.mirror.internal',
        VIGIL_OSV_DATABASE: '/var/lib/vigil/osv.db',
        VIGIL_MAX_FILE_SIZE: '4096',
        VIGIL_CACHE_DIR: '/var/cache/vigil',
        VIGIL_SCA_UNAVAILABLE: 'fail-open',
      }).operator,
    ).toEqual({
      sca: { apiUrl: 'https://osv.mirror.internal', database: '/var/lib/vigil/osv.db' },
      maxFileSize: 4096,
      cacheDir: '/var/cache/vigil',
      unavailable: 'fail-open',
    });
  });

  it.each([
    [{ APP_ID: '' }, 'APP_ID'],
    [{ PRIVATE_KEY: '' }, 'PRIVATE_KEY'],
    [{ PRIVATE_KEY: 'not a key' }, 'not a PEM private key'],
    [{ WEBHOOK_SECRET: '' }, 'WEBHOOK_SECRET'],
    [{ VIGIL_ROLE: 'both' }, 'VIGIL_ROLE'],
    [{ PORT: 'x' }, 'PORT'],
    [{ VIGIL_SCAN_HEAP_MB: '16' }, 'VIGIL_SCAN_HEAP_MB must be an integer ≥ 64, got "16"'],
    [{ VIGIL_OSV_API_URL: 'file:///etc/passwd' }, 'VIGIL_OSV_API_URL: sca.apiUrl: expected an http(s) URL'],
    [{ VIGIL_MAX_FILE_SIZE: '1e9' }, 'VIGIL_MAX_FILE_SIZE: maxFileSize: expected an integer'],
    [{ VIGIL_SCA_UNAVAILABLE: 'open' }, 'VIGIL_SCA_UNAVAILABLE: "open" is not one of fail-closed, fail-open'],
  ])('refuses %j', (change, message) => {
    expect(() => readSettings({ ...env, ...change })).toThrow(AppConfigError);
    expect(() => readSettings({ ...env, ...change })).toThrow(message);
  });
});

describe('app.yml', () => {
  it('asks for the least permissions and exactly the events vigil handles', () => {
    const manifest = parse(readFileSync(join(import.meta.dirname, '../../app.yml'), 'utf8')) as {
      default_permissions: Record<string, string>;
      default_events: string[];
    };
    expect(manifest.default_permissions).toEqual({
      checks: 'write',
      pull_requests: 'write',
      contents: 'read',
      metadata: 'read',
    });
    expect(manifest.default_events.sort()).toEqual(['check_run', 'check_suite', 'pull_request', 'push']);
  });
});
