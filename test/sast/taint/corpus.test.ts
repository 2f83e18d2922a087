/**
 * The labelled corpus (test/corpus/) against the floors the taint rules must hold in every class:
 * recall ≥ 95 %, false-positive rate ≤ 5 %. scripts/eval-sast.ts prints the same figures.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sastRules } from '../../../rules/index.ts';
import { evaluateCorpus } from '../../../scripts/eval-sast.ts';

const corpus = fileURLToPath(new URL('../../corpus', import.meta.url));

describe('taint corpus evaluation', async () => {
  const stats = await evaluateCorpus(corpus);

  it('labels every taint rule with vulnerable lines and safe look-alikes', () => {
    const taintRules = sastRules.filter((r) => r.taint).map((r) => r.meta.id);
    expect(taintRules.length).toBeGreaterThanOrEqual(26);
    for (const s of stats) {
      expect(s.vulnerable, s.id).toBeGreaterThanOrEqual(2);
      expect(s.safe, s.id).toBeGreaterThanOrEqual(1);
    }
  });

  it.each(stats.map((s) => [s.id, s] as const))('%s: recall ≥ 95 %%, FP rate ≤ 5 %%', (_, s) => {
    expect(s.recall, `missed: ${s.missed.join(', ')}`).toBeGreaterThanOrEqual(0.95);
    expect(s.fpRate, `spurious: ${s.spurious.join(', ')}`).toBeLessThanOrEqual(0.05);
  });
});
