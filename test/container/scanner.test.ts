import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseImageAdvice, sameRedHatRelease, scanImage } from '../../src/container/scanner.ts';
import type { AdvisoryMatch } from '../../src/sca/osv/matcher.ts';
import type { OsvRecord } from '../../src/sca/osv/schema.ts';
import type { DraftFinding } from '../../src/core/finding.ts';
import { openImage } from '../../src/container/sources/index.ts';
import { AdvisoryDatabase } from '../../src/sca/osv/db.ts';
import { DatabaseSource } from '../../src/sca/osv/source.ts';
import { withTokenChecksum } from '../../src/sast/secrets/index.ts';
import { buildCorpusFixtures, CORPUS, makeOciImage, randomChars } from './helpers.ts';
import type { LayerSpec } from './helpers.ts';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Secrets made at test time: well-formed, never real.
const AWS_KEY = `AKIA${randomChars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
const AWS_SECRET = randomChars(ALNUM + '/+', 40);
const GH_TOKEN = withTokenChecksum('ghp_', randomChars(ALNUM, 30));

const dirs: string[] = [];
let source: DatabaseSource;
let fixtures: string;

beforeAll(async () => {
  const db = await mkdtemp(join(tmpdir(), 'vigil-osvdb-'));
  const records = await mkdtemp(join(tmpdir(), 'vigil-osv-'));
  dirs.push(db, records);
  for (const f of ['DLA-3022-1.json', 'ALPINE-CVE-2025-26519.json', 'DSA-3029-1.json'])
    await copyFile(join(CORPUS, 'osv/records', f), join(records, f));
  await copyFile(
    join(CORPUS, '../osv-extracted/npm/GHSA-p6mc-m468-83gw.json'),
    join(records, 'GHSA-p6mc-m468-83gw.json'),
  );
  for (const f of ['VIGIL-TEST-GLIBC-2026-0001.json', 'VIGIL-TEST-UTIL-LINUX-2026-0002.json'])
    await copyFile(join(import.meta.dirname, 'fixtures/osv', f), join(records, f));
  const database = AdvisoryDatabase.open(join(db, 'osv.db'), { create: true });
  await database.importDirectory(records);
  source = new DatabaseSource(database);
  fixtures = await buildCorpusFixtures();
  dirs.push(fixtures);
});
afterAll(async () => {
  source?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const corpusText = (p: string) => readFile(join(CORPUS, p), 'utf8');

async function debianLayers(): Promise<LayerSpec[]> {
  return [
    {
      createdBy: '/bin/sh -c #(nop) ADD file:rootfs.tar.xz in /',
      entries: [
        {
          name: 'usr/lib/os-release',
          content: await corpusText('os-release/debian-12-minbase-debootstrap/usr/lib/os-release'),
        },
        { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
        {
          name: 'etc/debian_version',
          content: await corpusText('os-release/debian-12-minbase-debootstrap/etc/debian_version'),
        },
        {
          name: 'var/lib/dpkg/status',
          content: await corpusText('dpkg/debian12-minbase-debootstrap/var/lib/dpkg/status'),
        },
      ],
    },
    {
      createdBy: '/bin/sh -c apt-get update && apt-get install -y curl',
      entries: [
        {
          name: 'var/lib/dpkg/status',
          content: await corpusText('dpkg/debian12-this-machine/var/lib/dpkg/status'),
        },
      ],
    },
    {
      createdBy: 'COPY app /app',
      entries: [
        {
          name: 'app/.env',
          content: `AWS_ACCESS_KEY_ID=${AWS_KEY}\naws_secret_access_key = ${AWS_SECRET}\n`,
        },
        {
          name: 'app/node_modules/lodash/package.json',
          content: JSON.stringify({ name: 'lodash', version: '4.17.15' }),
        },
        { name: 'app/requirements.txt', content: 'Django==3.0.0\nrequests==2.19.0\n' },
        { name: 'app/config.yml', content: `github:\n  token: ${GH_TOKEN}\n` },
        { name: 'srv/broken/package-lock.json', content: '{"lockfileVersion": 3, "packages": ' },
        { name: 'usr/share/doc/example/requirements.txt', content: 'notapp==1.0\n' },
        {
          name: 'usr/local/lib/python3.11/site-packages/Requests-2.19.0.dist-info/METADATA',
          content: 'Metadata-Version: 2.1\nName: Requests\nVersion: 2.19.0\n\nlong text\n',
        },
      ],
    },
    {
      createdBy: '/bin/sh -c rm /app/.env',
      entries: [
        { name: 'app/.wh..env' },
        { name: 'app/config.yml', content: 'github:\n  token: ${GITHUB_TOKEN}\n' },
      ],
    },
  ];
}

const history = [
  { created_by: '/bin/sh -c #(nop) ADD file:rootfs.tar.xz in /' },
  { created_by: '/bin/sh -c #(nop)  CMD ["bash"]', empty_layer: true },
  { created_by: '/bin/sh -c apt-get update && apt-get install -y curl' },
  { created_by: 'COPY app /app' },
  { created_by: '/bin/sh -c rm /app/.env' },
];

describe('scanImage on a Debian image with an app layer', () => {
  it('finds OS and language packages with their layers, matches them, and finds the secrets', async () => {
    const dir = await makeOciImage(await debianLayers(), {
      history,
      config: { Env: [`GITHUB_TOKEN=${GH_TOKEN}`, 'PATH=/usr/bin'] },
    });
    dirs.push(dir);
    const report = await scanImage(await openImage(`oci:${dir}:test`), { advisories: source });
    expect(report.os).toMatchObject({ id: 'debian', version: '12.15', ecosystem: 'Debian:12' });
    expect(report.diagnostics.filter((d) => d.level === 'error')).toEqual([]);

    const pkg = (n: string) => report.packages.find((p) => p.name === n);
    expect(pkg('libc6')).toMatchObject({ ecosystem: 'Debian:12', sourceName: 'glibc', layer: { index: 0 } });
    // this machine's status has an older bash binNMU: the package as installed came with layer 2
    expect(pkg('bash')).toMatchObject({
      version: '5.2.15-2+b8',
      layer: { index: 1, createdBy: '/bin/sh -c apt-get update && apt-get install -y curl' },
    });
    expect(pkg('lodash')).toMatchObject({ ecosystem: 'npm', version: '4.17.15', layer: { index: 2 } });
    expect(pkg('requests')).toMatchObject({ ecosystem: 'PyPI', version: '2.19.0' });
    expect(report.packages.filter((p) => p.name === 'requests')).toHaveLength(1);
    expect(pkg('django')).toMatchObject({
      ecosystem: 'PyPI',
      version: '3.0.0',
      source: 'app/requirements.txt',
      layer: { index: 2 },
    });
    expect(pkg('notapp')).toBeUndefined();
    expect(report.diagnostics.find((d) => d.path === 'srv/broken/package-lock.json')?.message).toMatch(
      /srv\/broken\/package-lock\.json/,
    );

    const glibc = report.findings.filter((f) => f.advisoryIds?.includes('VIGIL-TEST-GLIBC-2026-0001'));
    expect(glibc.map((f) => f.package?.name)).toEqual(expect.arrayContaining(['libc6', 'libc-bin']));
    expect(glibc[0]).toMatchObject({
      ruleId: 'container/vulnerable-os-package',
      kind: 'container',
      advisoryIds: ['VIGIL-TEST-GLIBC-2026-0001', 'CVE-2099-0001'],
      package: { fixedVersion: '2.36-9+deb12u15' },
      image: { layerIndex: 0 },
      properties: { sourcePackage: 'glibc', inBaseImage: true },
    });
    expect(glibc[0]?.message).toMatch(/\(source package glibc 2\.36-9\+deb12u14\).*added by layer 1/);

    // Debian:9's dpkg advisory must not match Debian 12's dpkg
    expect(report.findings.some((f) => f.advisoryIds?.includes('DLA-3022-1'))).toBe(false);
    const lodash = report.findings.find((f) => f.advisoryIds?.includes('GHSA-p6mc-m468-83gw'));
    expect(lodash).toMatchObject({
      ruleId: 'container/vulnerable-language-package',
      severity: 'high',
      image: { layerIndex: 2, createdBy: 'COPY app /app' },
    });

    const secrets = report.findings.filter((f) => f.kind === 'secret');
    const envFile = secrets.filter((f) => f.location.path === 'app/.env');
    expect(envFile.length).toBeGreaterThanOrEqual(1);
    expect(envFile[0]?.message).toMatch(/still in layer 3 although deleted in layer 4/);
    const replaced = secrets.find((f) => f.location.path === 'app/config.yml');
    expect(replaced?.message).toMatch(/still in layer 3 although layer 4 replaced the file/);
    expect(secrets.some((f) => f.location.path.startsWith('image-config:config Env GITHUB_TOKEN'))).toBe(
      true,
    );
    const serialised = JSON.stringify(report);
    for (const secret of [AWS_KEY, AWS_SECRET, GH_TOKEN]) expect(serialised).not.toContain(secret);

    expect(report.advice[0]).toMatch(
      /come with the base image \(layers 1–1\); rebuilding on a freshly pulled debian:12 fixes \d+/,
    );
    expect(report.layers.map((l) => l.base)).toEqual([true, false, false, false]);
    expect(report.layers[0]!.packages).toBeGreaterThan(0);

    const unfixed = report.findings.filter((f) => f.advisoryIds?.includes('VIGIL-TEST-UTIL-LINUX-2026-0002'));
    expect(unfixed.length).toBeGreaterThan(0);
    const strict = await scanImage(await openImage(`oci:${dir}:test`), {
      advisories: source,
      ignoreUnfixed: true,
    });
    expect(strict.findings.some((f) => f.advisoryIds?.includes('VIGIL-TEST-UTIL-LINUX-2026-0002'))).toBe(
      false,
    );
    expect(strict.findings.some((f) => f.advisoryIds?.includes('VIGIL-TEST-GLIBC-2026-0001'))).toBe(true);
  });

  it('reports a layer whose digest does not match and scans the rest', async () => {
    const layers = await debianLayers();
    layers[2] = {
      ...layers[2]!,
      mutate: (b) => Buffer.concat([b.subarray(0, b.length - 8), Buffer.alloc(8)]),
    };
    const dir = await makeOciImage(layers, { history });
    dirs.push(dir);
    const report = await scanImage(await openImage(`oci:${dir}:test`), { advisories: source });
    const errors = report.diagnostics.filter((d) => d.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(
      /layer 3 \(sha256:[0-9a-f]{12}\): (digest mismatch|truncated layer|unreadable layer)/,
    );
    expect(report.layers[2]?.error).toBeDefined();
    expect(report.os?.ecosystem).toBe('Debian:12');
    expect(report.packages.find((p) => p.name === 'libc6')).toBeDefined();
  });

  it('caches layer results by digest: a second scan reads no layer and finds the same', async () => {
    const dir = await makeOciImage(await debianLayers(), { history });
    const cacheDir = await mkdtemp(join(tmpdir(), 'vigil-cache-'));
    dirs.push(dir, cacheDir);
    const first = await scanImage(await openImage(`oci:${dir}:test`), { advisories: source, cacheDir });
    expect(first.layers.every((l) => !l.cached)).toBe(true);
    const second = await scanImage(await openImage(`oci:${dir}:test`), { advisories: source, cacheDir });
    expect(second.layers.every((l) => l.cached)).toBe(true);
    expect(second.findings.map((f) => f.message)).toEqual(first.findings.map((f) => f.message));
    expect(second.packages.length).toBe(first.packages.length);
  });
});

describe('scanImage on the corpus fixture images', () => {
  it('apk-alpine: musl 1.2.4-r0 on Alpine 3.18 is affected by ALPINE-CVE-2025-26519, fixed in 1.2.4-r3', async () => {
    const report = await scanImage(await openImage('apk-alpine', { input: join(fixtures, 'oci') }), {
      advisories: source,
    });
    expect(report.os?.ecosystem).toBe('Alpine:v3.18');
    expect(report.packages).toHaveLength(15);
    const hits = report.findings.filter((f) => f.advisoryIds?.includes('ALPINE-CVE-2025-26519'));
    expect(hits.map((f) => f.package?.name).sort()).toEqual(['musl', 'musl-utils']);
    expect(hits[0]?.package?.fixedVersion).toBe('1.2.4-r3');
  });

  it('minimal-dpkg: status and distroless status.d entries, md5sums skipped', async () => {
    const report = await scanImage(await openImage(`oci:${join(fixtures, 'oci')}:minimal-dpkg`), {});
    expect(report.packages).toHaveLength(91);
    expect(
      report.packages
        .filter((p) => p.source.startsWith('var/lib/dpkg/status.d/'))
        .map((p) => p.name)
        .sort(),
    ).toEqual(['dash', 'libsqlite3-0', 'netbase']);
  });

  it('hostile: refused entries become warnings naming them; the scan completes', async () => {
    const report = await scanImage(
      await openImage(undefined, { input: join(fixtures, 'docker-archive/hostile.tar') }),
      {},
    );
    expect(report.diagnostics.filter((d) => /refused entry/.test(d.message))).toHaveLength(5);
    expect(report.os?.id).toBe('debian');
  });

  it('secrets: the corpus fixture deletes root/.aws/credentials in layer 2; the layer-1 copy is still scanned', async () => {
    const report = await scanImage(await openImage(`oci:${join(fixtures, 'oci')}:secrets`), {});
    // The corpus uses AWS's published EXAMPLE keys, which the shared detector rejects as
    // placeholders by design; the deleted-file path is covered with generated keys above.
    expect(report.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(report.layers).toHaveLength(2);
  });
});

describe('baseImageAdvice', () => {
  const os = {
    id: 'debian',
    version: '12.15',
    pretty: 'Debian GNU/Linux 12 (bookworm)',
    packageManager: 'dpkg' as const,
    source: 'etc/os-release',
  };
  const finding = (layerIndex: number, fixedVersion?: string): DraftFinding => ({
    ruleId: 'container/vulnerable-os-package',
    kind: 'container',
    severity: 'high',
    title: 't',
    message: 'm',
    location: { path: 'var/lib/dpkg/status', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
    package: { ecosystem: 'Debian:12', name: 'p', version: '1', ...(fixedVersion ? { fixedVersion } : {}) },
    image: { ref: 'x', layerIndex },
  });

  it('names the base the image declares, counts only base layers, and marks the fixable findings', () => {
    const findings = [finding(0, '2'), finding(0), finding(1, '3'), finding(2, '4')];
    const advice = baseImageAdvice(os, findings, 2, 'docker.io/library/debian:12.8@sha256:' + 'a'.repeat(64));
    expect(advice).toEqual([
      '3 vulnerabilities come with the base image (layers 1–2); rebuilding on a freshly pulled docker.io/library/debian:12.8 fixes 2.',
    ]);
    expect(findings.map((f) => f.properties?.baseImageAdvice !== undefined)).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(baseImageAdvice(os, findings, 0)).toEqual([]);
  });
});

describe('sameRedHatRelease', () => {
  // Records written for this test, shaped like Red Hat's per-stream OSV entries.
  const record = (ecosystem: string): OsvRecord => ({
    id: `VIGIL-TEST-RH-${ecosystem}`,
    modified: '2026-11-25T00:00:00Z',
    affected: [
      {
        package: { ecosystem, name: 'openssl' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1:3.0.7-27.el9' }] }],
      },
    ],
  });
  const match = (ecosystem: string) =>
    ({
      package: {} as never,
      query: { ecosystem: 'Red Hat', name: 'openssl', version: '1:3.0.7-24.el9' },
      records: [record(ecosystem)],
      ids: [],
      fixedVersions: [],
    }) as AdvisoryMatch<never>;
  const rhel = (version: string) => ({
    id: 'rhel',
    version,
    pretty: 'RHEL',
    packageManager: 'rpm' as const,
    source: 'etc/os-release',
  });

  it("keeps advisories for the image's major release and drops other releases' streams", () => {
    expect(sameRedHatRelease(match('Red Hat:enterprise_linux:9::appstream'), rhel('9.4'))).toBe(true);
    expect(sameRedHatRelease(match('Red Hat:rhel_eus:9.2::baseos'), rhel('9.4'))).toBe(true);
    expect(sameRedHatRelease(match('Red Hat:enterprise_linux:8::appstream'), rhel('9.4'))).toBe(false);
    expect(sameRedHatRelease(match('Red Hat'), rhel('9.4'))).toBe(true);
  });
});
