import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAffected } from '../../../src/sca/osv/match.ts';
import { parseRecord, parseRecordText, type OsvRecord } from '../../../src/sca/osv/schema.ts';
import { affects } from '../../support/osv-eval/evaluate.ts';
import { ECOSYSTEM_ORDERS, VersionSyntaxError } from '../../support/osv-eval/orders.ts';
import { corpusRecordFiles, santatrackerRecords } from '../support/corpus.ts';

/**
 * vigil's matcher against the stand-in's evaluator (test/support/osv-eval, written from the OSV
 * schema alone) on every real record of the corpus, at versions chosen where mistakes hide: each
 * event and listed version, its neighbours, and prerelease/post-release spellings beside it; and
 * under the record's name and another spelling of it (case, PyPI's `-`/`_`).
 */

const records: OsvRecord[] = [
  ...corpusRecordFiles().map((f) => parseRecordText(readFileSync(f, 'utf8'), f)),
  ...santatrackerRecords(),
];

/** Suffixes that sort next to a version in each ecosystem's own order. */
const BESIDE: Record<string, string[]> = {
  npm: ['-0', '-rc.1', '+build.5'],
  'crates.io': ['-0', '-alpha.1'],
  Go: ['-0.20200101000000-abcdefabcdef', '+incompatible'],
  PyPI: ['rc1', '.dev0', '.post1', 'a1.dev1'],
  RubyGems: ['.a', '.pre.1', '-rc1'],
};

/** Each version, one above and one below in its last number, and the suffixed spellings. */
function probesAround(ecosystem: string, version: string): string[] {
  const out = [version, ...BESIDE[ecosystem]!.map((s) => version + s)];
  const m = /^(.*?)(\d+)(\D*)$/.exec(version);
  if (m) {
    const n = BigInt(m[2]!);
    out.push(`${m[1]}${n + 1n}${m[3]}`);
    if (n > 0n) out.push(`${m[1]}${n - 1n}${m[3]}`);
  }
  return out;
}

/** The name as written, and other spellings: PyPI's that PEP 503 folds together, and a case change. */
function spellings(ecosystem: string, name: string): string[] {
  const other = ecosystem === 'PyPI' ? name.toUpperCase().replaceAll('-', '_') : name.toUpperCase();
  return other === name ? [name] : [name, other];
}

function readable(ecosystem: string, version: string): boolean {
  try {
    ECOSYSTEM_ORDERS[ecosystem]!(version, version);
    return true;
  } catch (error) {
    if (error instanceof VersionSyntaxError) return false;
    throw error;
  }
}

describe('vigil’s OSV matcher and the independent evaluator', () => {
  it('agree on every corpus record at every probed version', () => {
    let compared = 0;
    const disagreements: string[] = [];
    for (const record of records) {
      for (const entry of record.affected ?? []) {
        const pkg = entry.package;
        if (!pkg || !Object.hasOwn(BESIDE, pkg.ecosystem)) continue;
        const seeds = new Set(['0.0.0', '0.0.1', ...(entry.versions ?? [])]);
        for (const range of entry.ranges ?? [])
          for (const e of range.events) {
            const v = e.introduced ?? e.fixed ?? e.last_affected ?? e.limit;
            if (v !== undefined && v !== '0' && !v.includes('*')) seeds.add(v);
          }
        const probes = new Set([...seeds].flatMap((v) => probesAround(pkg.ecosystem, v)));
        for (const raw of probes) {
          // derived spellings the ecosystem does not allow are no test of either side
          if (!readable(pkg.ecosystem, raw)) continue;
          const version = pkg.ecosystem === 'Go' ? `v${raw.replace(/^v/, '')}` : raw;
          for (const name of spellings(pkg.ecosystem, pkg.name)) {
            const query = { ecosystem: pkg.ecosystem, name, version };
            const expected = affects(record, query);
            compared++;
            if (isAffected(record, query) !== expected)
              disagreements.push(`${record.id} ${pkg.ecosystem} ${name}@${version}: expected ${expected}`);
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(records.length).toBeGreaterThan(600);
    expect(compared).toBeGreaterThan(10_000);
  }, 120_000); // some 50,000 comparisons: seconds alone, longer on a loaded machine
});

describe('vigil’s OSV matcher and the independent evaluator on generated records', () => {
  // npm versions with prereleases, so ties of order (1.0.0 vs 1.0.0+b) and prerelease edges come up
  const VERSIONS = [
    '0.0.1',
    '0.9.0',
    '1.0.0-alpha',
    '1.0.0-rc.1',
    '1.0.0',
    '1.0.0+b',
    '1.0.1',
    '1.2.0',
    '2.0.0-0',
    '2.0.0',
    '3.1.4',
  ];
  const version = fc.constantFrom(...VERSIONS);
  const event = fc.oneof(
    version.map((v) => ({ introduced: v })),
    fc.constant({ introduced: '0' }),
    version.map((v) => ({ fixed: v })),
    version.map((v) => ({ last_affected: v })),
    fc.oneof(version, fc.constantFrom('*', '2.*')).map((v) => ({ limit: v })),
  );
  const range = fc.record({
    type: fc.constantFrom('SEMVER', 'ECOSYSTEM'),
    events: fc.array(event, { minLength: 1, maxLength: 5 }),
  });

  it('agree on every version for thousands of random ranges, lists and limits', () => {
    fc.assert(
      fc.property(
        fc.array(range, { maxLength: 3 }),
        fc.array(version, { maxLength: 2 }),
        (ranges, versions) => {
          const record = parseRecord(
            {
              id: 'GEN-1',
              modified: '2024-01-01T00:00:00Z',
              affected: [{ package: { ecosystem: 'npm', name: 'pkg' }, ranges, versions }],
            },
            'generated',
          );
          for (const v of VERSIONS) {
            const query = { ecosystem: 'npm', name: 'pkg', version: v };
            expect(
              isAffected(record, query),
              `${v} in ${JSON.stringify(ranges)} / ${JSON.stringify(versions)}`,
            ).toBe(affects(record, query));
          }
        },
      ),
      { numRuns: 3000, seed: 13 },
    );
  }, 120_000);
});
