import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaScanner } from '../../src/sca/scanner.ts';
import { offlineProject, type OfflineProject } from './support/offline-project.ts';

/**
 * Go's standard library as osv-scanner reads it from go.mod: `go 1.19` is taken as 1.19.0, and
 * `sca.goVersion` names the release that really builds the module. GO-2022-1144 (a real record,
 * see the corpus MANIFEST.tsv) affects stdlib 1.19.0 up to 1.19.4.
 */

let project: OfflineProject;

beforeAll(async () => {
  project = await offlineProject({ 'go.mod': 'module example.com/app\n\ngo 1.19\n' }, [
    'osv-extracted/Go/GO-2022-1144.json',
  ]);
});
afterAll(() => project.remove());

describe('Go standard library', () => {
  it('a go 1.19 directive reports stdlib 1.19.0 advisories, with a note saying how it was read', async () => {
    const { findings, diagnostics } = await scaScanner.run(project.context());
    expect(
      findings.map((f) => [f.ruleId, f.package?.name, f.package?.version, f.package?.fixedVersion]),
    ).toEqual([['GO-2022-1144', 'stdlib', '1.19.0', '1.19.4']]);
    expect(diagnostics.map((d) => [d.level, d.path, d.line, d.message])).toContainEqual([
      'note',
      'go.mod',
      3,
      expect.stringContaining('stdlib taken as Go 1.19.0 from the language version "go 1.19"'),
    ]);
  });

  it('sca.goVersion names the release that builds the module', async () => {
    const fixed = await scaScanner.run(project.context({ sca: { goVersion: '1.19.4' } }));
    expect(fixed.findings).toEqual([]);
    const older = await scaScanner.run(project.context({ sca: { goVersion: 'go1.18.2' } }));
    expect(older.findings.map((f) => [f.package?.version, f.package?.fixedVersion])).toEqual([
      ['1.18.2', '1.18.9'],
    ]);
  });
});
