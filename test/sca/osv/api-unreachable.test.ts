import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScan } from '../../../src/core/scan.ts';
import { OsvApiClient } from '../../../src/sca/osv/api.ts';
import { npmProject, santatrackerRecords } from '../support/corpus.ts';
import { startOsvStandIn, type StandIn } from '../support/osv-stand-in.ts';

let dir: string;
/** A stand-in that was started and closed again: nothing listens on its port (ECONNREFUSED). */
let closedUrl: string;
let live: StandIn;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-api-unreachable-'));
  const closed = await startOsvStandIn([]);
  closedUrl = closed.url;
  await closed.close();
  live = await startOsvStandIn(santatrackerRecords());
});
afterAll(async () => {
  await live.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The real fetch, counted. */
function countingFetch(): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  return {
    fetch: (input, init) => {
      calls++;
      return fetch(input, init);
    },
    calls: () => calls,
  };
}

const fast = { baseDelayMs: 1, maxDelayMs: 5, random: () => 1 };

describe('OSV API client when the host cannot be reached', () => {
  it('retries a refused connection once, not with the full backoff', async () => {
    const counted = countingFetch();
    const client = new OsvApiClient({ baseUrl: closedUrl, ...fast, retries: 4, fetch: counted.fetch });
    await expect(client.getVuln({ id: 'GHSA-29mw-wpgm-hmr9' })).rejects.toThrow(
      /vulns\/GHSA-29mw-wpgm-hmr9: fetch failed \(ECONNREFUSED\) \(after 2 attempts\)/,
    );
    expect(counted.calls()).toBe(2);
  });

  it('retries a name that does not resolve once', async () => {
    // `.invalid` never resolves (RFC 2606): ENOTFOUND, or EAI_AGAIN without a resolver
    const counted = countingFetch();
    const client = new OsvApiClient({
      baseUrl: 'http://osv.invalid',
      ...fast,
      retries: 4,
      fetch: counted.fetch,
    });
    await expect(
      client.queryBatch([{ ecosystem: 'npm', name: 'lodash', version: '4.17.15' }]),
    ).rejects.toThrow(/querybatch: fetch failed \((ENOTFOUND|EAI_AGAIN)\) \(after 2 attempts\)/);
    expect(counted.calls()).toBe(2);
  });

  it('keeps the full backoff for 5xx and dropped connections', async () => {
    live.failures.push({ status: 503 }, 'reset', { status: 502 }, 'reset');
    const counted = countingFetch();
    const client = new OsvApiClient({ baseUrl: live.url, ...fast, retries: 4, fetch: counted.fetch });
    expect((await client.getVuln({ id: 'GHSA-29mw-wpgm-hmr9' })).id).toBe('GHSA-29mw-wpgm-hmr9');
    expect(counted.calls()).toBe(5);
  });

  it('lets `vigil scan` say at once that SCA was skipped, with the default retry settings', async () => {
    const root = npmProject(join(dir, 'app'), 'osv-scanner-santatracker-package-lock.json');
    const result = await runScan({
      root,
      config: { sca: { apiUrl: closedUrl } },
      // an empty cache directory: no local database to fall back on
      options: { cacheDir: join(dir, 'cache') },
      select: { scanners: ['sca'] },
    });
    expect(result.findings).toEqual([]);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        level: 'error',
        source: 'sca',
        message: expect.stringMatching(/^SCA skipped: .*ECONNREFUSED\) \(after 2 attempts\)/),
      }),
    );
  });
});
