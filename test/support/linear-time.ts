import { expect } from 'vitest';

/**
 * Time budgets for "linear in the input" tests. A run on adversarial text must stay within
 * RATIO times a plain run over benign text of the same size (measured in the same process, so a
 * loaded machine slows both), with a floor so tiny baselines do not make the test flaky. A
 * quadratic pattern needs minutes at 1 MiB, so it cannot meet the budget; the smaller sizes are
 * tried first so such a pattern fails in seconds instead of hanging the worker.
 */
export const MIB = 1024 * 1024;
export const RATIO = 25;
/** Floor at 1 MiB, scaled down with the size: a quadratic pattern needs minutes there. */
export const FLOOR_MS = 1000;
const SIZES = [64 * 1024, 256 * 1024, MIB];

function timeOnce(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Best of `runs` timings: noise from other processes only ever adds time. */
function bestOf(runs: number, run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, timeOnce(run));
  return best;
}

/** `unit` repeated (or cut) to exactly `size` characters. */
export function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

export interface Adversary {
  name: string;
  /** Text of exactly `size` characters built to make the pattern backtrack. */
  text: (size: number) => string;
}

/** `head`, then `unit` repeated, then `tail`: exactly `size` characters. */
export function shaped(name: string, head: string, unit: string, tail = ''): Adversary {
  return { name, text: (size) => head + fill(unit, size - head.length - tail.length) + tail };
}

/**
 * Check that `run` stays within budget on every adversary at 64 KiB, 256 KiB and 1 MiB,
 * against `benign` text of the same size. Returns the worst ratio seen at 1 MiB.
 */
export function expectLinear(
  what: string,
  run: (text: string) => unknown,
  benign: (size: number) => string,
  adversaries: Adversary[],
): number {
  let worst = 0;
  for (const size of SIZES) {
    const plainText = benign(size);
    const plain = bestOf(3, () => run(plainText));
    const budget = Math.max(RATIO * plain, (FLOOR_MS * size) / MIB);
    for (const adversary of adversaries) {
      const text = adversary.text(size);
      // One run is enough when it is fast; a slow one is retried to rule out a noisy moment.
      let took = timeOnce(() => run(text));
      if (took > budget)
        took = Math.min(
          took,
          bestOf(2, () => run(text)),
        );
      expect(
        took,
        `${what}: ${adversary.name} at ${size} chars took ${took.toFixed(1)} ms, plain ${plain.toFixed(1)} ms`,
      ).toBeLessThanOrEqual(budget);
      if (size === MIB) worst = Math.max(worst, took / Math.max(plain, 1));
    }
  }
  return worst;
}
