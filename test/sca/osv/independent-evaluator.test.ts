import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAffected } from '../../../src/sca/osv/match.ts';
import { parseRecordText, type OsvRecord } from '../../../src/sca/osv/schema.ts';
import { affects } from '../../support/osv-eval/evaluate.ts';
import { ECOSYSTEM_ORDERS, VersionSyntaxError } from '../../support/osv-eval/orders.ts';
import { corpusRecordFiles, santatrackerRecords } from '../support/corpus.ts';

/**
 * vigil's matcher against the stand-in's evaluator (test/support/osv-eval, written from the OSV
 * schema alone) on every real record of the corpus, at versions chosen where mistakes hide: each
 * event and listed version, its neighbours, and prerelease/post-release spellings beside it.
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
          const query = { ecosystem: pkg.ecosystem, name: pkg.name, version };
          const expected = affects(record, query);
          compared++;
          if (isAffected(record, query) !== expected)
            disagreements.push(`${record.id} ${pkg.ecosystem} ${pkg.name}@${version}: expected ${expected}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(records.length).toBeGreaterThan(600);
    expect(compared).toBeGreaterThan(10_000);
  });
});
