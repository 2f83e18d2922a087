import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { baseEcosystem, knownEcosystems, schemeFor, semverScheme } from '../../../src/sca/versions/index.ts';

/** Each row: a < b in that ecosystem (pairs taken from real releases and the ecosystems' docs). */
const ASCENDING: Record<string, Array<[string, string]>> = {
  npm: [
    ['1.0.0-alpha', '1.0.0-alpha.1'],
    ['1.0.0-alpha.beta', '1.0.0-beta'],
    ['1.0.0-beta.2', '1.0.0-beta.11'],
    ['1.0.0-rc.1', '1.0.0'],
    ['4.17.20', '4.17.21'],
    ['2.6.6', '2.7.0'],
    ['0.0.8', '1.2.0'],
  ],
  PyPI: [
    ['1.0.dev0', '1.0a1'],
    ['1.0a1', '1.0b1'],
    ['1.0b2', '1.0rc1'],
    ['1.0rc1', '1.0'],
    ['1.0', '1.0.post1'],
    ['1.0', '1!0.1'],
    ['2.25.1', '2.31.0'],
    ['1.0', '1.0+local.1'],
    ['legacy-string', '0.0.1'],
  ],
  Go: [
    ['v0.0.0-20210921155107-089bfa567519', 'v0.0.1'],
    ['v1.2.3-pre', 'v1.2.3'],
    ['v1.7.0', '1.7.1'],
    ['0.3.6', 'v0.3.7'],
    ['v1.9.9', 'v1.10.0'],
  ],
  'crates.io': [
    ['0.9.0', '0.10.0'],
    ['1.0.0-alpha', '1.0.0'],
    ['1.2.3', '1.2.4'],
  ],
  RubyGems: [
    ['1.0.a', '1.0'],
    ['1.0.0.pre', '1.0.0'],
    ['6.1.7.2', '6.1.7.3'],
    ['6.1.7', '6.1.7.1'],
    ['1.9', '1.10'],
    ['1.0.0-rc1', '1.0.0'],
    ['2.2.0.rc1', '2.2.0.rc2'],
  ],
  Packagist: [
    ['1.0.0-dev', '1.0.0-alpha'],
    ['1.0.0-alpha', '1.0.0-beta'],
    ['1.0.0-beta', '1.0.0-RC1'],
    ['1.0.0RC1', '1.0.0'],
    ['1.0.0', '1.0.0-pl1'],
    ['v1.0', '1.0.1'],
    ['5.4.9', '5.4.10'],
  ],
};

const EQUAL: Record<string, Array<[string, string]>> = {
  npm: [['1.0.0+build.1', '1.0.0+build.2']],
  PyPI: [
    ['1.0RC1', '1.0rc1'],
    ['1.0', '1.0.0'],
  ],
  Go: [['v1.2.3', '1.2.3']],
  RubyGems: [['1.0', '1']],
  Packagist: [['v1.0.0', '1.0.0']],
};

describe('version schemes', () => {
  for (const [eco, pairs] of Object.entries(ASCENDING)) {
    it(`orders ${eco} versions`, () => {
      const scheme = schemeFor(eco)!;
      expect(scheme).toBeDefined();
      for (const [a, b] of pairs) {
        expect(scheme.compare(a, b), `${a} < ${b}`).toBeLessThan(0);
        expect(scheme.compare(b, a), `${b} > ${a}`).toBeGreaterThan(0);
      }
      for (const [a, b] of EQUAL[eco] ?? []) expect(scheme.compare(a, b), `${a} = ${b}`).toBe(0);
    });
  }

  it('looks ecosystems up without their release suffix', () => {
    expect(baseEcosystem('Debian:12')).toBe('Debian');
    expect(schemeFor('npm')).toBe(schemeFor('npm:anything'));
    expect(schemeFor('NoSuchEcosystem')).toBeUndefined();
    expect(schemeFor('constructor')).toBeUndefined();
  });

  it('SEMVER ranges use SemVer 2.0 whatever the ecosystem', () => {
    expect(semverScheme.compare('1.0.0-alpha.1', '1.0.0-alpha.beta')).toBeLessThan(0);
    expect(semverScheme.compare('1.0.0-rc.1', '1.0.0')).toBeLessThan(0);
    expect(semverScheme.compare('1.2', '1.2.0')).toBe(0);
    expect(semverScheme.isValid('not.a.version')).toBe(false);
  });

  it('stays a total order on arbitrary strings (antisymmetric, never throws)', () => {
    for (const eco of knownEcosystems()) {
      const scheme = schemeFor(eco)!;
      fc.assert(
        fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (a, b) => {
          const ab = Math.sign(scheme.compare(a, b));
          const ba = Math.sign(scheme.compare(b, a));
          expect(ab).toBe(-ba || 0);
          expect(typeof scheme.isValid(a)).toBe('boolean');
        }),
        { numRuns: 300 },
      );
    }
  });
});
