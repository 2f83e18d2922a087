import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectOs, parseKeyValue } from '../../src/container/os.ts';
import { CORPUS } from './helpers.ts';

function fromCorpus(dir: string) {
  const base = join(CORPUS, 'os-release', dir);
  return detectOs((p) => (existsSync(join(base, p)) ? readFileSync(join(base, p), 'utf8') : undefined));
}

describe('detectOs on real release files', () => {
  it.each([
    ['debian-12-minbase-debootstrap', 'debian', '12.15', 'Debian:12', 'dpkg'],
    ['debian-13', 'debian', '13.5', 'Debian:13', 'dpkg'],
    ['debian-8', 'debian', '8', 'Debian:8', 'dpkg'],
    ['debian-9', 'debian', '9.8', 'Debian:9', 'dpkg'],
    ['ubuntu-22.04', 'ubuntu', '22.04', 'Ubuntu:22.04:LTS', 'dpkg'],
    ['ubuntu-20.04', 'ubuntu', '20.04', 'Ubuntu:20.04:LTS', 'dpkg'],
    ['ubuntu-18.04', 'ubuntu', '18.04', 'Ubuntu:18.04:LTS', 'dpkg'],
    ['alpine-3.18.0-scalibr-literal', 'alpine', '3.18.0', 'Alpine:v3.18', 'apk'],
    ['alpine-release-trivy-vm', 'alpine', '3.17.5', 'Alpine:v3.17', 'apk'],
    ['almalinux-9.4', 'almalinux', '9.4', 'AlmaLinux:9', 'rpm'],
    ['almalinux-8.10', 'almalinux', '8.10', 'AlmaLinux:8', 'rpm'],
    ['rocky-9.3', 'rocky', '9.3', 'Rocky Linux:9', 'rpm'],
    ['rocky-8.10', 'rocky', '8.10', 'Rocky Linux:8', 'rpm'],
    ['rhel-9.4', 'rhel', '9.4', 'Red Hat', 'rpm'],
    ['rhel-8.10', 'rhel', '8.10', 'Red Hat', 'rpm'],
    ['amazonlinux-2', 'amzn', '2', undefined, 'rpm'],
    ['centos-7', 'centos', '7', undefined, 'rpm'],
    ['wolfi', 'wolfi', '20220914', 'Wolfi', 'apk'],
    ['cbl-mariner-2.0', 'mariner', '2.0', 'Azure Linux:2', 'rpm'],
    ['photon-4.0', 'photon', '4.0', 'Photon OS:4.0', 'rpm'],
  ])('%s → %s %s (%s)', (dir, id, version, ecosystem, pm) => {
    const os = fromCorpus(dir);
    expect(os).toMatchObject({ id, version, packageManager: pm });
    expect(os?.ecosystem).toBe(ecosystem);
  });

  it('recognises distroless (no VERSION_ID) and takes the release from debian_version', () => {
    expect(fromCorpus('distroless-debian10')).toMatchObject({
      id: 'debian',
      version: '10.8',
      ecosystem: 'Debian:10',
      distroless: true,
    });
  });

  it('reads Debian testing/unstable without inventing a release', () => {
    expect(fromCorpus('debian-sid')).toMatchObject({ id: 'debian', version: '', ecosystem: 'Debian' });
  });

  it('returns undefined when no release file exists', () => {
    expect(detectOs(() => undefined)).toBeUndefined();
  });

  it('parseKeyValue strips quotes and ignores junk lines', () => {
    expect(parseKeyValue('A="x y"\n# c\nB=\'z\'\nnot a pair\nC=plain')).toEqual({
      A: 'x y',
      B: 'z',
      C: 'plain',
    });
  });
});
