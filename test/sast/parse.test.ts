import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  declareThreadStack,
  isSastFile,
  OXC_STACK_BYTES_PER_CHAR,
  ParseError,
  parseSource,
  STACK_RESERVE_BYTES,
} from '../../src/sast/parse.ts';
import type { RuleCases } from '../../src/sast/rule.ts';

describe('isSastFile', () => {
  it('takes JS/TS sources and leaves declaration files out', () => {
    for (const p of ['a.js', 'a.jsx', 'a.mjs', 'a.cjs', 'a.ts', 'a.tsx', 'a.mts', 'a.cts', 'd.ts.js'])
      expect(isSastFile(p), p).toBe(true);
    for (const p of ['a.d.ts', 'a.d.mts', 'a.d.cts', 'a.json', 'a.ts.map'])
      expect(isSastFile(p), p).toBe(false);
  });
});

const BIG_STACK = 1024 ** 3;
const DEFAULT_STACK = 4 * 1024 * 1024;

/** Oxc's nodes carry `start`/`end` besides `range`; typescript-estree's do not. */
const byOxc = (ast: object): boolean => 'start' in ast;

/**
 * A tree as plain data, for comparing the two parsers: positions as ranges only, no parent links,
 * and an absent optional child the same whether it is missing, undefined or null. `sourceType` is
 * left out: the parsers guess it differently for a file with neither import nor export, and
 * vigil never reads it (scope analysis always runs as for a module).
 */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value instanceof RegExp || typeof value === 'bigint') return String(value);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (['parent', 'loc', 'start', 'end', 'comments', 'tokens', 'hashbang', 'sourceType'].includes(key))
      continue;
    if (child === null || child === undefined) continue;
    out[key] = shape(child);
  }
  return out;
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => isSastFile(p))
    .map((p) => join(dir, p));
}

describe('parseSource', () => {
  afterEach(() => declareThreadStack(DEFAULT_STACK));

  it('gives the tree typescript-estree gives, node for node, on the corpus and every rule case', async () => {
    const samples: Array<[string, string]> = sourcesUnder('test/corpus').map((p) => [
      relative('.', p),
      readFileSync(p, 'utf8'),
    ]);
    for (const file of readdirSync('rules/js').filter((f) => f.endsWith('.cases.ts'))) {
      const cases = (await import(`../../rules/js/${file}`)).default as RuleCases;
      for (const c of [...cases.valid, ...cases.invalid]) samples.push([c.filename ?? 'case.ts', c.code]);
    }
    expect(samples.length).toBeGreaterThan(300);
    let compared = 0;
    for (const [path, text] of samples) {
      declareThreadStack(BIG_STACK);
      let oxc;
      try {
        oxc = parseSource(path, text);
      } catch {
        continue; // a case that is not valid code: both parsers must reject it (next test)
      }
      declareThreadStack(0);
      const estree = parseSource(path, text);
      if (!byOxc(oxc)) continue; // Oxc rejected it and typescript-estree parsed it: both trees are estree's
      expect(byOxc(estree), path).toBe(false);
      expect(shape(oxc), path).toEqual(shape(estree));
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('hands typescript-estree what Oxc rejects, once Flow is ruled out: `return` at the top of a script', () => {
    declareThreadStack(BIG_STACK);
    expect(byOxc(parseSource('a.js', 'const a = 1;\n'))).toBe(true);
    // Flow goes to Oxc with its annotations blanked: typescript-estree (and TypeScript) stay unloaded.
    const flow = parseSource('a.js', '// @flow\nexport function f(x: number): number {\n  return x;\n}\n');
    expect(byOxc(flow)).toBe(true);
    expect(flow.body).toHaveLength(1);
    const script = parseSource('bin.js', "if (!module.parent) return;\nrequire('./main');\n");
    expect(byOxc(script)).toBe(false);
    expect(script.body).toHaveLength(2);
  });

  it('sends a text to Oxc only when the stack holds its deepest possible nesting', () => {
    const text = 'f(a);\n'.repeat(1000);
    declareThreadStack(text.length * OXC_STACK_BYTES_PER_CHAR + STACK_RESERVE_BYTES);
    expect(byOxc(parseSource('a.js', text))).toBe(true);
    declareThreadStack(text.length * OXC_STACK_BYTES_PER_CHAR + STACK_RESERVE_BYTES - 1);
    expect(byOxc(parseSource('a.js', text))).toBe(false);
  });

  it('survives nesting deep enough to overflow a native parser: typescript-estree refuses it by name', () => {
    // 100,000 levels overflow Oxc's stack on any thread this size (a segmentation fault, not an
    // exception); with the 4 MB assumed here the text never reaches it.
    const deep = `x = ${'('.repeat(100_000)}1${')'.repeat(100_000)};`;
    expect(() => parseSource('deep.js', deep)).toThrow(/deep\.js: too deeply nested to parse/);
  });

  it('reads comments from either parser with the same types, values and ranges', () => {
    const text = '/** doc */\nconst a = 1; // line\n/* block */ f(a);\n';
    const expected = [
      ['Block', '* doc ', [0, 10]],
      ['Line', ' line', [24, 31]],
      ['Block', ' block ', [32, 43]],
    ];
    for (const stack of [BIG_STACK, 0]) {
      declareThreadStack(stack);
      const ast = parseSource('a.ts', text);
      expect(ast.comments?.map((c) => [c.type, c.value, c.range])).toEqual(expected);
      expect(ast.comments).toBe(ast.comments);
    }
  });

  it('names the file and line of a syntax error, whichever parser tried first', () => {
    for (const stack of [BIG_STACK, 0]) {
      declareThreadStack(stack);
      expect(() => parseSource('bad.ts', 'const = ;')).toThrow(ParseError);
      expect(() => parseSource('bad.ts', '\nconst = ;')).toThrow(/^bad\.ts:2: /);
    }
  });

  it('reads a Flow-annotated file as the JavaScript it is, every position where it was', () => {
    const flow = [
      '// @flow',
      "import type { Req } from './types';",
      'type Opts = {| cmd: string, limit?: ?number |};',
      'export function run(req: Req, opts: Opts): Promise<void> {',
      '  return exec((req.query.cmd: any), opts);',
      '}',
    ].join('\n');
    const ast = parseSource('run.js', flow);
    const fn = ast.body.find((n) => n.type === 'ExportNamedDeclaration')!;
    expect(flow.slice(...fn.range)).toMatch(/^export function run\(req: Req, opts: Opts\)/);
    const call = JSON.stringify(ast.body.at(-1));
    expect(call).toContain('"name":"exec"');
    // Still a syntax error when it is not Flow either; TypeScript files are never stripped.
    expect(() => parseSource('bad.js', 'const x: number = ;')).toThrow(/^bad\.js:1: /);
    expect(() => parseSource('t.ts', 'const x: {| a: 1 |} = 1;')).toThrow(ParseError);
  });
});
