import { describe, expect, it } from 'vitest';
import type * as Sarif from 'sarif';
import type { ScanResult } from '../../src/core/scanner.ts';
import {
  FINGERPRINT_KEY,
  buildSarifLog,
  messageText,
  pathToUri,
  renderSarif,
  sarifCategory,
} from '../../src/report/sarif.ts';
import { HOSTILE_PATH, sampleResult } from './sample-result.ts';
import { multitoolValidate, schemaErrors } from './sarif-validators.ts';

function runOf(log: Sarif.Log, category: string): Sarif.Run {
  const run = log.runs.find((r) => r.automationDetails?.id === category);
  if (!run) throw new Error(`no run ${category}`);
  return run;
}

function resultOf(run: Sarif.Run, ruleId: string): Sarif.Result {
  const result = run.results?.find((r) => r.ruleId === ruleId);
  if (!result) throw new Error(`no result ${ruleId}`);
  return result;
}

function ruleOf(run: Sarif.Run, ruleId: string): Sarif.ReportingDescriptor {
  const rule = run.tool.driver.rules?.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return rule;
}

/** An empty scan and a scan with one scanner-wide failure: the edge cases of runs and invocations. */
function edgeResults(): ScanResult[] {
  const empty: ScanResult = {
    ...sampleResult(),
    findings: [],
    diagnostics: [],
    rules: [],
    stats: { files: 0, durationMs: 0, scanners: [] },
  };
  const failed: ScanResult = {
    ...sampleResult(),
    root: '/tmp/with space/#root',
    diagnostics: [{ level: 'error', message: 'OSV database unreadable', source: 'sca' }],
  };
  return [empty, failed];
}

describe('SARIF validity', () => {
  const log = JSON.parse(renderSarif(sampleResult(), {})) as Sarif.Log;
  const edges = edgeResults().map((r) => buildSarifLog(r));
  /** A log both validators must reject: proves they are live. */
  const broken = structuredClone(log);
  const first = broken.runs[0]!.results![0]!;
  first.ruleIndex = 999;
  first.locations![0]!.physicalLocation!.region!.startLine = 0;

  it('matches the SARIF 2.1.0 JSON schema; a broken log does not', () => {
    expect(schemaErrors(log)).toEqual([]);
    for (const edge of edges) expect(schemaErrors(edge)).toEqual([]);
    expect(schemaErrors(broken).length).toBeGreaterThan(0);
  });

  it("passes Microsoft's SARIF Multitool (SARIF and GitHub rules) with no errors or warnings; a broken log does not", () => {
    const [sample, empty, failed, rejected] = multitoolValidate(log, ...edges, broken);
    expect(sample!.filter((r) => r.level === 'error' || r.level === 'warning')).toEqual([]);
    expect(empty!.filter((r) => r.level === 'error')).toEqual([]);
    expect(failed!.filter((r) => r.level === 'error')).toEqual([]);
    const errors = rejected!.filter((r) => r.level === 'error').map((e) => e.ruleId);
    expect(errors).toEqual(expect.arrayContaining(['SARIF1009', 'JSON1008']));
  });
});

describe('SARIF content', () => {
  const log = buildSarifLog(sampleResult());

  it('has one run per scanner group, each with its code scanning category', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.runs.map((r) => r.automationDetails?.id)).toEqual([
      'vigil/sast/',
      'vigil/sca/',
      'vigil/container/',
      'vigil/config/',
    ]);
    // Secrets are found by the SAST scanner and upload with it.
    expect(runOf(log, 'vigil/sast/').results?.map((r) => r.ruleId)).toContain('aws-access-key');
    for (const run of log.runs) {
      expect(run.tool.driver).toMatchObject({ name: 'vigil', version: '0.1.0', semanticVersion: '0.1.0' });
      expect(run.originalUriBaseIds?.['%SRCROOT%']?.uri).toBe('file:///home/dev/projects/shop/');
      expect(run.columnKind).toBe('utf16CodeUnits');
    }
  });

  it('builds a log for a subset of groups, empty runs included', () => {
    const sca = buildSarifLog(sampleResult(), { groups: ['sca'] });
    expect(sca.runs).toHaveLength(1);
    expect(sca.runs[0]!.automationDetails?.id).toBe(sarifCategory('sca'));
    expect(sca.runs[0]!.results?.every((r) => r.properties?.['kind'] === 'sca')).toBe(true);
    const nothing = buildSarifLog({ ...sampleResult(), findings: [] }, { groups: ['container'] });
    expect(nothing.runs[0]!.results).toEqual([]);
    expect(nothing.runs[0]!.automationDetails?.id).toBe('vigil/container/');
  });

  it('describes rules with help, tags, precision and security-severity', () => {
    const sast = runOf(log, 'vigil/sast/');
    const rule = ruleOf(sast, 'sql-injection');
    expect(rule.name).toBe('SQLInjection');
    expect(rule.shortDescription?.text).toBe('SQL injection');
    expect(rule.fullDescription?.text).toBe(
      'SQL text built from untrusted input lets an attacker change the query.',
    );
    expect(rule.help?.markdown).toContain('**Fix:** Use a parameterised query.');
    expect(rule.help?.markdown).toContain('https://cwe.mitre.org/data/definitions/89.html');
    expect(rule.defaultConfiguration?.level).toBe('error');
    expect(rule.properties).toMatchObject({
      tags: ['security', 'sast', 'external/cwe/cwe-89', 'external/owasp/a03:2021'],
      'security-severity': '8.0',
      precision: 'very-high',
    });
    expect(ruleOf(sast, 'weak-hash').helpUri).toBe('https://cwe.mitre.org/data/definitions/328.html');
    expect(ruleOf(sast, 'weak-hash').properties?.['precision']).toBe('high');
    // Each result says its own precision: the finding's, else its rule's.
    const precisions = new Map(sast.results!.map((r) => [r.ruleId, r.properties?.['precision']]));
    expect(precisions.get('sql-injection')).toBe('very-high');
    expect(precisions.get('weak-hash')).toBe('high');
  });

  it('takes security-severity from a CVSS score when the finding has one, and describes advisory rules from findings', () => {
    const sca = runOf(log, 'vigil/sca/');
    expect(ruleOf(sca, 'GHSA-xvch-5gv4-984h').properties?.['security-severity']).toBe('9.8');
    expect(ruleOf(sca, 'GHSA-35jh-r3h4-6jhm').properties?.['security-severity']).toBe('7.2');
    const advisory = ruleOf(sca, 'GHSA-35jh-r3h4-6jhm');
    expect(advisory.shortDescription?.text).toBe('Command injection in lodash');
    expect(advisory.help?.text).toContain('GHSA-35jh-r3h4-6jhm, CVE-2021-23337');
    expect(advisory.properties?.['tags']).toContain('external/cwe/cwe-77');
    expect(ruleOf(runOf(log, 'vigil/container/'), 'CVE-2023-0286').properties?.['security-severity']).toBe(
      '7.4',
    );
    // Without a score, the severity band decides.
    expect(
      ruleOf(runOf(log, 'vigil/config/'), 'dockerfile-user-root').properties?.['security-severity'],
    ).toBe('2.0');
  });

  it('points results at relative files with 1-based regions, fingerprints and rule indexes', () => {
    for (const run of log.runs) {
      for (const result of run.results ?? []) {
        expect(run.tool.driver.rules?.[result.ruleIndex!]?.id).toBe(result.ruleId);
        expect(result.partialFingerprints?.[FINGERPRINT_KEY]).toMatch(/^f0{20,}\d+$/);
        const physical = result.locations?.[0]?.physicalLocation;
        expect(physical?.artifactLocation?.uriBaseId).toBe('%SRCROOT%');
        expect(physical?.region?.startLine).toBeGreaterThanOrEqual(1);
      }
    }
    const sql = resultOf(runOf(log, 'vigil/sast/'), 'sql-injection');
    expect(sql.level).toBe('error');
    expect(sql.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/routes/users.ts', uriBaseId: '%SRCROOT%' },
      region: {
        startLine: 12,
        startColumn: 18,
        endLine: 12,
        endColumn: 62,
        snippet: { text: 'db.query("SELECT * FROM users WHERE id = " + userId)' },
      },
    });
    const hostile = resultOf(runOf(log, 'vigil/sast/'), 'eval-injection');
    expect(hostile.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe(pathToUri(HOSTILE_PATH));
    expect(pathToUri(HOSTILE_PATH)).toBe('src/odd%7Cname%20%3Cb%3E%60x%60.ts');
  });

  it('gives package findings a location at the lockfile line, or line 1 when unknown', () => {
    const sca = runOf(log, 'vigil/sca/');
    expect(resultOf(sca, 'GHSA-35jh-r3h4-6jhm').locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'package-lock.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 42 },
    });
    expect(resultOf(sca, 'GHSA-xvch-5gv4-984h').locations?.[0]?.physicalLocation?.region).toEqual({
      startLine: 1,
    });
    expect(resultOf(sca, 'GHSA-35jh-r3h4-6jhm').properties?.['package']).toMatchObject({
      name: 'lodash',
      fixedVersion: '4.17.21',
    });
    const container = resultOf(runOf(log, 'vigil/container/'), 'CVE-2023-0286');
    expect(container.properties?.['image']).toMatchObject({ ref: 'registry.example/app:1.0', layerIndex: 2 });
  });

  it('gives each source that reaches one sink its own code flow and related location', () => {
    const result = sampleResult();
    const sqlFinding = result.findings.find((f) => f.ruleId === 'sql-injection')!;
    const other = [
      {
        location: { ...sqlFinding.flow![0]!.location, startLine: 40, endLine: 40 },
        message: 'Source: req.body.id',
      },
      sqlFinding.flow![sqlFinding.flow!.length - 1]!,
    ];
    sqlFinding.otherFlows = [other];
    const two = resultOf(runOf(buildSarifLog(result), 'vigil/sast/'), 'sql-injection');
    expect(two.codeFlows).toHaveLength(2);
    expect(two.codeFlows![1]!.threadFlows[0]!.locations.map((l) => l.location?.message?.text)).toEqual([
      'Source: req.body.id',
      'Sink: SQL text passed to db.query',
    ]);
    expect(two.relatedLocations?.map((r) => [r.id, r.physicalLocation?.region?.startLine])).toEqual([
      [1, 10],
      [2, 40],
    ]);
    expect(two.message.text).toContain('The data comes from [source 1](1), [source 2](2).');
  });

  it('carries the taint flow as a code flow, the source as a related location, and the fix', () => {
    const sql = resultOf(runOf(log, 'vigil/sast/'), 'sql-injection');
    const steps = sql.codeFlows?.[0]?.threadFlows[0]?.locations ?? [];
    expect(
      steps.map((s) => [s.location?.physicalLocation?.region?.startLine, s.location?.message?.text]),
    ).toEqual([
      [10, 'Source: req.query.id (Express request)'],
      [11, 'Assigned to userId'],
      [12, 'Sink: SQL text passed to db.query'],
    ]);
    expect(steps.map((s) => s.executionOrder)).toEqual([1, 2, 3]);
    expect(sql.relatedLocations?.[0]?.physicalLocation?.region?.startLine).toBe(10);
    expect(sql.fixes).toEqual([
      {
        description: { text: 'Use a parameterised query.' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'src/routes/users.ts', uriBaseId: '%SRCROOT%' },
            replacements: [
              {
                deletedRegion: { startLine: 12, startColumn: 18, endLine: 12, endColumn: 62 },
                insertedContent: { text: 'db.query("SELECT * FROM users WHERE id = ?", [userId])' },
              },
            ],
          },
        ],
      },
    ]);
  });

  it('links the message to the flow source and escapes brackets so scanned text cannot forge links', () => {
    const sast = runOf(log, 'vigil/sast/');
    expect(resultOf(sast, 'sql-injection').message.text).toBe(
      'User input from req.query.id reaches a SQL query. The data comes from this [source](1).',
    );
    expect(resultOf(sast, 'eval-injection').message.text).toBe(
      'Value from `req.body` | reaches <script>alert(1)</script> & @octocat \\[link\\](javascript:x)',
    );
    expect(messageText('a\\b [c]')).toBe('a\\\\b \\[c\\]');
  });

  it('keeps suppressed findings, marked with a suppression', () => {
    const results = runOf(log, 'vigil/sast/').results ?? [];
    const suppressed = results.filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]!.suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'Cache key only, not a security use.',
        location: expect.objectContaining({ physicalLocation: expect.anything() }),
      },
    ]);
  });

  it('reports diagnostics as tool execution notifications in the run they belong to', () => {
    const sast = runOf(log, 'vigil/sast/').invocations?.[0];
    expect(sast?.executionSuccessful).toBe(true);
    expect(sast?.toolExecutionNotifications?.map((n) => [n.level, n.message.text])).toEqual([
      ['error', "Unexpected token ')'"],
      ['warning', 'Skipped: minified bundle'],
    ]);
    expect(sast?.toolExecutionNotifications?.[0]?.locations?.[0]?.physicalLocation?.region?.startLine).toBe(
      3,
    );
    const sca = runOf(log, 'vigil/sca/').invocations?.[0];
    expect(sca?.toolExecutionNotifications?.map((n) => n.message.text)).toEqual([
      'Skipped: minified bundle',
      'OSV database is 3 days old',
    ]);
    const failed = buildSarifLog(edgeResults()[1]!);
    expect(runOf(failed, 'vigil/sca/').invocations?.[0]?.executionSuccessful).toBe(false);
    expect(runOf(failed, 'vigil/sast/').invocations?.[0]?.executionSuccessful).toBe(true);
  });

  it('emits one valid run even when nothing ran', () => {
    const empty = buildSarifLog(edgeResults()[0]!);
    expect(empty.runs).toHaveLength(1);
    expect(empty.runs[0]!.results).toEqual([]);
  });
});
