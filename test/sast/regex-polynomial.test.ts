import { describe, expect, it } from 'vitest';
import { findPolynomialProblem } from '../../src/sast/regex-polynomial.ts';

describe('findPolynomialProblem', () => {
  it('finds an unanchored leading loop followed by something that can fail, naming the pumped character', () => {
    expect(findPolynomialProblem('\\s+$')).toEqual({ part: '\\s+', pump: "' '" });
    expect(findPolynomialProblem('^\\s+|\\s+$', 'g')).toEqual({ part: '\\s+', pump: "' '" });
    expect(findPolynomialProblem('x+y')).toEqual({ part: 'x+', pump: "'x'" });
    expect(findPolynomialProblem('[0-9]*px')).toEqual({ part: '[0-9]*', pump: "'0'" });
  });

  it('finds adjacent loops that share a character, also through groups and lazy quantifiers', () => {
    expect(findPolynomialProblem('^\\s*(.*?)\\s*$')).toEqual({ part: '\\s*(.*?)', pump: "' '" });
    expect(findPolynomialProblem('^key\\s*=\\s*(.*)$')).toEqual({ part: '\\s*(.*)', pump: "' '" });
    expect(findPolynomialProblem('^A+a*!', 'i')).toEqual({ part: 'A+a*', pump: "'a'" });
  });

  it('counts leading characters the first loop also matches as more start positions, and splits across a shared character', () => {
    expect(findPolynomialProblem(',.*\\}')).toEqual({ part: ',.*', pump: "','" });
    expect(findPolynomialProblem('[{[].*\\/.*[}\\]]$')).toEqual({ part: '[{[].*', pump: "'['" });
    expect(findPolynomialProblem('^x.*\\/.*[}\\]]$')).toEqual({ part: '.*\\/.*', pump: "'/'" });
    for (const p of ['"[^"]*"', ',\\s*\\w+;', '^x[^/]*\\/.*!', '^a+b+c'])
      expect(findPolynomialProblem(p), p).toBeUndefined();
  });

  it('follows each path through optional groups and alternations, and takes a group loop repeating one character alone for a loop over it', () => {
    // `(?:=[a-z]*)*` can repeat `=` alone: beside `[=?]*` on the path taking the optional group.
    expect(findPolynomialProblem('^@[=?]*(?:(?:[a-z]*(?:=[a-z]*)*)?!|(?:\\d(?:=\\d)*)?#)')).toEqual({
      part: '[=?]*[a-z]*(?:=[a-z]*)*',
      pump: "'='",
    });
    // Each `=` now needs a letter after it: the run of `=` belongs to the first loop alone.
    for (const p of ['^@[=?]*(?:(?:(?:=[a-z]+)*|[a-z]+(?:=[a-z]*)*)?!|#)', '^(?:=[a-z]*)*!'])
      expect(findPolynomialProblem(p), p).toBeUndefined();
  });

  it('takes an optional loop for a loop: `(?:\\d+)?` is `\\d*`', () => {
    expect(findPolynomialProblem('^((?:\\d+)?\\.?\\d+) *(ms|s)?$', 'i')).toEqual({
      part: '(?:\\d+)?\\.?\\d+',
      pump: "'0'",
    });
    expect(findPolynomialProblem('^(?:[a-z]+)?-\\d+$')).toBeUndefined(); // neighbours disjoint
    expect(findPolynomialProblem('^(?:\\d+){2}\\d+$')).toBeUndefined(); // not optional: {2}
  });

  it('leaves linear shapes alone', () => {
    for (const p of [
      '^x+y', // anchored: one start position
      '\\s+', // nothing after the loop can fail
      '[,;]\\s*',
      '^[a-z]+-[0-9]+$', // neighbours disjoint
      '^[^@]+@[^@]+$',
      '^\\d+\\.\\d+$',
    ])
      expect(findPolynomialProblem(p), p).toBeUndefined();
    expect(findPolynomialProblem('\\s+$', 'y')).toBeUndefined(); // sticky: anchored
    expect(findPolynomialProblem('(unclosed')).toBeUndefined();
    expect(findPolynomialProblem(`${'a'.repeat(6000)}+$`)).toBeUndefined();
  });
});
