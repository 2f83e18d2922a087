import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.ts';
import { sampleResult } from './sample-result.ts';

const text = renderJson(sampleResult(), { failOn: 'high' });
const doc = JSON.parse(text) as Record<string, unknown> & { findings: Record<string, unknown>[] };

const FINDING_KEYS = [
  'ruleId',
  'kind',
  'severity',
  'precision',
  'title',
  'message',
  'location',
  'cwe',
  'owasp',
  'advisoryIds',
  'fix',
  'flow',
  'otherFlows',
  'package',
  'image',
  'fingerprint',
  'nonGating',
  'suppression',
  'properties',
];

describe('json report', () => {
  it('has the documented top-level shape, keys in a fixed order', () => {
    expect(Object.keys(doc)).toEqual([
      'version',
      'tool',
      'root',
      'findings',
      'diagnostics',
      'rules',
      'summary',
      'stats',
    ]);
    expect(doc['version']).toBe(1);
    expect(doc['tool']).toEqual({ name: 'vigil', version: '0.1.0' });
    expect(doc['root']).toBe('/home/dev/projects/shop');
    expect(doc['stats']).toEqual({
      files: 42,
      durationMs: 1234,
      scanners: ['sast', 'sca', 'container', 'config'],
    });
  });

  it('gives every finding every field, in the same order, null or [] when absent', () => {
    expect(doc.findings).toHaveLength(10);
    for (const finding of doc.findings) expect(Object.keys(finding)).toEqual(FINDING_KEYS);
    const weak = doc.findings.find((f) => f['ruleId'] === 'weak-hash' && f['suppression'] === null)!;
    expect(weak).toMatchObject({ advisoryIds: [], flow: [], package: null, image: null, properties: {} });
    expect(weak['fix']).toEqual({
      description: 'Use SHA-256 or a password hash such as scrypt.',
      replacement: null,
    });
    expect(Object.keys(weak['location'] as object)).toEqual([
      'path',
      'startLine',
      'startColumn',
      'endLine',
      'endColumn',
      'snippet',
    ]);
  });

  it('carries flows, fixes, packages, images and suppressions whole', () => {
    const sql = doc.findings.find((f) => f['ruleId'] === 'sql-injection')!;
    // No precision of its own: the rule's (very-high) stands for it.
    expect(sql['precision']).toBe('very-high');
    expect(doc.findings.find((f) => f['ruleId'] === 'weak-hash')!['precision']).toBe('high');
    expect((sql['flow'] as unknown[]).length).toBe(3);
    expect(sql['fix']).toMatchObject({
      replacement: { text: 'db.query("SELECT * FROM users WHERE id = ?", [userId])' },
    });
    const lodash = doc.findings.find((f) => f['ruleId'] === 'GHSA-35jh-r3h4-6jhm')!;
    // the sample's package record, field for field (none dropped, renamed or added)
    const input = sampleResult().findings.find((f) => f.ruleId === 'GHSA-35jh-r3h4-6jhm')!;
    expect(lodash['package']).toEqual(input.package);
    expect(lodash['properties']).toEqual({
      cvssScore: 7.2,
      cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H',
    });
    const openssl = doc.findings.find((f) => f['kind'] === 'container')!;
    expect(Object.keys(openssl['image'] as object)).toEqual([
      'ref',
      'digest',
      'layerDigest',
      'layerIndex',
      'createdBy',
      'os',
    ]);
    const suppressed = doc.findings.filter((f) => f['suppression'] !== null);
    expect(suppressed.map((f) => (f['suppression'] as { kind: string }).kind)).toEqual(['inline']);
  });

  it('summarises counts by severity and kind, and the threshold', () => {
    expect(doc['summary']).toEqual({
      total: 9,
      suppressed: 1,
      bySeverity: { critical: 3, high: 3, medium: 2, low: 1, info: 0 },
      byKind: {
        sast: { critical: 1, high: 1, medium: 1, low: 0, info: 0 },
        secret: { critical: 0, high: 1, medium: 0, low: 0, info: 0 },
        sca: { critical: 2, high: 0, medium: 1, low: 0, info: 0 },
        container: { critical: 0, high: 1, medium: 0, low: 0, info: 0 },
        config: { critical: 0, high: 0, medium: 0, low: 1, info: 0 },
      },
      failOn: 'high',
      minPrecision: 'high',
      failing: 6,
      audit: 0,
      nonGating: 0,
      reachability: null,
      thresholdMet: true,
      diagnostics: { error: 1, warning: 1, note: 1 },
      incomplete: [],
    });
    expect(JSON.parse(renderJson(sampleResult(), {}))['summary']).toMatchObject({
      failOn: null,
      failing: 0,
      thresholdMet: false,
    });
  });

  it('lists rules and diagnostics with every field', () => {
    const rules = doc['rules'] as Record<string, unknown>[];
    expect(rules.map((r) => r['id'])).toEqual([
      'aws-access-key',
      'dockerfile-user-root',
      'eval-injection',
      'sql-injection',
      'weak-hash',
    ]);
    expect(Object.keys(rules[0]!)).toEqual([
      'id',
      'kind',
      'title',
      'severity',
      'cwe',
      'owasp',
      'help',
      'fixHint',
      'tags',
      'helpUri',
      'precision',
    ]);
    expect((doc['diagnostics'] as unknown[])[0]).toEqual({
      level: 'error',
      message: "Unexpected token ')'",
      path: 'src/broken.ts',
      line: 3,
      source: 'sast',
      incomplete: false,
    });
  });

  it('is byte-for-byte stable whatever order the scanners produced', () => {
    const shuffled = sampleResult();
    shuffled.findings.reverse();
    shuffled.rules.reverse();
    shuffled.diagnostics.reverse();
    for (const f of shuffled.findings)
      if (f.properties) f.properties = Object.fromEntries(Object.entries(f.properties).reverse());
    expect(renderJson(shuffled, { failOn: 'high' })).toBe(text);
  });
});
