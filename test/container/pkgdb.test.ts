import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseApkInstalled } from '../../src/container/pkgdb/apk.ts';
import { isDpkgDatabase, parseDpkgStatus } from '../../src/container/pkgdb/dpkg.ts';
import {
  berkeleyBlobs,
  isRpmDatabase,
  ndbBlobs,
  parseRpmDatabase,
  parseRpmHeader,
  sourceRpmName,
} from '../../src/container/pkgdb/rpm.ts';
import { CORPUS } from './helpers.ts';

const corpus = (p: string) => readFileSync(join(CORPUS, p));

describe('dpkg', () => {
  it('reads the 88-package debootstrap status with source packages and versions', () => {
    const { packages, issues } = parseDpkgStatus(
      'var/lib/dpkg/status',
      corpus('dpkg/debian12-minbase-debootstrap/var/lib/dpkg/status').toString(),
    );
    expect(issues).toEqual([]);
    expect(packages).toHaveLength(88);
    const by = (n: string) => packages.find((p) => p.name === n);
    expect(by('libc6')).toMatchObject({
      version: '2.36-9+deb12u14',
      sourceName: 'glibc',
      sourceVersion: '2.36-9+deb12u14',
    });
    expect(by('bash')).toMatchObject({
      version: '5.2.15-2+b13',
      sourceName: 'bash',
      sourceVersion: '5.2.15-2',
    });
    expect(by('bsdutils')).toMatchObject({
      version: '1:2.38.1-5+deb12u3',
      sourceName: 'util-linux',
      sourceVersion: '2.38.1-5+deb12u3',
    });
    expect(by('libcap2')).toMatchObject({
      version: '1:2.66-4+deb12u3+b1',
      sourceName: 'libcap2',
      sourceVersion: '1:2.66-4+deb12u3',
    });
    expect(packages.filter((p) => p.sourceVersion !== p.version)).toHaveLength(13);
    expect(by('libc6')?.line).toBeGreaterThan(1);
  });

  it("reads this machine's 739-package status and Ubuntu 18.04's (91 entries, one only config-files)", () => {
    expect(
      parseDpkgStatus('s', corpus('dpkg/debian12-this-machine/var/lib/dpkg/status').toString()).packages,
    ).toHaveLength(739);
    expect(
      parseDpkgStatus('s', corpus('dpkg/trivy-ubuntu1804/var/lib/dpkg/status').toString()).packages,
    ).toHaveLength(90);
  });

  it('keeps only installed states', () => {
    const { packages } = parseDpkgStatus('s', corpus('dpkg/scalibr-edge/statusfield').toString());
    expect(packages.map((p) => p.name)).toEqual([
      'wantinstall_installed',
      'wantdeinstall_installed',
      'wantpurge_installed',
      'wantnostatus',
    ]);
  });

  it('reports entries without Package or Version by line and keeps the rest', () => {
    const { packages, issues } = parseDpkgStatus(
      'var/lib/dpkg/status',
      corpus('dpkg/scalibr-edge/noversion').toString(),
    );
    expect(packages.map((p) => p.name)).toEqual(['foo', 'bar']);
    expect(issues).toEqual([{ path: 'var/lib/dpkg/status', line: 5, message: 'dpkg entry without Version' }]);
  });

  it('treats distroless status.d entries as databases and their md5sums as not', () => {
    const dir = 'dpkg/syft-distroless/var/lib/dpkg/status.d';
    const names = readdirSync(join(CORPUS, dir)).map((f) => `var/lib/dpkg/status.d/${f}`);
    expect(names.filter(isDpkgDatabase).sort()).toEqual([
      'var/lib/dpkg/status.d/dash',
      'var/lib/dpkg/status.d/libsqlite3-0',
      'var/lib/dpkg/status.d/netbase',
    ]);
    const sqlite = parseDpkgStatus('x', corpus(`${dir}/libsqlite3-0`).toString()).packages[0];
    expect(sqlite).toMatchObject({ name: 'libsqlite3-0', sourceName: 'sqlite3' });
  });
});

describe('apk', () => {
  it('reads the Alpine 3.18 installed database with origins', () => {
    const { packages, issues } = parseApkInstalled(
      'lib/apk/db/installed',
      corpus('apk/scalibr-installed/lib/apk/db/installed').toString(),
    );
    expect(issues).toEqual([]);
    expect(packages).toHaveLength(15);
    expect(packages.find((p) => p.name === 'musl-utils')).toMatchObject({
      version: '1.2.4-r0',
      sourceName: 'musl',
    });
    expect(packages.find((p) => p.name === 'libssl3')).toMatchObject({
      version: '3.1.0-r4',
      sourceName: 'openssl',
    });
  });

  it('falls back to the package name without an origin line', () => {
    const { packages } = parseApkInstalled('x', corpus('apk/scalibr-edge/no-origin').toString());
    expect(packages[0]).toMatchObject({ name: 'pkgname', version: '1.2.3', sourceName: 'pkgname' });
  });

  it('names an entry without P: by line', () => {
    expect(parseApkInstalled('db', 'P:ok\nV:1-r0\n\nV:2-r0\nA:x86_64\n').issues).toEqual([
      { path: 'db', line: 4, message: 'apk entry without P:' },
    ]);
  });
});

describe('rpm', () => {
  const sqlitePath = 'var/lib/rpm/rpmdb.sqlite';

  it('reads the CBL-Mariner 2.0 sqlite database (129 packages) with source RPM names', () => {
    expect(isRpmDatabase(sqlitePath)).toBe(true);
    const { packages, issues } = parseRpmDatabase(
      sqlitePath,
      corpus('rpm/cbl-mariner-2.0/var/lib/rpm/rpmdb.sqlite'),
    );
    expect(issues).toEqual([]);
    expect(packages).toHaveLength(129);
    expect(packages.find((p) => p.name === 'glibc')).toMatchObject({
      version: '2.34-2.cm2',
      sourceName: 'glibc',
      arch: 'x86_64',
    });
    expect(packages.filter((p) => p.sourceName !== p.name).length).toBeGreaterThan(40);
  });

  it("reads SUSE's ndb Packages.db (SLE 15 BCI) and BerkeleyDB Packages, epochs included", () => {
    const sle = parseRpmDatabase(
      'usr/lib/sysimage/rpm/Packages.db',
      corpus('rpm/sle15-bci/usr/lib/sysimage/rpm/Packages.db'),
    );
    expect(sle.issues).toEqual([]);
    expect(sle.packages).toHaveLength(35);
    expect(sle.packages.find((p) => p.name === 'glibc')).toMatchObject({
      version: '2.31-9.3.2',
      arch: 'x86_64',
    });
    const uuid = parseRpmDatabase('var/lib/rpm/Packages', corpus('rpm/libuuid/var/lib/rpm/Packages'));
    expect(uuid.packages).toEqual([
      expect.objectContaining({ name: 'libuuid', version: '2.32.1-42.el8_8', sourceName: 'util-linux' }),
    ]);
    const epoch = parseRpmDatabase('var/lib/rpm/Packages', corpus('rpm/scalibr-epoch/var/lib/rpm/Packages'));
    expect(epoch.packages).toEqual([expect.objectContaining({ name: 'hello', version: '1:0.0.1-rls' })]);
  });

  it('refuses corrupt ndb and BerkeleyDB files with a message, never reading past the end', () => {
    const ndb = corpus('rpm/sle15-bci/usr/lib/sysimage/rpm/Packages.db');
    expect(ndbBlobs(ndb.subarray(0, 8192))).toMatch(/points past the end|truncated/);
    const badSlot = Buffer.from(ndb);
    badSlot.write('Xlot', 32, 'latin1');
    expect(ndbBlobs(badSlot)).toBe('rpm ndb slot at byte 32 is corrupt');
    expect(parseRpmDatabase('usr/lib/sysimage/rpm/Packages.db', badSlot).issues[0]?.message).toBe(
      'rpm ndb slot at byte 32 is corrupt',
    );
    const bdb = corpus('rpm/libuuid/var/lib/rpm/Packages');
    expect(berkeleyBlobs(bdb.subarray(0, bdb.length / 2))).toMatch(
      /overflow chain leaves the file|value of \d+ bytes is larger|is \d+ bytes, its item says/,
    );
    expect(berkeleyBlobs(Buffer.alloc(4096))).toMatch(/neither sqlite, ndb nor BerkeleyDB/);
  });

  it('refuses a file that is not SQLite, and header blobs that lie about their sizes', () => {
    expect(parseRpmDatabase(sqlitePath, Buffer.from('garbage')).issues[0]?.message).toBe(
      'not an SQLite database',
    );
    const blob = Buffer.alloc(24);
    blob.writeUInt32BE(1, 0);
    blob.writeUInt32BE(1000, 4);
    expect(() => parseRpmHeader(blob)).toThrow(/truncated/);
    blob.writeUInt32BE(0x10000000, 0);
    expect(() => parseRpmHeader(blob)).toThrow(/implausible/);
    const bad = Buffer.alloc(8 + 16 + 4);
    bad.writeUInt32BE(1, 0);
    bad.writeUInt32BE(4, 4);
    bad.writeInt32BE(1000, 8);
    bad.writeUInt32BE(6, 12);
    bad.writeInt32BE(99, 16);
    expect(() => parseRpmHeader(bad)).toThrow(/points outside the data store/);
  });

  it('takes the source name from SOURCERPM', () => {
    expect(sourceRpmName('glibc-2.35-1.cm2.src.rpm')).toBe('glibc');
    expect(sourceRpmName('util-linux-ng-2.17.2-12.el6.src.rpm')).toBe('util-linux-ng');
  });
});
