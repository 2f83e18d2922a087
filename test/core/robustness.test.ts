import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/core/config/loader.ts';
import { parseSuppressions } from '../../src/core/suppressions.ts';

/** Whatever text arrives, the parsers answer with a result or a ConfigError — never a crash. */
describe('hostile input', () => {
  it('parseConfig throws only ConfigError, with a line when it has one', () => {
    const yamlish = fc.stringMatching(/^[a-zA-Z0-9 :\-\n[\]{}&*!|>'",#.\t]*$/, { maxLength: 300 });
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.string({ maxLength: 300 })), (text) => {
        try {
          parseConfig(text, '.vigil.yml');
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          for (const issue of (error as ConfigError).issues) expect(issue.file).toBe('.vigil.yml');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('parseConfig validates known keys with arbitrary values without crashing', () => {
    const keys = ['scanners', 'failOn', 'include', 'rules', 'ignore', 'sca', 'maxFileSize', 'github'];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }), (key, value) => {
        try {
          parseConfig(JSON.stringify({ [key]: value }), 'c.yml');
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as Error).message).toMatch(/^c\.yml(:\d+)?: /);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('parseSuppressions never throws and reports every malformed directive', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc
        .tuple(
          fc.constantFrom('//', '/*', '#', '<!--', ''),
          fc.constantFrom('vigil-ignore-line', 'vigil-ignore-next-line', 'vigil-ignore-file'),
          fc.string({ maxLength: 40 }),
        )
        .map(([opener, kind, rest]) => `x ${opener} ${kind}${rest}`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        const { directives, problems } = parseSuppressions('f.ts', lines.join('\n'));
        for (const d of directives) {
          expect(d.ids.length).toBeGreaterThan(0);
          expect(d.reason).not.toBe('');
        }
        for (const p of problems) expect(p.ruleId).toBe('vigil/invalid-suppression');
      }),
      { numRuns: 500 },
    );
  });
});
