/**
 * A function calling one helper thousands of times (generated code) must be analysed in time
 * linear in its calls: the calls by callee and by caller were once copied at each new call.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../src/sast/engine.ts';
import commandRule from '../../../rules/js/command-injection.ts';

describe('a function calling one helper thousands of times', () => {
  it('is analysed in time linear in its calls, with the flow beside them still found', () => {
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
    // Quadratic, this took over 20 s; linear, about a second with the parse.
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
