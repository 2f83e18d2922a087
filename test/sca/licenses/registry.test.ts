import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRegistryLicenses } from '../../../src/sca/licenses/registry.ts';
import { scaScanner } from '../../../src/sca/scanner.ts';
import { offlineProject } from '../support/offline-project.ts';
import { RegistryClient } from '../../../src/sca/plan/packument.ts';
import type { Package } from '../../../src/sca/types.ts';
import { startRegistry, type LocalRegistry } from '../plan/support/verdaccio.ts';

let registry: LocalRegistry;
let cacheDir: string;
beforeAll(async () => {
  registry = await startRegistry();
  cacheDir = mkdtempSync(join(tmpdir(), 'vigil-licence-cache-'));
  await registry.publish({ name: 'silent', version: '1.0.0', license: 'ISC' });
  await registry.publish({ name: '@scope/legacy', version: '2.0.0', license: '(MIT OR Apache-2.0)' });
  await registry.publish({ name: 'bare', version: '1.0.0' });
}, 60_000);
afterAll(async () => {
  await registry.stop();
  rmSync(cacheDir, { recursive: true, force: true });
});

const pkg = (name: string, version: string, extra: Partial<Package> = {}): Package => ({
  ecosystem: 'npm',
  name,
  version,
  kind: 'registry',
  direct: true,
  dev: false,
  paths: [[name]],
  source: 'yarn.lock',
  ...extra,
});

describe('licences from the registry (a real Verdaccio on 127.0.0.1)', () => {
  it('fills in what the lockfile and node_modules lacked, from the locked version’s metadata', async () => {
    const packages = [
      pkg('silent', '1.0.0'),
      pkg('@scope/legacy', '2.0.0'),
      pkg('bare', '1.0.0'), // published without a licence
      pkg('missing', '1.0.0'), // not in the registry
      pkg('silent', '9.9.9'), // a version the registry lacks
      pkg('kept', '1.0.0', { license: 'MIT', licenseSource: 'lockfile' }),
    ];
    const client = new RegistryClient({ registry: registry.url, cacheDir });
    expect(await attachRegistryLicenses(packages, client)).toEqual([]);
    expect(packages.map((p) => [p.name, p.version, p.license, p.licenseSource])).toEqual([
      ['silent', '1.0.0', 'ISC', 'registry'],
      ['@scope/legacy', '2.0.0', '(MIT OR Apache-2.0)', 'registry'],
      ['bare', '1.0.0', undefined, undefined],
      ['missing', '1.0.0', undefined, undefined],
      ['silent', '9.9.9', undefined, undefined],
      ['kept', '1.0.0', 'MIT', 'lockfile'],
    ]);
  });

  it('offline asks nothing and says the licences are unknown', async () => {
    const packages = [pkg('silent', '1.0.0')];
    expect(await attachRegistryLicenses(packages, undefined)).toEqual([
      expect.objectContaining({
        level: 'note',
        message:
          'offline: the licences of 1 npm package(s) not recorded in the lockfile or node_modules are unknown (the registry is not asked)',
      }),
    ]);
    expect(packages[0]!.license).toBeUndefined();
  });

  it('an unreachable registry is one note, never an error', async () => {
    const packages = [pkg('silent', '1.0.0'), pkg('bare', '1.0.0')];
    // a port nothing listens on: the registry was just stopped elsewhere, or never started
    const dead = await startRegistry();
    await dead.stop();
    const client = new RegistryClient({
      registry: dead.url,
      cacheDir: mkdtempSync(join(tmpdir(), 'vigil-lc-')),
    });
    const notes = await attachRegistryLicenses(packages, client);
    expect(notes).toEqual([
      expect.objectContaining({
        level: 'note',
        message: expect.stringMatching(
          /^registry http:\/\/127\.0\.0\.1:\d+ unreachable .*: the licences of 2 npm package\(s\) are unknown$/,
        ),
      }),
    ]);
  });

  it('the SCA scanner asks the registry when online, and not offline', async () => {
    const lock = {
      name: 'app',
      version: '1.0.0',
      lockfileVersion: 3,
      packages: {
        '': { name: 'app', version: '1.0.0', dependencies: { silent: '1.0.0' } },
        'node_modules/silent': { version: '1.0.0', resolved: `${registry.url}/silent/-/silent-1.0.0.tgz` },
      },
    };
    const project = await offlineProject({ 'package-lock.json': JSON.stringify(lock, null, 2) }, []);
    try {
      const licenses = { allow: ['MIT'] };
      const online = project.context({ licenses, sca: { database: join(project.root, '.cache/osv.db') } });
      online.options = { ...online.options, offline: false, registry: registry.url, cacheDir };
      const found = await scaScanner.run(online);
      expect(found.findings.map((f) => [f.ruleId, f.message])).toEqual([
        [
          'sca/license-not-allowed',
          "silent 1.0.0 is licensed ISC (from the registry's metadata): no way to comply uses allowed licences only.",
        ],
      ]);
      const offline = await scaScanner.run(project.context({ licenses }));
      expect(offline.findings.map((f) => f.ruleId)).toEqual(['sca/license-unknown']);
      expect(offline.diagnostics.map((d) => d.message)).toContain(
        'offline: the licences of 1 npm package(s) not recorded in the lockfile or node_modules are unknown (the registry is not asked)',
      );
    } finally {
      project.remove();
    }
  });
});
