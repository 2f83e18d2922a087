/**
 * Guards (src/sast/taint/guards.ts): a test that rejects `..` before a file access, spelled with
 * indexOf in each polarity, protects the path; the same access without it is reported.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../src/sast/engine.ts';
import pathRule from '../../../rules/js/path-traversal.ts';

function count(body: string): number {
  const code = `const fs = require('fs');\nconst express = require('express');\nconst app = express();\napp.get('/f', (req, res) => { const p = req.query.p; ${body} });\n`;
  const result = runRules('case.js', code, [pathRule]);
  expect(result.diagnostics).toEqual([]);
  return result.findings.length;
}

describe('indexOf(..) rejections guard a path', () => {
  it.each([
    [`if (p.indexOf('..') === -1) { fs.readFileSync(p); }`],
    [`if (p.indexOf('..') < 0) fs.readFileSync(p);`],
    [`if (p.indexOf('..') !== -1) return res.end(); fs.readFileSync(p);`],
    [`if (p.indexOf('..') >= 0) { return; } fs.readFileSync(p);`],
    [`if (p.indexOf('..') > -1) return; fs.readFileSync(p);`],
  ])('%s', (body) => {
    expect(count(body)).toBe(0);
  });

  it.each([
    [`fs.readFileSync(p);`],
    // The wrong polarity: reads exactly when `..` is present.
    [`if (p.indexOf('..') !== -1) { fs.readFileSync(p); }`],
    // A test for something else.
    [`if (p.indexOf('x') === -1) { fs.readFileSync(p); }`],
  ])('still reports: %s', (body) => {
    expect(count(body)).toBe(1);
  });
});
