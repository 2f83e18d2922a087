import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftFinding } from '../../../src/core/finding.ts';
import { scaScanner } from '../../../src/sca/scanner.ts';
import { runCli } from '../../cli/helpers.ts';
import { offlineProject, type OfflineProject } from '../support/offline-project.ts';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
const RECORDS = ['osv-extracted/npm/GHSA-35jh-r3h4-6jhm.json', 'osv-extracted/npm/GHSA-29mw-wpgm-hmr9.json'];
const TEMPLATE = 'GHSA-35jh-r3h4-6jhm'; // CVE-2021-23337
const TO_NUMBER = 'GHSA-29mw-wpgm-hmr9'; // CVE-2020-28500

let project: OfflineProject | undefined;
afterEach(() => project?.remove());

async function scan(files: Record<string, string>, vexFiles?: { path: string; abs: string }[]) {
  project = await offlineProject({ 'package-lock.json': fixture('package-lock.json'), ...files }, RECORDS);
  const context = project.context();
  if (vexFiles) context.options.vexFiles = vexFiles.map((f) => ({ ...f, abs: join(project!.root, f.abs) }));
  return scaScanner.run(context);
}
const byRule = (findings: DraftFinding[]) => Object.fromEntries(findings.map((f) => [f.ruleId, f]));

describe('VEX in the SCA scanner', () => {
  it('suppresses by alias from .openvex.json, notes under_investigation, ignores another version', async () => {
    const { findings, diagnostics } = await scan({ '.openvex.json': fixture('openvex.json') });
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    const f = byRule(findings);
    expect(f[TEMPLATE]!.suppression).toEqual({
      kind: 'vex',
      justification: 'VEX not_affected: vulnerable_code_not_in_execute_path: _.template is never called',
      location: { path: '.openvex.json', startLine: 9, startColumn: 1, endLine: 9, endColumn: 1 },
    });
    // the lodash@4.17.19 statement does not apply; the later under_investigation one is noted
    expect(f[TO_NUMBER]!.suppression).toBeUndefined();
    expect(f[TO_NUMBER]!.message).toMatch(
      /A VEX statement in \.openvex\.json says it is under investigation\.$/,
    );
    expect(f[TO_NUMBER]!.properties).toMatchObject({
      vexStatus: 'under_investigation',
      vexDocument: '.openvex.json',
    });
  });

  it('reads CycloneDX VEX from .vex/: false_positive suppresses, exploitable changes nothing', async () => {
    const { findings } = await scan({ '.vex/lodash.json': fixture('cyclonedx-vex.json') });
    const f = byRule(findings);
    expect(f[TO_NUMBER]!.suppression).toMatchObject({
      kind: 'vex',
      justification: 'VEX not_affected: code_not_reachable: toNumber, trim and trimEnd never see user input',
      location: { path: '.vex/lodash.json' },
    });
    expect(f[TEMPLATE]!.suppression).toBeUndefined();
    expect(f[TEMPLATE]!.properties?.vexStatus).toBeUndefined();
  });

  it('takes --vex files; a later document supersedes an earlier one', async () => {
    // .vex/ is read first, then --vex: cyclonedx's exploitable (affected) for CVE-2021-23337 wins
    const { findings } = await scan(
      { '.openvex.json': fixture('openvex.json'), 'vex/cdx.json': fixture('cyclonedx-vex.json') },
      [{ path: 'vex/cdx.json', abs: 'vex/cdx.json' }],
    );
    const f = byRule(findings);
    expect(f[TEMPLATE]!.suppression).toBeUndefined();
    expect(f[TO_NUMBER]!.suppression).toMatchObject({ kind: 'vex', location: { path: 'vex/cdx.json' } });
  });

  it('a malformed document is an error naming it; the others still count', async () => {
    const { findings, diagnostics } = await scan({
      '.openvex.json': fixture('openvex.json'),
      '.vex/broken.json': fixture('cyclonedx-vex.json').slice(0, 300),
      '.vex/other.json': '{"hello": "world"}',
    });
    expect(diagnostics.filter((d) => d.level === 'error').map((d) => [d.path, d.message])).toEqual([
      [
        '.vex/broken.json',
        expect.stringMatching(/^\.vex\/broken\.json: not valid JSON .*; its statements are not honoured$/),
      ],
      ['.vex/other.json', expect.stringMatching(/^\.vex\/other\.json: neither an OpenVEX document/)],
    ]);
    expect(byRule(findings)[TEMPLATE]!.suppression?.kind).toBe('vex');
  });

  it('the PR base’s documents judge a trusted scan, and an edit is told it takes effect after merge', async () => {
    project = await offlineProject(
      { 'package-lock.json': fixture('package-lock.json'), '.openvex.json': fixture('openvex.json') },
      RECORDS,
    );
    const context = project.context();
    context.options.trustedIgnoreFiles = { judge: 'the base commit abc1234', files: {} };
    const { findings, diagnostics } = await scaScanner.run(context);
    expect(byRule(findings)[TEMPLATE]!.suppression).toBeUndefined();
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        level: 'note',
        path: '.openvex.json',
        message:
          'this change edits .openvex.json: VEX statements were taken from the base commit abc1234; the new ones take effect after merge',
      }),
    );
    context.options.trustedIgnoreFiles = {
      judge: 'the base commit abc1234',
      files: { '.vex/base.json': fixture('cyclonedx-vex.json') },
    };
    const again = await scaScanner.run(context);
    expect(byRule(again.findings)[TO_NUMBER]!.suppression).toMatchObject({
      location: { path: '.vex/base.json' },
    });
  });
});

describe('VEX in the reports', () => {
  it('SARIF carries the suppression with its justification; --vex names a missing file', async () => {
    project = await offlineProject(
      { 'package-lock.json': fixture('package-lock.json'), '.openvex.json': fixture('openvex.json') },
      RECORDS,
    );
    const args = [
      'scan',
      project.root,
      '--offline',
      '--database',
      join(project.root, '.cache'),
      '--scanners',
      'sca',
      '--quiet',
    ];
    const sarif = JSON.parse((await runCli([...args, '--format', 'sarif'])).stdout) as {
      runs: { results: { ruleId: string; suppressions?: unknown[] }[] }[];
    };
    const result = sarif.runs[0]!.results.find((r) => r.ruleId === TEMPLATE)!;
    expect(result.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'VEX not_affected: vulnerable_code_not_in_execute_path: _.template is never called',
        location: {
          physicalLocation: expect.objectContaining({
            artifactLocation: expect.objectContaining({ uri: '.openvex.json' }),
          }),
        },
      },
    ]);
    const text = await runCli([...args, '--show-suppressed']);
    expect(text.stdout).toContain('suppressed (vex): VEX not_affected');
    const missing = await runCli([...args, '--vex', 'nowhere.json'], { cwd: project.root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--vex nowhere.json: no such file');
  });
});
