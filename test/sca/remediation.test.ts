import { describe, expect, it } from 'vitest';
import {
  describeGroup,
  groupUpgrades,
  rangeAdmits,
  remediate,
  upgradeKind,
} from '../../src/sca/remediation.ts';

describe('remediation', () => {
  it('classifies upgrades, treating a 0.x minor bump as breaking', () => {
    expect(upgradeKind('npm', '4.17.20', '4.17.21')).toBe('patch');
    expect(upgradeKind('npm', '6.0.2', '6.4.2')).toBe('minor');
    expect(upgradeKind('npm', '0.10.0', '1.3.0')).toBe('major');
    expect(upgradeKind('npm', '0.2.1', '0.3.0')).toBe('major');
    expect(upgradeKind('npm', '0.2.1', '0.2.5')).toBe('patch');
    expect(upgradeKind('Go', 'v1.2.3', '1.3.0')).toBe('minor');
    expect(upgradeKind('PyPI', '1!1.0', '1!2.0')).toBe('major');
    expect(upgradeKind('Debian:12', '1.0-1', '1.0-2')).toBe('unknown');
  });

  it("reads declared ranges in the ecosystem's syntax", () => {
    expect(rangeAdmits('npm', '^4.17.0', '4.17.21')).toBe(true);
    expect(rangeAdmits('npm', '~6.0.2', '6.4.2')).toBe(false);
    expect(rangeAdmits('npm', 'github:user/repo', '1.0.0')).toBeUndefined();
    expect(rangeAdmits('crates.io', '0.10', '0.10.2')).toBe(true);
    expect(rangeAdmits('crates.io', '0.10', '0.11.0')).toBe(false);
    expect(rangeAdmits('PyPI', '>=2.0,<3', '2.31.0')).toBe(true);
    expect(rangeAdmits('PyPI', '==2.25.1', '2.31.0')).toBe(false);
    expect(rangeAdmits('RubyGems', '~> 2.2', '2.2.6.4')).toBeUndefined();
  });

  it('says whether a lockfile refresh suffices for a direct dependency', () => {
    expect(remediate('npm', '4.17.20', '4.17.21', true, '^4.17.0')).toEqual({
      fixedVersion: '4.17.21',
      upgrade: 'patch',
      declaredRange: '^4.17.0',
      fixWithinRange: true,
    });
    expect(remediate('npm', '0.10.0', '1.3.0', true, '^0.10.0')).toMatchObject({
      upgrade: 'major',
      fixWithinRange: false,
    });
    expect(remediate('npm', '1.2.0', '1.2.8', false, undefined)).toEqual({
      fixedVersion: '1.2.8',
      upgrade: 'patch',
    });
  });

  it('groups fixes per lockfile and installed version: upgrade X to Y fixes N advisories', () => {
    const groups = groupUpgrades([
      {
        source: 'a/package-lock.json',
        ecosystem: 'npm',
        name: 'minimist',
        version: '1.2.0',
        fixedVersion: '1.2.6',
        advisoryId: 'GHSA-xvch-5gv4-984h',
      },
      {
        source: 'a/package-lock.json',
        ecosystem: 'npm',
        name: 'minimist',
        version: '1.2.0',
        fixedVersion: '1.2.3',
        advisoryId: 'GHSA-vh95-rmgr-6w4m',
      },
      {
        source: 'a/package-lock.json',
        ecosystem: 'npm',
        name: 'minimist',
        version: '0.0.8',
        fixedVersion: '0.2.4',
        advisoryId: 'GHSA-xvch-5gv4-984h',
      },
      {
        source: 'a/package-lock.json',
        ecosystem: 'npm',
        name: 'qs',
        version: '6.5.2',
        fixedVersion: '6.5.3',
        advisoryId: 'GHSA-hrpp-h998-j3pp',
      },
      {
        source: 'b/package-lock.json',
        ecosystem: 'npm',
        name: 'qs',
        version: '6.5.2',
        fixedVersion: '6.5.3',
        advisoryId: 'GHSA-hrpp-h998-j3pp',
      },
    ]);
    expect(groups.map(describeGroup)).toEqual([
      'upgrade minimist to 1.2.6: fixes 2 advisories',
      'upgrade minimist to 0.2.4: fixes 1 advisory (major upgrade)',
      'upgrade qs to 6.5.3: fixes 1 advisory',
      'upgrade qs to 6.5.3: fixes 1 advisory',
    ]);
    expect(groups[0]!.from).toBe('1.2.0');
  });
});
