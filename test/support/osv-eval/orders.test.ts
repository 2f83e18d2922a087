import { describe, expect, it } from 'vitest';
import { gem, pep440, semver, VersionSyntaxError, type Order } from './orders.ts';

/** Each list is strictly ascending; every pair must compare accordingly, both ways round. */
function expectAscending(order: Order, versions: string[]) {
  for (let i = 0; i < versions.length; i++) {
    for (let j = 0; j < versions.length; j++) {
      const want = Math.sign(i - j);
      expect(Math.sign(order(versions[i]!, versions[j]!)), `${versions[i]} vs ${versions[j]}`).toBe(want);
    }
  }
}

describe('SemVer 2.0 precedence (§11)', () => {
  it('orders the spec’s own example chain', () => {
    expectAscending(semver, [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '2.0.0',
      '2.1.0',
      '2.1.1',
    ]);
  });

  it('compares numbers numerically, beyond 2^53 too, and ignores build metadata', () => {
    expectAscending(semver, ['1.9.0', '1.10.0', '1.10.9007199254740993', '1.10.9007199254740994']);
    expect(semver('1.0.0+build.1', '1.0.0+other')).toBe(0);
    expect(semver('1.0.0-rc.1+b', '1.0.0-rc.1')).toBe(0);
    expect(semver('1.0.0-x-y', '1.0.0-x')).toBeGreaterThan(0); // hyphens belong to the identifier
  });

  it('reads versions as OSV.dev coerces them: leading v, missing minor/patch, leading zeros', () => {
    expect(semver('1.2', '1.2.0')).toBe(0);
    expect(semver('1', '1.0.0')).toBe(0);
    expect(semver('v1.2.3', '1.2.3')).toBe(0);
    expect(semver('01.02.3', '1.2.3')).toBe(0);
    expect(semver('1.0-rc.1', '1.0.0')).toBeLessThan(0);
  });

  it('refuses anything else instead of guessing', () => {
    for (const bad of ['1.2.3.4', '1.0.0beta', '1.2.3-', '1.2.3-a..b', '1.2.3+', 'latest', '', '1.x'])
      expect(() => semver(bad, '1.0.0'), bad).toThrow(VersionSyntaxError);
    expect(() => semver('1.2.3.4', '1.0.0')).toThrow(/SemVer: cannot read version "1.2.3.4"/);
  });

  it('Go: the same order with or without the leading v; pseudo-versions are prereleases', () => {
    expectAscending(semver, [
      'v0.0.0-20210101000000-abcdefabcdef',
      '0.0.0-20220101000000-abcdefabcdef',
      'v0.1.0',
      '0.2.0',
      'v2.0.0+incompatible',
      'v2.0.1',
    ]);
  });
});

describe('PEP 440 order', () => {
  it('orders the suffixes as the spec’s summary does', () => {
    expectAscending(pep440, [
      '1.0.dev456',
      '1.0a1',
      '1.0a2.dev456',
      '1.0a12.dev456',
      '1.0a12',
      '1.0b1.dev456',
      '1.0b2',
      '1.0b2.post345.dev456',
      '1.0b2.post345',
      '1.0rc1.dev456',
      '1.0rc1',
      '1.0',
      '1.0+abc.5',
      '1.0+abc.7',
      '1.0+5',
      '1.0.post456.dev34',
      '1.0.post456',
      '1.0.15',
      '1.1.dev1',
    ]);
  });

  it('normalises spellings, epochs and trailing zeros', () => {
    expect(pep440('1.0', '1.0.0')).toBe(0);
    expect(pep440('1.0RC1', '1.0rc1')).toBe(0);
    expect(pep440('1.0-alpha.1', '1.0a1')).toBe(0);
    expect(pep440('1.0c1', '1.0rc1')).toBe(0);
    expect(pep440('1.0-1', '1.0.post1')).toBe(0);
    expect(pep440('1.0.rev2', '1.0.post2')).toBe(0);
    expect(pep440('v2.3', '2.3')).toBe(0);
    expect(pep440('1!0.5', '2.0')).toBeGreaterThan(0);
    expect(pep440('1.0.dev', '1.0.dev0')).toBe(0);
  });

  it('refuses legacy versions', () => {
    for (const bad of ['1.0-foo', 'french toast', '1.0+', '', 'x!1.0'])
      expect(() => pep440(bad, '1.0'), bad).toThrow(VersionSyntaxError);
  });
});

describe('RubyGems order', () => {
  it('letters make prereleases, trailing zeros do not count, any number of segments', () => {
    expectAscending(gem, ['1.0.a', '1.0.b1', '1.0.rc1', '1.0', '1.0.1', '1.1', '6.1.7', '6.1.7.3', '10']);
    expect(gem('1.0', '1')).toBe(0);
    expect(gem('1.0.0', '1')).toBe(0);
    expect(gem('1.0.a', '1.a')).toBe(0);
    expect(gem('1.0a1', '1.0.a.1')).toBe(0);
    expect(gem('2.0.0-rc1', '2.0.0.pre.rc1')).toBe(0);
  });

  it('refuses what Gem::Version would', () => {
    for (const bad of ['', 'a1', '1..2', '1.0!'])
      expect(() => gem(bad, '1.0'), bad).toThrow(VersionSyntaxError);
  });
});
