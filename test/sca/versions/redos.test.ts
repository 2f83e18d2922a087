import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packagist } from '../../../src/sca/versions/packagist.ts';
import { rubygems } from '../../../src/sca/versions/rubygems.ts';

/**
 * The patterns the schemes used before they were made linear, as references for the language
 * each must still accept. Only ever run here, on short strings: on long hostile ones the first
 * backtracks exponentially, the second quadratically.
 */
const PACKAGIST_REFERENCE = (v: string) => /^[vV]?\d+(?:[.\-_+]?[0-9A-Za-z]+)*$/.test(v.trim());
const RUBYGEMS_REFERENCE = (v: string) =>
  v.trim() !== '' && /^\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?\s*$/.test(v);

/** Short strings over the characters these patterns care about, plus whitespace and strays. */
const shortVersion = (chars: string[]) =>
  fc.array(fc.constantFrom(...chars), { maxLength: 14 }).map((cs) => cs.join(''));

describe('version validity is linear and unchanged', () => {
  it('Packagist accepts exactly what its old pattern accepted', () => {
    const chars = ['v', 'V', '0', '1', '9', 'a', 'Z', 'p', '.', '-', '_', '+', ' ', '\t', '!', '~'];
    fc.assert(
      fc.property(shortVersion(chars), (v) => packagist.isValid(v) === PACKAGIST_REFERENCE(v)),
      { numRuns: 20_000 },
    );
    for (const v of ['1', 'v1.0.0', 'V2.1-beta2', '1.0.0-RC1', '2.1_p1', '1.0+build', '1a', ' 1.0 '])
      expect(packagist.isValid(v), v).toBe(true);
    for (const v of ['', 'v', '.1', '1.', '1..0', '1.-0', 'x1', '1.0 beta', '1!'])
      expect(packagist.isValid(v), v).toBe(false);
  });

  it('RubyGems accepts exactly what its old pattern accepted', () => {
    const chars = ['0', '1', '9', 'a', 'Z', '.', '-', '_', ' ', '\t', '\n', '\u00a0', '!'];
    fc.assert(
      fc.property(shortVersion(chars), (v) => rubygems.isValid(v) === RUBYGEMS_REFERENCE(v)),
      { numRuns: 20_000 },
    );
    for (const v of ['1', '6.1.7.3', '1.0.a', '1.0-rc-1.2', ' 2.0\n'])
      expect(rubygems.isValid(v), v).toBe(true);
    for (const v of ['', '   ', 'a1', '1.', '1.0.', '1 .0']) expect(rubygems.isValid(v), v).toBe(false);
  });

  // No timer: before the rewrite these did not return within the test timeout at all.
  it('Packagist answers at once on hostile 10,000-character versions', () => {
    for (const v of [
      `1${'a'.repeat(10_000)}!`,
      `1${'1a'.repeat(5_000)}.`,
      `v1${'.a'.repeat(5_000)}..`,
      `1${'0'.repeat(10_000)}-`,
    ])
      expect(packagist.isValid(v)).toBe(false);
    expect(packagist.isValid(`1${'.a1'.repeat(3_333)}`)).toBe(true);
  });

  it('RubyGems answers at once on hostile whitespace runs', () => {
    expect(rubygems.isValid(`${' '.repeat(1_000_000)}!`)).toBe(false);
    expect(rubygems.isValid(`1${'.0'.repeat(5_000)}${' '.repeat(1_000_000)}!`)).toBe(false);
    expect(rubygems.isValid(`${' '.repeat(1_000_000)}1.0${' '.repeat(1_000_000)}`)).toBe(true);
  });
});
