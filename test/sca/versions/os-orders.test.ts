import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../../container/helpers.ts';
import { parseDpkgStatus } from '../../../src/container/pkgdb/dpkg.ts';
import { apk, compareApk, isValidApk } from '../../../src/sca/versions/apk.ts';
import { compareDpkg, dpkg } from '../../../src/sca/versions/dpkg.ts';
import { schemeFor } from '../../../src/sca/versions/index.ts';
import { compareRpm, rpm, rpmvercmp } from '../../../src/sca/versions/rpm.ts';

const sign = (n: number) => Math.sign(n);

describe('dpkg order (Debian Policy §5.6.12)', () => {
  it.each([
    ['1.0~rc1', '1.0', -1],
    ['1.0', '1.0-0', 0],
    ['1:1.0', '2.0', 1],
    ['5.2.15-2+b13', '5.2.15-2', 1],
    ['2.36-9+deb12u14', '2.36-9+deb12u4', 1],
    ['1.0a', '1.0+', -1],
    ['1.0~~', '1.0~', -1],
    ['2.38.1-5+deb12u3', '1:2.38.1-5+deb12u3', -1],
    ['1.1.0l-1~deb9u6', '1.1.0l-1', -1],
    ['2021a-0+deb9u4', '2021a-0+deb9u3', 1],
  ] as const)('%s vs %s → %i', (a, b, want) => {
    expect(sign(compareDpkg(a, b))).toBe(want);
    expect(sign(compareDpkg(b, a))).toBe(-want || 0);
  });

  it("agrees with this machine's `dpkg --compare-versions` on real version pairs from the corpus", () => {
    const versions = new Set<string>();
    for (const f of ['debian12-this-machine', 'trivy-ubuntu1804', 'debian12-minbase-debootstrap']) {
      for (const p of parseDpkgStatus('s', readFileSync(`${CORPUS}/dpkg/${f}/var/lib/dpkg/status`, 'utf8'))
        .packages) {
        versions.add(p.version);
        versions.add(p.sourceVersion);
      }
    }
    const list = [...versions].sort();
    // Neighbours in string order share prefixes: the pairs where the order is subtle.
    const pairs: [string, string][] = [];
    for (
      let i = 0;
      i + 1 < list.length && pairs.length < 120;
      i += Math.max(1, Math.floor(list.length / 120))
    )
      pairs.push([list[i]!, list[i + 1]!]);
    for (const [a, b] of pairs) {
      const lt = (() => {
        try {
          execFileSync('dpkg', ['--compare-versions', a, 'lt', b]);
          return true;
        } catch {
          return false;
        }
      })();
      expect(compareDpkg(a, b) < 0, `${a} < ${b}`).toBe(lt);
    }
    expect(pairs.length).toBeGreaterThan(100);
  });

  it('validates versions', () => {
    expect(dpkg.isValid('1:2.38.1-5+deb12u3')).toBe(true);
    expect(dpkg.isValid('not a version')).toBe(false);
  });
});

describe('apk order (apk-tools version.c)', () => {
  it.each([
    ['1.2.4-r0', '1.2.4-r3', -1],
    ['1.2.4_git20230717-r4', '1.2.4_git20230717-r5', -1],
    ['1.2.4_git20230717-r4', '1.2.4-r3', 1],
    ['1.2.3-r4', '1.2.3-r6', -1],
    ['1.2.5-r9', '1.2.5-r10', -1],
    ['1.0_rc1', '1.0', -1],
    ['1.0_alpha', '1.0_beta', -1],
    ['1.0_p1', '1.0', 1],
    ['1.01', '1.1', -1],
    ['1.0a', '1.0', 1],
    ['1.0a', '1.0b', -1],
    ['1.0-r1', '1.0', 1],
    ['3.1.0-r4', '3.1.0-r10', -1],
    ['1.36.0-r9', '1.36.1-r0', -1],
    ['1.1.1q-r0', '1.1.1t-r0', -1],
    ['2.0', '2.0.0', -1],
  ] as const)('%s vs %s → %i', (a, b, want) => {
    expect(compareApk(a, b)).toBe(want);
    expect(compareApk(b, a)).toBe(-want || 0);
  });

  it('orders every version in the corpus apk databases consistently and accepts them as valid', () => {
    const versions = ['scalibr-installed', 'syft-multiple-1', 'syft-multiple-2', 'trivy-apk'].flatMap((d) =>
      [...readFileSync(`${CORPUS}/apk/${d}/lib/apk/db/installed`, 'utf8').matchAll(/^V:(.+)$/gm)].map(
        (m) => m[1]!,
      ),
    );
    for (const v of versions) expect(isValidApk(v), v).toBe(true);
    const sorted = [...versions].sort(compareApk);
    for (let i = 0; i + 1 < sorted.length; i++)
      expect(compareApk(sorted[i]!, sorted[i + 1]!)).toBeLessThanOrEqual(0);
    expect(apk.isValid('1.0-x')).toBe(false);
  });
});

describe('rpm order (rpmvercmp)', () => {
  it.each([
    ['1.0~rc1', '1.0', -1],
    ['1.0^git1', '1.0', 1],
    ['1.0^git1', '1.0.1', -1],
    ['1:1.0-1', '2.0-1', 1],
    ['1.1.1k-5.el8_5', '1.1.1k-12.el8_9', -1],
    ['2.0a', '2.0', 1],
    ['1.0a', '1.0.1', -1],
    ['2.34-2.cm2', '2.34-2.cm2', 0],
    ['1.10', '1.9', 1],
    ['0:1.0-1', '1.0-1', 0],
    ['1.0-1', '1.0', 1],
  ] as const)('%s vs %s → %i', (a, b, want) => {
    expect(compareRpm(a, b)).toBe(want);
    expect(compareRpm(b, a)).toBe(-want || 0);
  });

  it('rpmvercmp treats separators alike and numbers above letters', () => {
    expect(rpmvercmp('1.0', '1_0')).toBe(0);
    expect(rpmvercmp('1.a', '1.1')).toBe(-1);
    expect(rpm.isValid('2.34-2.cm2')).toBe(true);
  });
});

describe('registry', () => {
  it('maps OS ecosystems to their orders', () => {
    expect(schemeFor('Debian:12')).toBe(dpkg);
    expect(schemeFor('Ubuntu:22.04:LTS')).toBe(dpkg);
    expect(schemeFor('Alpine:v3.18')).toBe(apk);
    expect(schemeFor('Wolfi')).toBe(apk);
    expect(schemeFor('Rocky Linux:9')).toBe(rpm);
    expect(schemeFor('AlmaLinux:8')).toBe(rpm);
  });
});
