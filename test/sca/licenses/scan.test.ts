import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.ts';
import { collectInventory, walkInventoryFiles } from '../../../src/sca/inventory.ts';
import { buildSbom } from '../../../src/sca/sbom.ts';
import { scaScanner } from '../../../src/sca/scanner.ts';
import { runCli } from '../../cli/helpers.ts';
import { offlineProject, type OfflineProject } from '../support/offline-project.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const LOCK = readFileSync(join(FIXTURES, 'app/package-lock.json'), 'utf8');
const POLICY = { allow: ['MIT', 'ISC', 'Apache-2.0', 'GPL-3.0'], deny: ['GPL-3.0'] };
const CONFIG = 'licenses:\n  allow: [MIT, ISC, Apache-2.0, GPL-3.0]\n  deny: [GPL-3.0]\n';

let project: OfflineProject;

beforeAll(async () => {
  project = await offlineProject({ 'app/package-lock.json': LOCK, '.vigil.yml': CONFIG }, []);
  mkdirSync(join(project.root, 'app/node_modules/silent'), { recursive: true });
  copyFileSync(
    join(FIXTURES, 'silent-package.json'),
    join(project.root, 'app/node_modules/silent/package.json'),
  );
});
afterAll(() => project.remove());

function byPackage(findings: readonly Pick<Finding, 'ruleId' | 'package'>[]): Record<string, string> {
  return Object.fromEntries(
    findings.filter((f) => f.ruleId.startsWith('sca/license-')).map((f) => [f.package!.name, f.ruleId]),
  );
}

describe('licence policy in the SCA scanner', () => {
  it('judges lockfile licences, falls back to node_modules, and reports the rest', async () => {
    const { findings, rules } = await scaScanner.run(project.context({ licenses: POLICY }));
    expect(byPackage(findings)).toEqual({
      both: 'sca/license-denied', // MIT AND GPL-3.0
      'gpl-only': 'sca/license-denied', // GPL-3.0-only, covered by the denied GPL-3.0
      odd: 'sca/license-unknown', // SEE LICENSE IN …
    });
    // dual (MIT OR GPL-3.0) passes through MIT; silent is ISC in node_modules; plain is Apache-2.0
    const both = findings.find((f) => f.package?.name === 'both')!;
    expect(both.message).toBe(
      'both 2.0.0 is licensed MIT AND GPL-3.0 (from the lockfile): every way to comply needs GPL-3.0, which the policy denies.',
    );
    expect(both.location).toMatchObject({ path: 'app/package-lock.json', startLine: 25 });
    expect(both.severity).toBe('high');
    expect(rules.map((r) => r.id)).toEqual([
      'sca/license-denied',
      'sca/license-not-allowed',
      'sca/license-unknown',
    ]);
  });

  it('reports unknown licences only with an allow list, and nothing without a policy', async () => {
    const denyOnly = await scaScanner.run(project.context({ licenses: { deny: ['GPL-3.0'] } }));
    expect(byPackage(denyOnly.findings)).toEqual({
      both: 'sca/license-denied',
      'gpl-only': 'sca/license-denied',
    });
    const none = await scaScanner.run(project.context({}));
    expect(byPackage(none.findings)).toEqual({});
    expect(none.rules.some((r) => r.id.startsWith('sca/license-'))).toBe(false);
  });

  it('flags a licence missing from the allow list', async () => {
    const { findings } = await scaScanner.run(project.context({ licenses: { allow: ['MIT', 'ISC'] } }));
    expect(byPackage(findings)).toMatchObject({
      plain: 'sca/license-not-allowed',
      both: 'sca/license-not-allowed',
    });
    expect(byPackage(findings).dual).toBeUndefined();
  });

  it('refuses a policy entry that is not an SPDX identifier, making the run incomplete', async () => {
    const { findings, diagnostics } = await scaScanner.run(
      project.context({ licenses: { allow: ['MIT or whatever'] } }),
    );
    expect(byPackage(findings)).toEqual({});
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        level: 'error',
        incomplete: true,
        message: 'licenses.allow: "MIT or whatever" is not a single SPDX licence identifier',
      }),
    );
  });
});

describe('node_modules fallback', () => {
  it('takes the installed copy only at the locked version, never through a link, and names a broken one', async () => {
    const other = await offlineProject({ 'package-lock.json': LOCK }, []);
    try {
      const nm = join(other.root, 'node_modules');
      mkdirSync(join(nm, 'silent'), { recursive: true });
      writeFileSync(
        join(nm, 'silent/package.json'),
        '{ "name": "silent", "version": "9.9.9", "license": "ISC" }',
      );
      mkdirSync(join(nm, 'odd'));
      writeFileSync(join(nm, 'odd/package.json'), '{ "name": "odd", "versi');
      const walked = await walkInventoryFiles(other.root);
      const inventory = await collectInventory(other.root, walked.files);
      const pkg = (name: string) => inventory.packages.find((p) => p.name === name)!;
      expect(pkg('silent').license).toBeUndefined(); // 9.9.9 is not the locked 1.0.0
      expect(pkg('odd').license).toBe('SEE LICENSE IN LICENSE.txt'); // the lockfile's wins
      expect(inventory.diagnostics).toEqual([]);
      // a package without a lockfile licence, whose installed manifest is broken
      writeFileSync(join(nm, 'silent/package.json'), '{ "name": "silent", "vers');
      const again = await collectInventory(other.root, walked.files);
      expect(again.diagnostics).toEqual([
        expect.objectContaining({
          level: 'note',
          path: 'node_modules/silent/package.json',
          message: expect.stringMatching(
            /^node_modules\/silent\/package\.json: not valid JSON .*; the licence of silent stays unknown$/,
          ),
        }),
      ]);
      // a linked package folder is not followed, though its manifest would match
      mkdirSync(join(other.root, 'outside'));
      writeFileSync(join(other.root, 'outside/package.json'), '{ "version": "1.0.0", "license": "WTFPL" }');
      rmSync(join(nm, 'silent'), { recursive: true });
      symlinkSync(join(other.root, 'outside'), join(nm, 'silent'));
      const linked = await collectInventory(other.root, walked.files);
      expect(linked.packages.find((p) => p.name === 'silent')!.license).toBeUndefined();
      // the same manifest in a real folder is read
      rmSync(join(nm, 'silent'));
      mkdirSync(join(nm, 'silent'));
      copyFileSync(join(other.root, 'outside/package.json'), join(nm, 'silent/package.json'));
      const real = await collectInventory(other.root, walked.files);
      expect(real.packages.find((p) => p.name === 'silent')).toMatchObject({
        license: 'WTFPL',
        licenseSource: 'node_modules',
      });
    } finally {
      other.remove();
    }
  });
});

describe('licence findings in every output', () => {
  const run = (format: string) =>
    runCli([
      'scan',
      project.root,
      '--offline',
      '--database',
      join(project.root, '.cache'),
      '--scanners',
      'sca',
      '--quiet',
      '--fail-on',
      'high',
      '--format',
      format,
    ]);

  it('JSON and SARIF carry the rule, the package and the licence', async () => {
    const json = await run('json');
    expect(json.code).toBe(1); // sca/license-denied is high
    const report = JSON.parse(json.stdout) as { findings: Finding[] };
    expect(byPackage(report.findings)).toEqual({
      both: 'sca/license-denied',
      'gpl-only': 'sca/license-denied',
      odd: 'sca/license-unknown',
    });
    const sarif = JSON.parse((await run('sarif')).stdout) as {
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; properties?: Record<string, unknown> }[];
      }[];
    };
    const results = sarif.runs[0]!.results.filter((r) => r.ruleId.startsWith('sca/license-'));
    expect(results.map((r) => r.ruleId).sort()).toEqual([
      'sca/license-denied',
      'sca/license-denied',
      'sca/license-unknown',
    ]);
    expect(sarif.runs[0]!.tool.driver.rules.map((r) => r.id)).toContain('sca/license-denied');
  });

  it('text, Markdown and HTML name the package and the denied licence', async () => {
    for (const format of ['text', 'markdown', 'html']) {
      const { stdout } = await run(format);
      expect(stdout, format).toContain('sca/license-denied');
      expect(stdout, format).toContain('every way to comply needs GPL-3.0');
    }
  });

  it('the SBOM carries each licence as CycloneDX writes it', async () => {
    const walked = await walkInventoryFiles(project.root);
    const inventory = await collectInventory(project.root, walked.files);
    const bom = buildSbom(inventory.inventories, { name: 'app' });
    const licenses = Object.fromEntries(bom.components.map((c) => [c.name, c.licenses]));
    expect(licenses).toEqual({
      both: [{ expression: 'MIT AND GPL-3.0' }],
      dual: [{ expression: 'MIT OR GPL-3.0' }],
      'gpl-only': [{ license: { id: 'GPL-3.0-only' } }],
      odd: [{ license: { name: 'SEE LICENSE IN LICENSE.txt' } }],
      plain: [{ license: { id: 'Apache-2.0' } }],
      silent: [{ license: { id: 'ISC' } }],
    });
  });
});
