/**
 * A program's argument array (src/sast/taint/argv.ts, SinkSpec.argv): which text starts fixed, and
 * the `deny-dash` guards in each polarity.
 */
import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../src/sast/engine.ts';
import { fixedLead, textPieces } from '../../../src/sast/taint/argv.ts';
import rule from '../../../rules/js/argument-injection.ts';

/** The expression of `code`, with identifiers named `x…` as the untrusted pieces. */
function startsFixed(code: string): boolean {
  const statement = parse(code).body[0] as TSESTree.ExpressionStatement;
  return fixedLead(
    textPieces(statement.expression),
    (n) => n.type === 'Identifier' && n.name.startsWith('x'),
  );
}

describe('fixedLead', () => {
  it.each([
    ["'refs/heads/' + x"],
    ['`HEAD:${x}`'],
    ["'--depth=' + x"],
    ['`--${name}=${x}`'],
    ["'-D' + 'key=' + x"],
    ["' ' + x"],
  ])('%s cannot become an option', (code) => {
    expect(startsFixed(code)).toBe(true);
  });

  it.each([
    ['x'],
    ["x + '/HEAD'"],
    ["'-' + x"],
    ["'--' + x"],
    ['`-o${x}`'],
    // The program's own value may be empty.
    ["base + '/' + x"],
    ["'' + x"],
  ])('%s may', (code) => {
    expect(startsFixed(code)).toBe(false);
  });
});

describe('a value starting with a dash rejected', () => {
  const count = (body: string) => {
    const code = `const { spawn } = require('child_process');\napp.get('/g', (req, res) => { const r = req.query.r; ${body} });\n`;
    const result = runRules('case.js', code, [rule]);
    expect(result.diagnostics).toEqual([]);
    return result.findings.length;
  };

  it.each([
    [`if (r.startsWith('-')) return; spawn('git', ['fetch', r]);`],
    [`if (!r.startsWith('-')) spawn('git', ['fetch', r]);`],
    [`if (/^-/.test(r)) throw new Error(); spawn('git', ['fetch', r]);`],
    [`if (/^\\-/.test(r)) return; spawn('git', ['fetch', r]);`],
    [`if (r[0] === '-') return; spawn('git', ['fetch', r]);`],
    [`if ('-' !== r.charAt(0)) spawn('git', ['fetch', r]);`],
    [`r.at(0) === '-' ? res.end() : spawn('git', ['fetch', r]);`],
  ])('%s', (body) => {
    expect(count(body)).toBe(0);
  });

  it.each([
    [`spawn('git', ['fetch', r]);`],
    // The wrong polarity, another prefix, another character.
    [`if (r.startsWith('-')) spawn('git', ['fetch', r]);`],
    [`if (r.startsWith('--')) return; spawn('git', ['fetch', r]);`],
    [`if (/^--/.test(r)) return; spawn('git', ['fetch', r]);`],
    [`if (r[1] === '-') return; spawn('git', ['fetch', r]);`],
  ])('still reports: %s', (body) => {
    expect(count(body)).toBe(1);
  });
});
