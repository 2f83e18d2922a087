import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config/loader.ts';
import { failingFindings, isRuleEnabled, resolvePathFilters } from '../../src/core/filters.ts';
import type { DraftFinding, RuleMeta } from '../../src/core/finding.ts';
import { runScan, ScanInputError } from '../../src/core/scan.ts';
import type { ScanContext, Scanner } from '../../src/core/scanner.ts';

/**
 * A scanner written for these tests: it flags every line containing `DANGER(<rule>)` so the
 * pipeline's own behaviour (rule settings, suppressions, ignores, ordering) can be pinned down.
 */
const markerScanner: Scanner = {
  id: 'sast',
  description: 'marker scanner for pipeline tests',
  async run(context: ScanContext) {
    const findings: DraftFinding[] = [];
    const rules = new Map<string, RuleMeta>();
    for (const file of context.files) {
      const lines = (await readFile(file.absPath, 'utf8')).split('\n');
      lines.forEach((text, i) => {
        for (const m of text.matchAll(/DANGER\(([\w/-]+)(?:,(\w+))?\)/g)) {
          const ruleId = `test/${m[1]}`;
          rules.set(ruleId, { id: ruleId, kind: 'sast', title: ruleId, severity: 'high', help: 'h' });
          findings.push({
            ruleId,
            kind: 'sast',
            severity: (m[2] as DraftFinding['severity'] | undefined) ?? 'high',
            title: ruleId,
            message: `found ${ruleId}`,
            location: {
              path: file.path,
              startLine: i + 1,
              startColumn: m.index + 1,
              endLine: i + 1,
              endColumn: m.index + m[0].length + 1,
              snippet: m[0],
            },
          });
        }
      });
    }
    return { findings, diagnostics: [], rules: [...rules.values()] };
  },
};

const depScanner: Scanner = {
  id: 'sca',
  description: 'fixed dependency finding for ignore tests',
  async run() {
    return {
      findings: [
        {
          ruleId: 'sca/vulnerable-dependency',
          kind: 'sca',
          severity: 'critical',
          title: 'lodash 4.17.20',
          message: 'prototype pollution',
          advisoryIds: ['GHSA-35jh-r3h4-6jhm', 'CVE-2021-23337'],
          location: { path: 'package-lock.json', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
          package: { ecosystem: 'npm', name: 'lodash', version: '4.17.20' },
        },
      ],
      diagnostics: [],
      rules: [],
    };
  },
};

const brokenScanner: Scanner = {
  id: 'container',
  description: 'always throws',
  async run() {
    throw new Error('daemon unreachable');
  },
};

let dir: string;
async function put(rel: string, content: string): Promise<void> {
  await mkdir(dirname(join(dir, rel)), { recursive: true });
  await writeFile(join(dir, rel), content);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-scan-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const now = new Date('2026-06-15T12:00:00Z');

describe('runScan', () => {
  it('runs scanners, fingerprints and sorts most serious first', async () => {
    await put('b.ts', 'DANGER(low-one,low)\nDANGER(crit,critical)\n');
    await put('a.ts', 'ok\nDANGER(mid,medium)\n');
    const result = await runScan({ root: dir, scanners: [markerScanner], now });
    expect(result.version).toBe(1);
    expect(result.tool.name).toBe('vigil');
    expect(result.root).toBe(dir);
    expect(result.stats).toMatchObject({ files: 2, scanners: ['sast'] });
    expect(result.findings.map((f) => `${f.severity} ${f.location.path}:${f.location.startLine}`)).toEqual([
      'critical b.ts:2',
      'medium a.ts:2',
      'low b.ts:1',
    ]);
    expect(new Set(result.findings.map((f) => f.fingerprint)).size).toBe(3);
    expect(result.rules.map((r) => r.id)).toEqual([
      'test/crit',
      'test/low-one',
      'test/mid',
      'vigil/expired-ignore',
      'vigil/invalid-suppression',
    ]);
  });

  it('keeps fingerprints when unrelated lines move', async () => {
    await put('a.ts', 'DANGER(x)\n');
    const before = await runScan({ root: dir, scanners: [markerScanner] });
    await put('a.ts', '\n\n// a comment\nDANGER(x)\n');
    const after = await runScan({ root: dir, scanners: [markerScanner] });
    expect(after.findings[0]!.fingerprint).toBe(before.findings[0]!.fingerprint);
  });

  it('a scanner that throws becomes an error diagnostic; the others still run', async () => {
    await put('a.ts', 'DANGER(x)\n');
    const result = await runScan({ root: dir, scanners: [brokenScanner, markerScanner] });
    expect(result.findings).toHaveLength(1);
    expect(result.diagnostics).toContainEqual({
      level: 'error',
      source: 'container',
      message: 'scanner container failed: daemon unreachable',
      incomplete: true,
    });
    expect(result.stats.scanners).toEqual(['container', 'sast']);
  });

  it('applies rule settings: off, severity override, --rule and --exclude-rule', async () => {
    await put('a.ts', 'DANGER(a)\nDANGER(b)\nDANGER(c)\n');
    const { config } = parseConfig(
      'rules:\n  test/a: off\n  test/b: low\n  test/c: { severity: critical }\n',
      '.vigil.yml',
    );
    const result = await runScan({ root: dir, config, scanners: [markerScanner] });
    expect(result.findings.map((f) => `${f.ruleId}=${f.severity}`)).toEqual([
      'test/c=critical',
      'test/b=low',
    ]);
    expect(result.rules.find((r) => r.id === 'test/b')?.severity).toBe('low');
    expect(result.rules.some((r) => r.id === 'test/a')).toBe(false);

    const only = await runScan({
      root: dir,
      scanners: [markerScanner],
      select: { rules: { only: ['test/b'] } },
    });
    expect(only.findings.map((f) => f.ruleId)).toEqual(['test/b']);
    const excluded = await runScan({
      root: dir,
      scanners: [markerScanner],
      select: { rules: { exclude: ['test/b'] } },
    });
    expect(excluded.findings.map((f) => f.ruleId)).toEqual(['test/a', 'test/c']);
    expect(isRuleEnabled('test/a', config)).toBe(false);
    expect(isRuleEnabled('test/a', {}, { exclude: ['test/a'] })).toBe(false);
  });

  it('marks inline-suppressed findings instead of dropping them, and reports bad directives', async () => {
    await put(
      'a.ts',
      [
        '// vigil-ignore-next-line test/x -- input is a constant',
        'DANGER(x)',
        'DANGER(y) // vigil-ignore-line test/y',
      ].join('\n'),
    );
    const result = await runScan({ root: dir, scanners: [markerScanner] });
    const byRule = Object.fromEntries(result.findings.map((f) => [f.ruleId, f]));
    expect(byRule['test/x']!.suppression).toMatchObject({
      kind: 'inline',
      justification: 'input is a constant',
    });
    expect(byRule['test/y']!.suppression).toBeUndefined();
    expect(byRule['vigil/invalid-suppression']).toMatchObject({
      kind: 'config',
      severity: 'low',
      location: { path: 'a.ts', startLine: 3 },
    });
    expect(failingFindings(result.findings, 'high').map((f) => f.ruleId)).toEqual(['test/y']);
  });

  it('honours live config ignores by rule or advisory id and path; reports expired ones', async () => {
    await put('a.ts', 'DANGER(x)\n');
    await put('package-lock.json', '{}\n');
    const loaded = parseConfig(
      [
        'ignore:',
        '  - id: cve-2021-23337',
        '    reason: not reachable from our code',
        '    expires: 2026-06-15',
        '  - id: test/x',
        '    reason: legacy module',
        '    expires: 2026-06-14',
        '  - id: test/x',
        '    reason: only in b',
        '    paths: ["b.ts"]',
      ].join('\n'),
      '.vigil.yml',
      { pathInRoot: '.vigil.yml' },
    );
    const result = await runScan({ root: dir, ...loaded, scanners: [markerScanner, depScanner], now });
    const dep = result.findings.find((f) => f.ruleId === 'sca/vulnerable-dependency')!;
    expect(dep.suppression).toEqual({
      kind: 'config',
      justification: 'not reachable from our code',
      location: { path: '.vigil.yml', startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 },
    });
    const x = result.findings.find((f) => f.ruleId === 'test/x')!;
    expect(x.suppression).toBeUndefined();
    const expired = result.findings.find((f) => f.ruleId === 'vigil/expired-ignore')!;
    expect(expired).toMatchObject({
      kind: 'config',
      severity: 'low',
      location: { path: '.vigil.yml', startLine: 5 },
    });
    expect(expired.message).toContain('expired on 2026-06-14');
    expect(failingFindings(result.findings, 'high').map((f) => f.ruleId)).toEqual(['test/x']);
    expect(failingFindings(result.findings, 'none')).toEqual([]);
  });

  it('include/exclude from config and selection reach the walker', async () => {
    await put('src/a.ts', 'DANGER(x)\n');
    await put('test/a.ts', 'DANGER(x)\n');
    await put('lib/a.ts', 'DANGER(x)\n');
    const config = { exclude: ['test/**'], include: ['src/**', 'test/**'] };
    const result = await runScan({ root: dir, config, scanners: [markerScanner] });
    expect(result.findings.map((f) => f.location.path)).toEqual(['src/a.ts']);
    const cli = await runScan({
      root: dir,
      config,
      scanners: [markerScanner],
      select: { include: ['lib/**'], exclude: ['src/**'] },
    });
    expect(cli.findings.map((f) => f.location.path)).toEqual(['lib/a.ts']);
    expect(resolvePathFilters(config, { exclude: ['x'] })).toEqual({
      include: ['src/**', 'test/**'],
      exclude: ['test/**', 'x'],
    });
  });

  it('runs only the selected scanners and warns about unavailable ones', async () => {
    await put('a.ts', 'DANGER(x)\n');
    const result = await runScan({
      root: dir,
      scanners: [markerScanner, depScanner],
      select: { scanners: ['sca', 'config'] },
    });
    expect(result.stats.scanners).toEqual(['sca']);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['sca/vulnerable-dependency']);
    expect(result.diagnostics).toContainEqual({
      level: 'warning',
      source: 'scan',
      message: 'scanner "config" is not available in this build',
    });
    const fromConfig = await runScan({
      root: dir,
      config: { scanners: ['sast'] },
      scanners: [markerScanner, depScanner],
    });
    expect(fromConfig.stats.scanners).toEqual(['sast']);
  });

  it('passes options and the rule selection to scanners', async () => {
    let seen: ScanContext | undefined;
    const spy: Scanner = {
      id: 'sast',
      description: 'records its context',
      run: async (c) => ((seen = c), { findings: [], diagnostics: [], rules: [] }),
    };
    await put('a.ts', 'x\n');
    await runScan({
      root: dir,
      scanners: [spy],
      options: { offline: true, changedSince: 'main' },
      select: { rules: { only: ['a'] } },
    });
    expect(seen?.options).toMatchObject({
      offline: true,
      changedSince: 'main',
      ruleSelection: { only: ['a'] },
    });
    expect(seen?.files.map((f) => f.path)).toEqual(['a.ts']);
  });

  it('warns about rule ids nobody knows, within families some scanner reported', async () => {
    await put('a.ts', 'DANGER(alpha)\n');
    const loaded = parseConfig('rules:\n  test/alpah: off\n  sca/whatever: off\n', '.vigil.yml', {
      pathInRoot: '.vigil.yml',
    });
    const result = await runScan({
      root: dir,
      ...loaded,
      scanners: [markerScanner],
      select: { rules: { exclude: ['test/nope'] } },
    });
    expect(result.diagnostics).toEqual([
      {
        level: 'warning',
        source: 'config',
        message: 'rules.test/alpah: no rule "test/alpah" (did you mean "test/alpha"?)',
        path: '.vigil.yml',
        line: 2,
      },
      { level: 'warning', source: 'config', message: '--exclude-rule: no rule "test/nope"' },
    ]);
  });

  it('walks large files an enabled scanner asks for, and only then', async () => {
    await put('package-lock.json', `{}${' '.repeat(1024 * 1024)}`);
    const lockScanner: Scanner = {
      ...depScanner,
      largeFiles: { include: ['package-lock.json'], maxFileSize: 8 * 1024 * 1024 },
    };
    let sastSaw: string[] = [];
    const sast: Scanner = {
      ...markerScanner,
      run: async (c) => ((sastSaw = c.files.map((f) => f.path)), markerScanner.run(c)),
    };
    await put('a.ts', 'x\n');
    const withSca = await runScan({ root: dir, scanners: [sast, lockScanner] });
    expect(withSca.stats.files).toBe(2);
    // The source scanner never receives the oversized file it did not ask for.
    expect(sastSaw).toEqual(['a.ts']);
    const withoutSca = await runScan({
      root: dir,
      scanners: [markerScanner, lockScanner],
      select: { scanners: ['sast'] },
    });
    expect(withoutSca.stats.files).toBe(1);
  });

  it('hands the config maxFileSize to the walker and keeps its notes', async () => {
    await put('big.ts', `DANGER(x)\n${'//'.repeat(100)}\n`);
    const result = await runScan({ root: dir, config: { maxFileSize: 100 }, scanners: [markerScanner] });
    expect(result.findings).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        level: 'note',
        source: 'walker',
        path: 'big.ts',
        message: 'skipped: 211 B is over the 100 B size limit',
      },
    ]);
  });

  it('stops when the signal aborts (the App bounds scan time this way)', async () => {
    await put('a.ts', 'DANGER(x)\n');
    const controller = new AbortController();
    const slow: Scanner = {
      id: 'sca',
      description: 'aborts the scan from inside',
      run: async () => {
        controller.abort(new Error('time limit'));
        throw new Error('interrupted');
      },
    };
    await expect(
      runScan({ root: dir, scanners: [slow, markerScanner], signal: controller.signal }),
    ).rejects.toThrow('time limit');
  });

  it('rejects a missing root or a file as root', async () => {
    await expect(runScan({ root: join(dir, 'missing') })).rejects.toThrow(ScanInputError);
    await expect(runScan({ root: join(dir, 'missing') })).rejects.toThrow(/path not found/);
    await put('f.ts', 'x');
    await expect(runScan({ root: join(dir, 'f.ts') })).rejects.toThrow(/not a directory/);
  });
});
