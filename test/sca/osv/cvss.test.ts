import ae from 'ae-cvss-calculator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cvssScore, severityOf } from '../../../src/sca/osv/cvss.ts';
import { loadRecord } from '../support/corpus.ts';
import { corpusRecordFiles } from '../support/corpus.ts';
import { parseRecordText } from '../../../src/sca/osv/schema.ts';
import { readFileSync } from 'node:fs';

// an independent implementation (metaeffekt's, which follows FIRST's reference calculator) to check against
const { Cvss3P1, Cvss4P0 } = ae as unknown as {
  Cvss3P1: new (v: string) => { calculateScores(): { base: number } };
  Cvss4P0: new (v: string) => { calculateScores(): { overall: number } };
};

const V4: Record<string, string[]> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  AT: ['N', 'P'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'P', 'A'],
  VC: ['H', 'L', 'N'],
  VI: ['H', 'L', 'N'],
  VA: ['H', 'L', 'N'],
  SC: ['H', 'L', 'N'],
  SI: ['H', 'L', 'N'],
  SA: ['H', 'L', 'N'],
  E: ['X', 'A', 'P', 'U'],
  CR: ['X', 'H', 'M', 'L'],
  IR: ['X', 'H', 'M', 'L'],
  AR: ['X', 'H', 'M', 'L'],
  MSI: ['X', 'S', 'H', 'L', 'N'],
};
const V3: Record<string, string[]> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'R'],
  S: ['U', 'C'],
  C: ['H', 'L', 'N'],
  I: ['H', 'L', 'N'],
  A: ['H', 'L', 'N'],
};
const vectorOf = (prefix: string, metrics: Record<string, string[]>) =>
  fc.record(Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, fc.constantFrom(...v)]))).map(
    (r) =>
      `${prefix}/${Object.entries(r)
        .map(([k, v]) => `${k}:${v}`)
        .join('/')}`,
  );

describe('CVSS base scores', () => {
  it('scores known vectors as FIRST publishes them', () => {
    expect(cvssScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual({
      ok: true,
      version: '3.1',
      score: 9.8,
    });
    expect(cvssScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N')).toMatchObject({ score: 6.1 });
    expect(cvssScore('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H')).toMatchObject({
      version: '3.0',
      score: 7.5,
    });
    expect(cvssScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toMatchObject({
      score: 9.3,
    });
    expect(cvssScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N')).toMatchObject({
      score: 0,
    });
  });

  it('agrees with an independent CVSS v4.0 implementation on random vectors', () => {
    fc.assert(
      fc.property(vectorOf('CVSS:4.0', V4), (v) => {
        const mine = cvssScore(v);
        expect(mine.ok && mine.score, v).toBe(new Cvss4P0(v).calculateScores().overall);
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with an independent CVSS v3.1 implementation on random vectors', () => {
    fc.assert(
      fc.property(vectorOf('CVSS:3.1', V3), (v) => {
        const mine = cvssScore(v);
        expect(mine.ok && mine.score, v).toBe(new Cvss3P1(v).calculateScores().base);
      }),
      { numRuns: 1000 },
    );
  });

  it('scores every vector in the corpus, and only the malformed one fails', () => {
    const failures: string[] = [];
    let scored = 0;
    for (const f of corpusRecordFiles()) {
      const r = parseRecordText(readFileSync(f, 'utf8'), f);
      for (const s of [...(r.severity ?? []), ...(r.affected ?? []).flatMap((a) => a.severity ?? [])]) {
        if (s.type !== 'CVSS_V3' && s.type !== 'CVSS_V4') continue;
        const result = cvssScore(s.score);
        if (result.ok) scored++;
        else failures.push(`${r.id} ${result.error}`);
      }
    }
    expect(scored).toBeGreaterThan(200);
    expect(failures).toEqual(['GHSA-pc5p-h8pf-mvwp malformed metric ""']);
  });

  it('prefers CVSS v4 to v3, and falls back to the label when a vector is malformed (GHSA-pc5p-h8pf-mvwp)', () => {
    const both = loadRecord('osv/npm/GHSA-3g92-w8c5-73pq.json');
    expect(severityOf(both.severity ?? [], both.database_specific)!.source).toBe('CVSS_V4');
    const bad = loadRecord('osv/npm/GHSA-pc5p-h8pf-mvwp.json');
    const invalid: string[] = [];
    const s = severityOf(bad.severity ?? [], bad.database_specific, (v, e) => invalid.push(`${v}: ${e}`));
    expect(s).toEqual({ severity: 'medium', source: 'database_specific' });
    expect(invalid).toEqual(['CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:C/C:H/I:N/A:N/: malformed metric ""']);
    const none = loadRecord('osv/npm/GHSA-ch52-vgq2-943f.json');
    expect(severityOf(none.severity ?? [], none.database_specific)).toEqual({
      severity: 'low',
      source: 'database_specific',
    });
  });

  it('never throws on hostile vector text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.string().map((s) => `CVSS:3.1/${s}`),
          fc.string().map((s) => `CVSS:4.0/AV:N/${s}`),
        ),
        (v) => {
          const r = cvssScore(v);
          if (r.ok) expect(r.score).toBeGreaterThanOrEqual(0);
          else expect(r.error.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
    expect(cvssScore('CVSS:3.1/' + 'AV:N/'.repeat(200))).toMatchObject({ ok: false });
  });
});
