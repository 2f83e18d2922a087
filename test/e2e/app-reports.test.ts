import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { Redis as RedisClient } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readSettings, AppConfigError } from '../../src/app/server.ts';
import { MemoryStore } from '../../src/app/queue/memory.ts';
import { RedisStore } from '../../src/app/queue/bullmq.ts';
import { keepReport, type ReportSettings } from '../../src/app/reports.ts';
import {
  hasRedis,
  idle,
  openEvalPull,
  serveEvalPull,
  startHarness,
  startRedis,
  type Harness,
} from '../app/support/app.ts';
import { appKeys, newSecret, waitFor, type Repository } from '../app/support/fixtures.ts';

/**
 * Each scan's HTML report at an unguessable URL: the real App (probot, signed webhooks, the
 * OpenAPI-validating stand-in) links it from its check runs' `details_url` and the PR summary,
 * and serves it from its store until the retention time has passed.
 */

const PUBLIC = 'https://vigil.example.test/app';
const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** GET `url`; `path` is sent as written (a URL string would have its dot segments resolved). */
function get(url: string, headers: Record<string, string> = {}, path?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(url, { headers, ...(path ? { path } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

/** The report's path on the App from a details_url naming the public address. */
const onApp = (h: Harness, detailsUrl: string) => `${h.app.url}${detailsUrl.slice(PUBLIC.length)}`;

async function scanPull(h: Harness, r: Repository) {
  await serveEvalPull(h, r, HEAD, BASE);
  await openEvalPull(h, r, HEAD, BASE);
  const fullName = `${r.owner}/${r.name}`;
  const run = await waitFor('the sast check run', () =>
    h.api.repo(fullName).checkRuns.find((c) => c.name === 'vigil / sast' && c.status === 'completed'),
  );
  await waitFor('the queue to drain', () => idle(h.app));
  return { run, summary: h.api.repo(fullName).issueComments[0]?.body ?? '' };
}

describe('the App keeps each scan report at an unguessable URL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ reports: { publicUrl: PUBLIC, retentionDays: 30, maxBytes: 8 << 20 } });
  });
  afterEach(() => expect(h.api.violations).toEqual([]));
  afterAll(() => h?.close());

  it('links the report from every check run and the summary, and serves it', async () => {
    const { run, summary } = await scanPull(h, { owner: 'acme', name: 'site', installationId: 81 });
    const runs = h.api.repo('acme/site').checkRuns.filter((c) => c.status === 'completed');
    const urls = new Set(runs.map((c) => c.details_url));
    expect(urls.size).toBe(1);
    const url = run.details_url!;
    expect(url).toMatch(/^https:\/\/vigil\.example\.test\/app\/reports\/[A-Za-z0-9_-]{43}$/);
    expect(summary).toContain(`[HTML report](${url})`);

    const page = await get(onApp(h, url));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('private, no-store');
    const html = page.body.toString('utf8');
    expect(html).toContain(`acme/site at ${HEAD.slice(0, 12)}`);
    expect(html).toContain('js/code-injection');
    // Marked as the check run counted it: the base had no such finding.
    expect(html).toContain('"baseline":"new"');
    // The checkout's temporary directory is not what the reader scanned.
    expect(html).toContain(`Scanned <strong>acme/site at ${HEAD.slice(0, 12)}</strong>`);

    const zipped = await get(onApp(h, url), { 'accept-encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).toString('utf8')).toBe(html);
  });

  it('answers the same 404 for a wrong, malformed or hostile token, and nothing leaks', async () => {
    const answers = await Promise.all(
      [
        `/reports/${'A'.repeat(43)}`,
        '/reports/',
        '/reports/../healthz',
        '/reports/%2e%2e%2fhealthz',
        `/reports/${'A'.repeat(44)}`,
        `/reports/${'A'.repeat(8000)}`,
      ].map((path) => get(h.app.url, {}, path)),
    );
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body.toString()).toMatch(/^No report here/);
    }
  });
});

describe('reports turned off, or too large', () => {
  it('without VIGIL_PUBLIC_URL: no details_url and no link', async () => {
    const h = await startHarness();
    try {
      const { run, summary } = await scanPull(h, { owner: 'acme', name: 'plain', installationId: 82 });
      expect(run.details_url).toBeNull();
      expect(summary).not.toContain('HTML report');
      expect((await get(`${h.app.url}/reports/${'A'.repeat(43)}`)).status).toBe(404);
      expect(h.api.violations).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('a report over VIGIL_REPORT_MAX_BYTES is not kept; the summary says why and links nothing', async () => {
    const h = await startHarness({ reports: { publicUrl: PUBLIC, retentionDays: 30, maxBytes: 1024 } });
    try {
      const { run, summary } = await scanPull(h, { owner: 'acme', name: 'big', installationId: 83 });
      expect(run.details_url).toBeNull();
      expect(run.conclusion).toBe('failure');
      expect(summary).toMatch(
        /No HTML report for this scan: the HTML report is \d+ bytes compressed, over VIGIL_REPORT_MAX_BYTES \(1024\)/,
      );
      expect(h.api.violations).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

describe('retention', () => {
  const settings: ReportSettings = { publicUrl: PUBLIC, retentionDays: 30, maxBytes: 8 << 20 };
  const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

  it('in memory: served for 30 days, gone after, and dropped from memory', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const store = new MemoryStore();
      const token = tokenOf(await keepReport(store, '<!doctype html><p>r</p>', settings));
      vi.setSystemTime(Date.now() + 29 * 86_400_000);
      expect(await store.get(`report:${token}`)).toBeDefined();
      vi.setSystemTime(Date.now() + 2 * 86_400_000);
      expect(await store.get(`report:${token}`)).toBeUndefined();
      const other = tokenOf(await keepReport(store, '<p>later</p>', settings));
      vi.setSystemTime(Date.now() + 31 * 86_400_000);
      // The next write sweeps what has expired, though nobody asked for it again.
      await store.set('x', '1', 60);
      expect((store as unknown as { values: Map<string, unknown> }).values.has(`report:${other}`)).toBe(
        false,
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it.skipIf(!hasRedis)('in Redis: the key expires after the retention time', async () => {
    const redis = await startRedis();
    const client = new RedisClient(redis.url, { lazyConnect: true });
    try {
      await client.connect();
      const token = tokenOf(await keepReport(new RedisStore(client), '<p>r</p>', settings));
      const ttl = await client.ttl(`vigil:report:${token}`);
      expect(ttl).toBeGreaterThan(30 * 86_400 - 60);
      expect(ttl).toBeLessThanOrEqual(30 * 86_400);
    } finally {
      client.disconnect();
      await redis.stop();
    }
  });
});

describe('report settings', () => {
  const base = () => {
    const { privateKey } = appKeys();
    return { APP_ID: '1', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: newSecret() };
  };

  it('VIGIL_PUBLIC_URL turns reports on, kept 30 days by default', () => {
    expect(readSettings({ ...base(), VIGIL_PUBLIC_URL: 'https://vigil.example.test/' }).reports).toEqual({
      publicUrl: 'https://vigil.example.test',
      retentionDays: 30,
      maxBytes: 8 << 20,
    });
    expect(readSettings(base()).reports).toBeUndefined();
    expect(
      readSettings({ ...base(), VIGIL_PUBLIC_URL: 'https://v.test', VIGIL_REPORT_RETENTION_DAYS: '0' })
        .reports,
    ).toBeUndefined();
    expect(
      readSettings({ ...base(), VIGIL_PUBLIC_URL: 'https://v.test', VIGIL_REPORT_RETENTION_DAYS: '7' })
        .reports?.retentionDays,
    ).toBe(7);
  });

  it.each([
    ['VIGIL_PUBLIC_URL', 'vigil.example.test', /VIGIL_PUBLIC_URL must be an absolute URL/],
    ['VIGIL_PUBLIC_URL', 'ftp://vigil.example.test', /VIGIL_PUBLIC_URL must be an http\(s\) URL/],
    ['VIGIL_PUBLIC_URL', 'https://u:p@vigil.example.test', /must not carry a query, fragment or credentials/],
    ['VIGIL_REPORT_RETENTION_DAYS', '-1', /VIGIL_REPORT_RETENTION_DAYS must be an integer ≥ 0/],
    ['VIGIL_REPORT_MAX_BYTES', '10', /VIGIL_REPORT_MAX_BYTES must be an integer ≥ 1024/],
  ])('%s=%s is refused with a message naming it', (name, value, message) => {
    const env = { ...base(), VIGIL_PUBLIC_URL: 'https://v.test', [name]: value };
    expect(() => readSettings(env)).toThrow(AppConfigError);
    expect(() => readSettings(env)).toThrow(message);
  });
});
