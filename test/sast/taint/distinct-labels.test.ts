/**
 * An object read whole takes the union of everything written into its properties. That union is
 * worked out once per change (distinctLabels) instead of merging field by field at every read: the
 * labels, their order and the MAX_LABELS cap must come out the same either way.
 */
import { describe, expect, it } from 'vitest';
import { type Label, MAX_LABELS, distinctLabels, mergeLabels } from '../../../src/sast/taint/values.ts';
import { runRules } from '../../../src/sast/engine.ts';
import commandRule from '../../../rules/js/command-injection.ts';

/** A parameter strand: labels with the same param and flags are the same label. */
const label = (param: number, flags = 0): Label => ({ param, flags, steps: [] });

/** A small deterministic generator, so a failure repeats. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

describe('distinctLabels', () => {
  it('merged into a non-empty list at once, gives what merging each list in turn gives', () => {
    const next = random(7);
    const list = (max: number) =>
      Array.from({ length: Math.floor(next() * max) }, () =>
        label(Math.floor(next() * 20), next() < 0.2 ? 1 : 0),
      );
    for (let trial = 0; trial < 2000; trial++) {
      // Duplicates within a list and across lists, short and long lists, beyond the cap.
      const start = [label(next() < 0.5 ? 3 : 30), ...list(16)];
      const lists = Array.from({ length: Math.floor(next() * 6) }, () => list(10));
      let stepwise: readonly Label[] = start;
      for (const l of lists) stepwise = mergeLabels(stepwise, l);
      expect(mergeLabels(start, distinctLabels(lists))).toEqual(stepwise);
    }
  });

  it('holds no label twice and at most MAX_LABELS', () => {
    const lists = [[label(1), label(1)], Array.from({ length: 30 }, (_, i) => label(i))];
    const out = distinctLabels(lists);
    // 1 first (the first list's), then 0, 2, 3, … from the second.
    expect(out.map((l) => l.param)).toEqual([
      1,
      0,
      ...Array.from({ length: MAX_LABELS - 2 }, (_, i) => i + 2),
    ]);
  });
});

describe('an object built by many property writes', () => {
  it('is analysed in time linear in its writes, with the flow still found', () => {
    const writes = Array.from({ length: 12000 }, (_, i) => `  out.k${i} = input.k${i};`).join('\n');
    const code =
      `const { exec } = require('child_process');\nconst app = require('express')();\n` +
      `function build(input) {\n  const out = {};\n${writes}\n  return out;\n}\n` +
      `app.get('/', (req, res) => {\n  exec(build(req.query).k1);\n});\n`;
    const started = performance.now();
    const result = runRules('case.js', code, [commandRule]);
    expect(result.diagnostics).toEqual([]);
    expect(result.findings.filter((f) => f.flow).length).toBe(1);
    // Quadratic, these took over 20 s of analysis; linear, about a second with the parse.
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('with thousands of calls to one helper, is analysed in time linear in them', () => {
    const calls = Array.from({ length: 12000 }, (_, i) => `  put(out, 'k${i}', input.k${i});`).join('\n');
    const code =
      `const { exec } = require('child_process');\nconst app = require('express')();\n` +
      `function put(o, k, v) { o[k] = v; }\n` +
      `function build(input) {\n  const out = {};\n${calls}\n  return out;\n}\n` +
      `app.get('/', (req, res) => {\n  exec(req.query.c);\n  build(req.query);\n});\n`;
    const started = performance.now();
    const result = runRules('case.js', code, [commandRule]);
    expect(result.diagnostics).toEqual([]);
    expect(result.findings.filter((f) => f.flow).length).toBe(1);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
