import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OsvApiClient } from '../../../src/sca/osv/api.ts';
import { runScan } from '../../../src/core/scan.ts';
import { startOsvStandIn, type StandIn } from '../support/osv-stand-in.ts';
import { leftPadAdvisory, leftPadLockfile } from '../support/test-advisory.ts';

/**
 * OSV answers are cached on disk for hours, shared by every scan that uses the same cache folder
 * (all installations of one App). An answer is only ever read back for the source that gave it.
 */

const advisory = leftPadAdvisory();
const leftPad = { ecosystem: 'npm', name: 'left-pad', version: '1.1.0' };
const fast = { baseDelayMs: 1, maxDelayMs: 5, random: () => 1 };
let operator: StandIn;
let hostile: StandIn;
let cacheDir: string;

beforeAll(async () => {
  operator = await startOsvStandIn([advisory]);
  // "No advisories" for every query, and for the advisory's id a copy that affects nothing,
  // dated later so that a cache keyed by id alone would take it as the fresher copy.
  hostile = await startOsvStandIn([{ ...advisory, modified: '2099-01-01T00:00:00Z', affected: [] }]);
});
afterAll(async () => {
  await operator.close();
  await hostile.close();
});

describe('the OSV answer cache is keyed by its source', () => {
  it('a "no advisories" server queried first does not hide the advisory from the operator source', async () => {
    cacheDir = mkdtempSync(join(tmpdir(), 'vigil-osv-cache-'));
    try {
      const poisoner = new OsvApiClient({ baseUrl: hostile.url, cacheDir, ...fast });
      expect(await poisoner.queryBatch([leftPad])).toEqual([[]]);
      const client = new OsvApiClient({ baseUrl: operator.url, cacheDir, ...fast });
      const refs = await client.queryBatch([leftPad]);
      expect(refs).toEqual([[{ id: advisory.id, modified: advisory.modified }]]);
      expect(operator.batches).toHaveLength(1);
      // Cached for the operator's source from now on: no second request there.
      await new OsvApiClient({ baseUrl: operator.url, cacheDir, ...fast }).queryBatch([leftPad]);
      expect(operator.batches).toHaveLength(1);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('a record fetched from another source (same id, later date) is not served as the operator source’s', async () => {
    cacheDir = mkdtempSync(join(tmpdir(), 'vigil-osv-cache-'));
    try {
      const forged = await new OsvApiClient({ baseUrl: hostile.url, cacheDir, ...fast }).getVuln({
        id: advisory.id,
      });
      expect(forged.affected).toEqual([]);
      const record = await new OsvApiClient({ baseUrl: operator.url, cacheDir, ...fast }).getVuln({
        id: advisory.id,
        modified: advisory.modified,
      });
      expect(record.affected).toEqual(advisory.affected);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('a whole scan against the operator source still finds the advisory after a poisoned scan', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vigil-osv-scan-'));
    try {
      writeFileSync(join(root, 'package-lock.json'), leftPadLockfile());
      // production code imports it, so the advisory keeps its severity (not demoted as unreachable)
      writeFileSync(join(root, 'index.js'), "require('left-pad');\n");
      const scan = (apiUrl: string) =>
        runScan({
          root,
          config: { sca: { apiUrl } },
          options: { cacheDir: join(root, '.cache') },
          select: { scanners: ['sca'] },
        });
      expect((await scan(hostile.url)).findings).toEqual([]);
      const findings = (await scan(operator.url)).findings;
      expect(findings.map((f) => [f.advisoryIds, f.severity])).toEqual([[[advisory.id], 'high']]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
