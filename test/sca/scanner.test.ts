import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentProgress, type ScanContext, type WalkedFile } from '../../src/core/scanner.ts';
import { AdvisoryDatabase } from '../../src/sca/osv/db.ts';
import { scaScanner } from '../../src/sca/scanner.ts';
import { scanners } from '../../src/scanners.ts';
import { corpusPath, santatrackerRecords } from './support/corpus.ts';
import { startOsvStandIn } from './support/osv-stand-in.ts';

let root: string;
let cacheDir: string;
const LOCK = 'app/package-lock.json';

function walked(paths: string[]): WalkedFile[] {
  return paths.map((path) => ({ path, absPath: join(root, path), size: statSync(join(root, path)).size }));
}

/** The lockfile alone: no source imports anything, so every verdict is unreachable; `keep` leaves severities as OSV gives them. */
function context(options: ScanContext['options'] = {}, files = [LOCK]): ScanContext {
  return {
    root,
    files: walked(files),
    config: { sca: { reachability: { unreachable: 'keep' } } },
    options: { offline: true, cacheDir, now: new Date('2026-01-15T00:00:00Z'), ...options },
    progress: silentProgress,
  };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'vigil-sca-'));
  cacheDir = join(root, '.cache');
  mkdirSync(join(root, 'app'));
  copyFileSync(
    corpusPath('lockfiles', 'package-lock-v2', 'osv-scanner-santatracker-package-lock.json'),
    join(root, LOCK),
  );
  const db = AdvisoryDatabase.open(join(cacheDir, 'osv.db'), { create: true });
  await db.importEntries(
    'santatracker',
    santatrackerRecords().map((r) => ({ name: r.id, text: JSON.stringify(r) })),
  );
  db.close();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('SCA scanner', () => {
  it('is registered in the scanner list', () => {
    expect(scanners).toContain(scaScanner);
  });

  it('reports one finding per advisory and package version, at the lockfile line, with the fix', async () => {
    const { findings, rules, diagnostics } = await scaScanner.run(context());
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(findings.length).toBe(65);
    const lodash = findings.filter((f) => f.package?.name === 'lodash');
    expect(lodash.map((f) => f.ruleId).sort()).toEqual(['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm']);
    const f = lodash[0]!;
    expect(f.kind).toBe('sca');
    expect(f.location.path).toBe(LOCK);
    expect(f.location.startLine).toBeGreaterThan(1);
    expect(f.package!.fixedVersion).toBe('4.17.21');
    expect(f.fix!.description).toBe('Upgrade lodash to 4.17.21: fixes 2 advisories');
    expect(f.advisoryIds!.length).toBeGreaterThan(1); // GHSA + CVE aliases
    expect(new Set(findings.map((x) => x.ruleId))).toEqual(new Set(rules.map((r) => r.id)));
    // severity comes from the computed CVSS score, not the label
    const sev = findings.find((x) => x.ruleId === 'GHSA-35jh-r3h4-6jhm')!;
    expect(sev.properties).toMatchObject({ severitySource: 'CVSS_V3', cvssScore: 7.2 });
    expect(sev.severity).toBe('high');
  });

  it('marks unfixable advisories and major upgrades', async () => {
    const { findings } = await scaScanner.run(context());
    const request = findings.find((f) => f.ruleId === 'GHSA-p8p7-x288-28g6')!;
    expect(request.package!.fixedVersion).toBeUndefined();
    expect(request.message).toMatch(/No fixed version is named; 2\.88\.2 is the last affected version/);
    const datGui = findings.find((f) => f.ruleId === 'GHSA-chwr-hf3w-c984')!;
    expect(datGui.message).toMatch(/0\.7\.7 is the last affected version/);
    expect(datGui.fix!.description).toBe('Upgrade dat.gui past 0.7.7 (the last affected version)');
    const forge = findings.filter((f) => f.package?.name === 'node-forge');
    expect(forge.some((f) => f.properties?.upgrade === 'major')).toBe(true);
  });

  it('--prod-only drops dev-only packages', async () => {
    const all = await scaScanner.run(context());
    const prod = await scaScanner.run(context({ prodOnly: true }));
    expect(prod.findings.length).toBeLessThan(all.findings.length);
    expect(prod.findings.every((f) => f.package!.dev === false)).toBe(true);
  });

  it('honours osv-scanner.toml IgnoredVulns and reports expired entries', async () => {
    writeFileSync(
      join(root, 'osv-scanner.toml'),
      [
        '[[IgnoredVulns]]',
        'id = "CVE-2021-23337"',
        'ignoreUntil = 2030-01-01',
        'reason = "not reachable from our code"',
        '',
        '[[IgnoredVulns]]',
        'id = "GHSA-29mw-wpgm-hmr9"',
        'ignoreUntil = 2025-01-01',
        'reason = "was waiting for upstream"',
      ].join('\n'),
    );
    try {
      const { findings } = await scaScanner.run(context());
      const byId = (id: string) => findings.find((f) => f.ruleId === id)!;
      // ignored by its CVE alias
      expect(byId('GHSA-35jh-r3h4-6jhm').suppression).toMatchObject({
        kind: 'ignore-file',
        justification: 'not reachable from our code',
        location: { path: 'osv-scanner.toml', startLine: 1 },
      });
      expect(byId('GHSA-29mw-wpgm-hmr9').suppression).toBeUndefined();
      const expired = findings.find((f) => f.ruleId === 'vigil/expired-ignore')!;
      expect(expired.location).toMatchObject({ path: 'osv-scanner.toml', startLine: 6 });
    } finally {
      rmSync(join(root, 'osv-scanner.toml'));
    }
  });

  it('reports a bad osv-scanner.toml and still scans', async () => {
    writeFileSync(join(root, 'app', 'osv-scanner.toml'), '[[IgnoredVulns]]\nid = \n');
    try {
      const { findings, diagnostics } = await scaScanner.run(context());
      expect(findings.length).toBe(65);
      expect(diagnostics.find((d) => d.path === 'app/osv-scanner.toml')!.message).toMatch(
        /app\/osv-scanner\.toml:\d+: not valid TOML/,
      );
    } finally {
      rmSync(join(root, 'app', 'osv-scanner.toml'));
    }
  });

  it('uses the database named by sca.database (a directory in the tree) without going online', async () => {
    mkdirSync(join(root, 'dbdir'));
    copyFileSync(join(cacheDir, 'osv.db'), join(root, 'dbdir', 'osv.db'));
    const ctx = {
      ...context({ offline: false, cacheDir: join(root, 'empty-cache') }),
      config: { sca: { database: 'dbdir' } },
    };
    const { findings, diagnostics } = await scaScanner.run(ctx);
    expect(diagnostics.filter((d) => d.level !== 'note')).toEqual([]);
    expect(findings.length).toBe(65);
    expect(findings.every((f) => f.properties?.advisorySource === 'osv-db')).toBe(true);
  });

  it('online, with the API refusing and no database, says so and does not throw', async () => {
    const api = await startOsvStandIn([]);
    try {
      api.failures.push({ status: 400 }); // not retried: fails at once
      const ctx = {
        ...context({ offline: false, cacheDir: join(root, 'empty-cache') }),
        config: { sca: { apiUrl: api.url } },
      };
      const { findings, diagnostics } = await scaScanner.run(ctx);
      expect(findings).toEqual([]);
      expect(diagnostics).toEqual([
        expect.objectContaining({
          level: 'error',
          source: 'sca',
          message: expect.stringMatching(
            /SCA skipped: no advisory source could be read \(POST .*querybatch: HTTP 400\)/,
          ),
        }),
      ]);
    } finally {
      await api.close();
    }
  });

  it('offline without a database says so and does not throw', async () => {
    const { findings, diagnostics } = await scaScanner.run(context({ cacheDir: join(root, 'empty-cache') }));
    expect(findings).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        level: 'error',
        source: 'sca',
        message: expect.stringMatching(/no local advisory database/),
      }),
    ]);
  });

  it('does not open any source when there are no lockfiles', async () => {
    writeFileSync(join(root, 'README.md'), 'nothing here');
    const { findings, diagnostics } = await scaScanner.run(
      context({ cacheDir: join(root, 'empty-cache') }, ['README.md']),
    );
    expect(findings).toEqual([]);
    expect(diagnostics).toEqual([]);
  });
});
