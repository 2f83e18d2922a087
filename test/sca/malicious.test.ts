import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaScanner } from '../../src/sca/scanner.ts';
import { maliciousId } from '../../src/sca/malicious.ts';
import { offlineProject, type OfflineProject } from './support/offline-project.ts';

/**
 * Malicious package versions (GitHub's malware advisories for color-convert 3.1.1 and debug 4.4.2,
 * both aliased to OpenSSF MAL- records; real records from the corpus copy, see its MANIFEST.tsv)
 * next to an ordinary advisory (lodash): the first are "malicious", critical, remove and rotate;
 * the second stays an upgrade.
 */

const RECORDS = ['GHSA-pxx3-g568-hxr4', 'GHSA-4x49-vf9v-38px', 'GHSA-35jh-r3h4-6jhm'];
const LOCK = {
  name: 'app',
  version: '1.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': {
      name: 'app',
      version: '1.0.0',
      dependencies: { 'color-convert': '^3.1.0', debug: '^4.4.0', lodash: '^4.17.0' },
    },
    'node_modules/color-convert': {
      version: '3.1.1',
      resolved: 'https://registry.npmjs.org/color-convert/-/color-convert-3.1.1.tgz',
    },
    'node_modules/debug': {
      version: '4.4.2',
      resolved: 'https://registry.npmjs.org/debug/-/debug-4.4.2.tgz',
    },
    'node_modules/lodash': {
      version: '4.17.20',
      resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.20.tgz',
    },
  },
};

let project: OfflineProject;

beforeAll(async () => {
  project = await offlineProject(
    { 'package-lock.json': JSON.stringify(LOCK, null, 2) },
    RECORDS.map((id) => `osv-extracted/npm/${id}.json`),
  );
});
afterAll(() => project.remove());

describe('malicious packages', () => {
  it('are told apart by their MAL- id or alias', () => {
    expect(maliciousId(['GHSA-pxx3-g568-hxr4', 'CVE-2025-59162', 'MAL-2025-46971'])).toBe('MAL-2025-46971');
    expect(maliciousId(['MAL-2023-462'])).toBe('MAL-2023-462');
    expect(maliciousId(['GHSA-35jh-r3h4-6jhm', 'CVE-2021-23337'])).toBeUndefined();
  });

  it('are reported as malicious and critical, with remove-and-rotate advice and no fixed version', async () => {
    const { findings, rules } = await scaScanner.run(project.context());
    const byName = new Map(findings.map((f) => [f.package!.name, f]));
    for (const [name, version, mal] of [
      ['color-convert', '3.1.1', 'MAL-2025-46971'],
      ['debug', '4.4.2', 'MAL-2025-46974'],
    ] as const) {
      const f = byName.get(name)!;
      expect(f.severity).toBe('critical');
      expect(f.title).toMatch(new RegExp(`^Malicious package: ${name}@${version}`));
      expect(f.message).toContain(`${name} ${version} is a malicious package version`);
      expect(f.message).toMatch(/rotate every secret/);
      expect(f.message).not.toMatch(/Fixed in/);
      expect(f.package?.fixedVersion).toBeUndefined();
      expect(f.properties?.malicious).toBe(mal);
      expect(f.fix?.description).toBe(
        `Remove ${name}@${version} and rotate the secrets of every machine that installed it`,
      );
      const rule = rules.find((r) => r.id === f.ruleId)!;
      expect(rule.severity).toBe('critical');
      expect(rule.tags).toContain('malicious');
    }
    // An ordinary advisory is still an upgrade.
    const lodash = byName.get('lodash')!;
    expect(lodash.package?.fixedVersion).toBe('4.17.21');
    expect(lodash.message).toContain('Fixed in 4.17.21');
    expect(lodash.properties?.malicious).toBeUndefined();
  });
});
