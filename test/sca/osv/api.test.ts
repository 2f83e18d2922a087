import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageLock } from '../../../src/sca/lockfiles/npm.ts';
import { OsvApiClient, OsvApiError } from '../../../src/sca/osv/api.ts';
import { AdvisoryDatabase } from '../../../src/sca/osv/db.ts';
import { matchPackages } from '../../../src/sca/osv/matcher.ts';
import { ApiSource, DatabaseSource, openAdvisorySource } from '../../../src/sca/osv/source.ts';
import type { Package } from '../../../src/sca/types.ts';
import { corpusPath, santatrackerRecords } from '../support/corpus.ts';
import { startOsvStandIn, type StandIn } from '../support/osv-stand-in.ts';

const records = santatrackerRecords();
const lock = packageLock.extract(
  'package-lock.json',
  readFileSync(
    corpusPath('lockfiles', 'package-lock-v2', 'osv-scanner-santatracker-package-lock.json'),
    'utf8',
  ),
);
const packages: Package[] = lock.packages.filter((p) => p.kind === 'registry');
let standIn: StandIn;
let cacheDir: string;
const fast = { baseDelayMs: 1, maxDelayMs: 5, random: () => 1 };

beforeAll(async () => {
  standIn = await startOsvStandIn(records);
  cacheDir = mkdtempSync(join(tmpdir(), 'vigil-api-'));
});
afterAll(async () => {
  await standIn.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

function reset() {
  standIn.requests.length = 0;
  standIn.batches.length = 0;
  standIn.failures.length = 0;
}

describe('OSV API client against a local stand-in', () => {
  it('queries in batches of at most 1,000 and fetches each record once', async () => {
    reset();
    const queries = [
      ...packages,
      ...packages.map((p) => ({ ...p, version: '0.0.1' })),
      ...packages.map((p) => ({ ...p, version: '0.0.2' })),
    ];
    const progress: string[] = [];
    const client = new OsvApiClient({
      baseUrl: standIn.url,
      ...fast,
      progress: (stage, done, total) => progress.push(`${stage} ${done}/${total}`),
    });
    const refs = await client.queryBatch(queries);
    expect(queries.length).toBeGreaterThan(1900);
    expect(standIn.batches.map((b) => b.queries.length)).toEqual([1000, queries.length - 1000]);
    const ids = new Set(refs.flat().map((r) => r.id));
    const vulns = await client.getVulns(refs.flat());
    expect(vulns.size).toBe(ids.size);
    expect(standIn.requests.filter((r) => r.startsWith('GET')).length).toBe(ids.size);
    expect(progress).toContain(`query ${queries.length}/${queries.length}`);
    expect(progress).toContain(`fetch ${ids.size}/${ids.size}`);
  });

  it('follows next_page_token until every page is read', async () => {
    const paged = await startOsvStandIn(records, { pageSize: 1 });
    try {
      const client = new OsvApiClient({ baseUrl: paged.url, ...fast });
      const lodash = packages.find((p) => p.name === 'lodash')!;
      const [refs] = await client.queryBatch([lodash]);
      expect(refs!.map((r) => r.id).sort()).toEqual(['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm']);
      expect(paged.batches.length).toBe(2);
      expect(paged.batches[1]!.queries).toEqual([expect.objectContaining({ page_token: '1' })]);
    } finally {
      await paged.close();
    }
  });

  it('retries 429, 5xx and dropped connections with backoff, then succeeds', async () => {
    reset();
    standIn.failures.push({ status: 503 }, { status: 429, retryAfter: '0' }, 'reset', { status: 502 });
    const client = new OsvApiClient({ baseUrl: standIn.url, ...fast });
    const record = await client.getVuln({ id: 'GHSA-29mw-wpgm-hmr9' });
    expect(record.id).toBe('GHSA-29mw-wpgm-hmr9');
    expect(standIn.requests.length).toBe(5);
  });

  it('gives up after its retries with an error naming the URL and attempts', async () => {
    reset();
    standIn.failures.push(...Array.from({ length: 4 }, () => ({ status: 500 })));
    const client = new OsvApiClient({ baseUrl: standIn.url, ...fast, retries: 3 });
    await expect(client.getVuln({ id: 'GHSA-29mw-wpgm-hmr9' })).rejects.toThrow(
      /vulns\/GHSA-29mw-wpgm-hmr9: HTTP 500 \(after 4 attempts\)/,
    );
  });

  it('does not retry 501 or a 4xx such as 409 or 422: asking again cannot change them', async () => {
    for (const status of [501, 409, 422, 400]) {
      reset();
      standIn.failures.push({ status }, { status });
      const client = new OsvApiClient({ baseUrl: standIn.url, ...fast });
      await expect(client.getVuln({ id: 'GHSA-29mw-wpgm-hmr9' })).rejects.toThrow(`HTTP ${status}`);
      expect(standIn.requests.length).toBe(1);
    }
  });

  it('the stand-in answers 500 naming a record it cannot evaluate, rather than "no advisories"', async () => {
    const maven = {
      id: 'GHSA-mvn0-0000-0000',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'Maven', name: 'g:a' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
        },
      ],
    };
    const odd = await startOsvStandIn([maven]);
    try {
      const ask = (ecosystem: string) =>
        fetch(`${odd.url}/v1/querybatch`, {
          method: 'POST',
          body: JSON.stringify({ queries: [{ package: { ecosystem, name: 'g:a' }, version: '1.0' }] }),
        });
      const refused = await ask('Maven');
      expect(refused.status).toBe(500);
      expect(((await refused.json()) as { message: string }).message).toMatch(
        /GHSA-mvn0-0000-0000: the OSV stand-in has no version order for ecosystem "Maven"/,
      );
      expect(await (await ask('npm')).json()).toEqual({ results: [{}] });
    } finally {
      await odd.close();
    }
  });

  it('does not retry other client errors, and rejects broken JSON and unsafe ids', async () => {
    reset();
    const client = new OsvApiClient({ baseUrl: standIn.url, ...fast });
    await expect(client.getVuln({ id: 'NOPE-1' })).rejects.toThrow(/HTTP 404/);
    expect(standIn.requests.length).toBe(1);
    standIn.failures.push('garbage');
    await expect(client.queryBatch([packages[0]!])).rejects.toThrow(OsvApiError);
    await expect(client.getVuln({ id: '../../etc/passwd' })).rejects.toThrow(/refusing advisory id/);
  });

  it('caches query results and records on disk until the TTL passes', async () => {
    reset();
    const lodash = packages.find((p) => p.name === 'lodash')!;
    const first = new OsvApiClient({ baseUrl: standIn.url, cacheDir, ...fast });
    const refs = (await first.queryBatch([lodash]))[0]!;
    await first.getVulns(refs);
    const seen = standIn.requests.length;
    const second = new OsvApiClient({ baseUrl: standIn.url, cacheDir, ...fast });
    await second.getVulns((await second.queryBatch([lodash]))[0]!);
    expect(standIn.requests.length).toBe(seen);
    const stale = new OsvApiClient({ baseUrl: standIn.url, cacheDir, ttlMs: -1, ...fast });
    await stale.getVulns((await stale.queryBatch([lodash]))[0]!);
    expect(standIn.requests.length).toBe(seen * 2);
  });
});

describe('advisory sources', () => {
  // The stand-in decides matches with test/support/osv-eval, not vigil's matcher: two implementations.
  it('the API and the offline database give the same matches', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-src-'));
    try {
      const db = AdvisoryDatabase.open(join(dir, 'osv.db'), { create: true });
      await db.importEntries(
        'bundle',
        records.map((r) => ({ name: r.id, text: JSON.stringify(r) })),
      );
      const fromDb = await matchPackages(packages, new DatabaseSource(db));
      const fromApi = await matchPackages(
        packages,
        new ApiSource(new OsvApiClient({ baseUrl: standIn.url, ...fast })),
      );
      const key = (m: { package: Package; ids: string[] }) =>
        `${m.package.name}@${m.package.version} ${m.ids.join(',')}`;
      expect(fromApi.matches.map(key).sort()).toEqual(fromDb.matches.map(key).sort());
      expect(fromDb.matches.length).toBeGreaterThan(60);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skips an advisory the API serves malformed, with a diagnostic, and matches the rest', async () => {
    reset();
    const lodash = packages.find((p) => p.name === 'lodash')!;
    const ws = packages.find((p) => p.name === 'ws')!;
    const source = new ApiSource(new OsvApiClient({ baseUrl: standIn.url, ...fast, concurrency: 1 }));
    // the querybatch answers normally; this record comes back without "modified"
    standIn.failures.push({
      body: '{"id": "GHSA-29mw-wpgm-hmr9", "affected": []}',
      path: '/v1/vulns/GHSA-29mw-wpgm-hmr9',
    });
    const { matches, diagnostics } = await matchPackages([lodash, ws], source);
    expect(diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(
        /advisory skipped: .*vulns\/GHSA-29mw-wpgm-hmr9 \(GHSA-29mw-wpgm-hmr9\): missing string "modified"/,
      ),
    ]);
    expect(matches.map((m) => m.ids[0]).sort()).toEqual([
      'GHSA-35jh-r3h4-6jhm',
      'GHSA-3h5v-q93c-6h6q',
      'GHSA-6fc8-4gx4-v693',
    ]);
  });

  it('offline with no database says what to do and opens nothing', () => {
    const opened = openAdvisorySource({ offline: true, cacheDir: join(tmpdir(), 'vigil-no-such-dir') });
    expect(opened.source).toBeUndefined();
    expect(opened.diagnostics[0]!.message).toMatch(
      /offline, and no local advisory database at .*vigil db update/,
    );
  });

  it('falls back to the local database when the API cannot be reached', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-fb-'));
    try {
      const db = AdvisoryDatabase.open(join(dir, 'osv.db'), { create: true });
      await db.importEntries(
        'bundle',
        records.map((r) => ({ name: r.id, text: JSON.stringify(r) })),
      );
      db.close();
      const down = await startOsvStandIn([]);
      await down.close(); // nothing listens on this port any more
      const source = openAdvisorySource({
        cacheDir: dir,
        apiUrl: down.url,
        api: { ...fast, retries: 1 },
      }).source!;
      const { matches, diagnostics } = await matchPackages(packages, source);
      expect(matches.length).toBeGreaterThan(60);
      expect(
        diagnostics.some((d) => /OSV API unavailable .* using the local advisory database/.test(d.message)),
      ).toBe(true);
      source.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
