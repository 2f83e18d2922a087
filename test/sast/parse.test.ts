import { describe, expect, it } from 'vitest';
import { isSastFile, ParseError, parseSource } from '../../src/sast/parse.ts';

describe('isSastFile', () => {
  it('takes JS/TS sources and leaves declaration files out', () => {
    for (const p of ['a.js', 'a.jsx', 'a.mjs', 'a.cjs', 'a.ts', 'a.tsx', 'a.mts', 'a.cts', 'd.ts.js'])
      expect(isSastFile(p), p).toBe(true);
    for (const p of ['a.d.ts', 'a.d.mts', 'a.d.cts', 'a.json', 'a.ts.map'])
      expect(isSastFile(p), p).toBe(false);
  });
});

describe('parseSource', () => {
  it('collects comments only when they are read, with the same ranges as a parse that keeps them', () => {
    const text = '/** doc */\nconst a = 1; // line\n/* block */ f(a);\n';
    const ast = parseSource('a.ts', text);
    expect(ast.comments?.map((c) => [c.type, c.value, c.range, c.loc.start.line])).toEqual([
      ['Block', '* doc ', [0, 10], 1],
      ['Line', ' line', [24, 31], 2],
      ['Block', ' block ', [32, 43], 3],
    ]);
    expect(ast.comments).toBe(ast.comments);
  });

  it('names the file and line of a syntax error', () => {
    expect(() => parseSource('bad.ts', 'const = ;')).toThrow(ParseError);
    expect(() => parseSource('bad.ts', 'const = ;')).toThrow(/^bad\.ts:1: /);
  });
});
