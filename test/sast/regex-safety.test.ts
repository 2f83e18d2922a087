import { describe, expect, it } from 'vitest';
import { findRegexProblem } from '../../src/sast/regex-safety.ts';

describe('findRegexProblem', () => {
  it.each([
    ['(a+)+$', '', 'nested-quantifier'],
    ['(a*)*b', '', 'nested-quantifier'],
    ['(\\w+\\s?)*$', '', 'nested-quantifier'],
    ['(a+|b)*c', '', 'nested-quantifier'],
    ['^(([a-z])+.)+[A-Z]([a-z])+$', '', 'nested-quantifier'],
    ['(?:x{2,})+y', '', 'nested-quantifier'],
    ['(a|a)*$', '', 'overlapping-alternation'],
    ['(\\w|\\d)+$', '', 'overlapping-alternation'],
    ['(.|\\s)*<', '', 'overlapping-alternation'],
    ['(A|a)+$', 'i', 'overlapping-alternation'],
    ['([a-c]|[b-d])+$', '', 'overlapping-alternation'],
    // An escape the single-character alternative can also match, character by character.
    ['"(?:\\\\[\\x00-\\x7f]|[^\\x00-\\x08\\x0a-\\x1f\\x7f"])*"', '', 'overlapping-alternation'],
    ['(?:ab|[a-z])*$', '', 'overlapping-alternation'],
    ['(.*a){12}', '', 'repeated-loop'],
    ['(\\w+,?){5}$', '', 'repeated-loop'],
    // ssri before CVE-2021-27290: the '?' delimiter is also in the inner class.
    ['^([^-]+)-([A-Za-z0-9+/=]{44,88})(\\?[\\x21-\\x7E]*)*$', '', 'nested-quantifier'],
    ['(?:\\/\\*[\\s\\S]*\\*\\/\\s*|\\/\\/.*\\n)*\\{', '', 'nested-quantifier'],
  ])('%s /%s is %s', (pattern, flags, kind) => {
    expect(findRegexProblem(pattern, flags)?.kind).toBe(kind);
  });

  it.each([
    '^[a-z0-9]+$',
    '(\\s*,\\s*\\w+)*',
    '^([a-z0-9]+\\.)+[a-z]{2,}$',
    '^(\\d{1,3}\\.){3}\\d{1,3}$',
    '(\\d+\\.){3}\\d+',
    '(?:x+y)+',
    '(a|b)*c',
    '(yes|no)+',
    '(A|a)+',
    '^\\d{3}-\\d{4}$',
    '\\s*#?\\s*$',
    '^[^@\\s]+@[^@\\s]+$',
    '(?:[^"\\\\]|\\\\.)*',
    // The escape's backslash is not a character of the other alternative: one way to match.
    '"(?:\\\\[\\x00-\\x7f]|[^\\x00-\\x08\\x0a-\\x1f\\x7f"\\\\])*"',
    '(?:ab|[c-z])*$',
    // A loop at the very end cannot be forced to backtrack: the match just ends there.
    '(a+)+',
    '\\s*(?:\\s|\\/\\/.*|\\/\\*[^]*?\\*\\/)*',
    // A negative lookahead narrows the delimiter; groups and alternatives carry their own.
    '^(?![-?:]).([ \\t]*(?![,:# \\t\\r\\n]).)*$',
    '^(#.*(\\r?\\n))*?#\\s+yarn',
    '^(?:[^{}]|\\{[a-z]+\\})*$',
  ])('%s is safe', (pattern) => {
    expect(findRegexProblem(pattern)).toBeUndefined();
  });

  it('ignores invalid and oversized patterns', () => {
    expect(findRegexProblem('(')).toBeUndefined();
    expect(findRegexProblem('[z-a]')).toBeUndefined();
    expect(findRegexProblem('(a+)+'.repeat(2000))).toBeUndefined();
  });

  it('handles deep nesting without overflowing', () => {
    expect(findRegexProblem('('.repeat(500) + 'a' + ')'.repeat(500))).toBeUndefined();
  });
});
