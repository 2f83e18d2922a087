/**
 * Guards (src/sast/taint/guards.ts): a test that rejects `..` before a file access, spelled with
 * indexOf in each polarity, protects the path; the same access without it is reported.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../src/sast/engine.ts';
import pathRule from '../../../rules/js/path-traversal.ts';
import commandRule from '../../../rules/js/command-injection.ts';
import nosqlRule from '../../../rules/js/nosql-injection.ts';

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

describe('typeof checks guard by the type they prove', () => {
  const run = (rule: typeof pathRule, body: string) => {
    const code = `const { exec } = require('child_process');\nconst app = require('express')();\napp.post('/x', (req, res) => { const v = req.body.v; ${body} });\n`;
    const result = runRules('case.js', code, [rule]);
    expect(result.diagnostics).toEqual([]);
    return result.findings.filter((f) => f.flow).length;
  };

  it('a number or a boolean clears an injection of text; a string does not', () => {
    expect(run(commandRule, `if (typeof v === 'number') exec('kill ' + v);`)).toBe(0);
    expect(run(commandRule, `if (typeof v !== 'boolean') return; exec('x ' + v);`)).toBe(0);
    expect(run(commandRule, `if (typeof v === 'string' && v.match(/a/)) exec('identify ' + v);`)).toBe(1);
    expect(run(commandRule, `if (typeof v !== 'string') return; exec('identify ' + v);`)).toBe(1);
  });

  it('a string clears NoSQL operator injection, which needs an object', () => {
    expect(run(nosqlRule, `if (typeof v === 'string') User.findOne({ name: v });`)).toBe(0);
    expect(run(nosqlRule, `if (typeof v !== 'string') return; User.findOne({ name: v });`)).toBe(0);
    expect(run(nosqlRule, `User.findOne({ name: v });`)).toBe(1);
  });
});
