import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding, FindingKind } from '../../src/core/finding.ts';
import type { ScanResult } from '../../src/core/scanner.ts';
import { SEVERITIES } from '../../src/core/severity.ts';
import { REPORT_FORMATS, buildSarifLog, render, reporters } from '../../src/report/index.ts';
import { MASKED_SECRET, RAW_SECRET, sampleResult } from './sample-result.ts';
import { multitoolValidate, schemaErrors } from './sarif-validators.ts';

describe('render', () => {
  it('has a reporter for every format and renders the sample in each', () => {
    expect(Object.keys(reporters).sort()).toEqual([...REPORT_FORMATS].sort());
    for (const format of REPORT_FORMATS) {
      const out = render(format, sampleResult(), { failOn: 'high' });
      expect(out.length).toBeGreaterThan(500);
      expect(out).toContain('sql-injection');
    }
  });

  it('never prints a secret unmasked, in any format, even if a scanner left it in properties', () => {
    for (const format of REPORT_FORMATS) {
      for (const showSuppressed of [false, true]) {
        const out = render(format, sampleResult(), { failOn: 'low', showSuppressed, color: true });
        expect(out, format).not.toContain(RAW_SECRET);
        // Markdown shows the mask's asterisks escaped.
        expect(out, format).toContain(
          format === 'markdown' ? MASKED_SECRET.replace(/\*/g, '\\*') : MASKED_SECRET,
        );
      }
    }
    // Harmless properties of a secret finding are kept.
    const json = JSON.parse(render('json', sampleResult())) as {
      findings: { kind: string; properties: object }[];
    };
    expect(json.findings.find((f) => f.kind === 'secret')?.properties).toEqual({
      entropy: 3.9,
      detector: 'aws-access-key',
    });
  });
});

const kinds: FindingKind[] = ['sast', 'secret', 'sca', 'container', 'config'];
const anyText = fc.string({ maxLength: 40, unit: 'binary' });
const anyNumber = fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.constantFrom(Number.NaN, 0.5, Infinity));

const anyLocation = fc.record({
  path: fc.oneof(
    anyText,
    fc.constantFrom('a.ts', 'dir/x y.ts', '../up.ts', '/abs/p.ts', 'C:\\win.ts', 'http://x/y', ''),
  ),
  startLine: anyNumber,
  startColumn: anyNumber,
  endLine: anyNumber,
  endColumn: anyNumber,
  snippet: fc.option(anyText, { nil: undefined }),
});

const anyFinding: fc.Arbitrary<Finding> = fc.record({
  ruleId: fc.oneof(anyText, fc.constantFrom('sql-injection', 'GHSA-xxxx-yyyy-zzzz')),
  kind: fc.constantFrom(...kinds),
  severity: fc.constantFrom(...SEVERITIES),
  title: anyText,
  message: anyText,
  location: anyLocation,
  cwe: fc.option(fc.array(anyText, { maxLength: 3 }), { nil: undefined }),
  owasp: fc.option(fc.array(anyText, { maxLength: 2 }), { nil: undefined }),
  advisoryIds: fc.option(fc.array(anyText, { maxLength: 3 }), { nil: undefined }),
  fix: fc.option(
    fc.record({
      description: anyText,
      replacement: fc.option(fc.record({ location: anyLocation, text: anyText }), { nil: undefined }),
    }),
    { nil: undefined },
  ),
  flow: fc.option(fc.array(fc.record({ location: anyLocation, message: anyText }), { maxLength: 4 }), {
    nil: undefined,
  }),
  package: fc.option(
    fc.record({
      ecosystem: anyText,
      name: anyText,
      version: anyText,
      fixedVersion: fc.option(anyText, { nil: undefined }),
      paths: fc.option(fc.array(fc.array(anyText, { maxLength: 4 }), { maxLength: 3 }), { nil: undefined }),
    }),
    { nil: undefined },
  ),
  image: fc.option(fc.record({ ref: anyText, layerIndex: fc.option(fc.nat(), { nil: undefined }) }), {
    nil: undefined,
  }),
  fingerprint: fc.string({ minLength: 1, maxLength: 32, unit: fc.constantFrom(...'0123456789abcdef') }),
  suppression: fc.option(
    fc.record({
      kind: fc.constantFrom('inline', 'config', 'baseline', 'ignore-file', 'vex'),
      justification: fc.option(anyText, { nil: undefined }),
    }),
    { nil: undefined },
  ),
  properties: fc.option(fc.dictionary(anyText, fc.jsonValue({ maxDepth: 2 })), { nil: undefined }),
});

function resultWith(findings: Finding[], root: string): ScanResult {
  return { ...sampleResult(), root, findings, rules: [] };
}

describe('hostile and malformed findings', () => {
  it("Microsoft's validator finds no error in SARIF built from them", () => {
    const findings = fc.sample(anyFinding, { numRuns: 60, seed: 42 });
    const log = buildSarifLog(resultWith(findings, '/with space/#x?'));
    expect(multitoolValidate(log)[0]!.filter((r) => r.level === 'error')).toEqual([]);
  });

  it('every format renders them without throwing; SARIF stays schema-valid', () => {
    fc.assert(
      fc.property(
        fc.array(anyFinding, { maxLength: 8 }),
        fc.constantFrom('/r', '/with space/#x?', '/'),
        (findings, root) => {
          const result = resultWith(findings, root);
          for (const format of REPORT_FORMATS) {
            expect(
              typeof render(format, result, { failOn: 'medium', showSuppressed: true, maxLength: 4000 }),
            ).toBe('string');
          }
          expect(schemaErrors(buildSarifLog(result))).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
