import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MergedTree, readLayer } from '../../src/container/layers.ts';
import type { ImageSource } from '../../src/container/sources/image.ts';
import { openImage } from '../../src/container/sources/index.ts';
import {
  dockerCredentials,
  openRegistryImage,
  parseChallenge,
  parseReference,
  retryDelay,
} from '../../src/container/sources/registry.ts';
import { buildCorpusFixtures, makeOciImage, makeOciIndex, makeTar } from './helpers.ts';
import type { TarEntry } from './helpers.ts';
import { PASSWORD, startRegistry, USER } from './registry-harness.ts';

const run = promisify(execFile);
let fixtures: string;
const cleanup: string[] = [];
beforeAll(async () => {
  fixtures = await buildCorpusFixtures();
});
afterAll(async () => {
  for (const dir of [fixtures, ...cleanup]) await rm(dir, { recursive: true, force: true });
});

async function files(source: ImageSource): Promise<string[]> {
  const tree = new MergedTree();
  for (let i = 0; i < source.layers.length; i++) {
    const d = source.layers[i]!;
    tree.apply(
      i,
      await readLayer(await source.openLayer(i), {
        label: `l${i}`,
        digest: d.digest,
        diffId: d.diffId,
        wants: () => true,
      }),
    );
  }
  return [...tree.files.keys()].sort();
}

describe('local sources', () => {
  it('an OCI layout as a directory and as a tar, and a docker-archive, are the same image', async () => {
    const tarred = join(fixtures, 'oci.tar');
    await run('tar', ['-cf', tarred, '-C', join(fixtures, 'oci'), '.']);
    const dir = await openImage('whiteout', { input: join(fixtures, 'oci') });
    const tar = await openImage('whiteout', { input: tarred });
    const archive = await openImage(undefined, { input: join(fixtures, 'docker-archive/whiteout.tar') });
    expect(dir.kind).toBe('oci-layout');
    expect(tar.kind).toBe('oci-layout');
    expect(archive.kind).toBe('docker-archive');
    expect(tar.digest).toBe(dir.digest);
    expect(archive.layers.map((l) => l.diffId)).toEqual(dir.layers.map((l) => l.diffId));
    expect(dir.layers.map((l) => l.createdBy)).toEqual([
      'ADD base files',
      'RUN rm /app/deleteme.txt && echo > /app/added-in-2.txt',
      'RUN rm -rf /data && mkdir /data && echo > /data/new.txt',
    ]);
    const expected = ['app/added-in-2.txt', 'app/keep.txt', 'data/new.txt', 'etc/os-release'];
    expect(await files(dir)).toEqual(expected);
    expect(await files(tar)).toEqual(expected);
    expect(await files(archive)).toEqual(expected);
  });

  it('names the tags when a layout holds several images and none was asked for', async () => {
    await expect(openImage(undefined, { input: join(fixtures, 'oci') })).rejects.toThrow(
      /several images in the layout; name one of: minimal-dpkg, whiteout/,
    );
    await expect(openImage('nope', { input: join(fixtures, 'oci') })).rejects.toThrow(/no image tagged nope/);
  });

  it('refuses a manifest blob whose bytes do not match its digest', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'vigil-oci-bad-'));
    cleanup.push(copy);
    await cp(join(fixtures, 'oci'), copy, { recursive: true });
    const index = JSON.parse(await readFile(join(copy, 'index.json'), 'utf8')) as {
      manifests: { digest: string; annotations: Record<string, string> }[];
    };
    const digest = index.manifests.find(
      (m) => m.annotations['org.opencontainers.image.ref.name'] === 'whiteout',
    )!.digest;
    const path = join(copy, 'blobs/sha256', digest.slice(7));
    await writeFile(path, (await readFile(path, 'utf8')).replace('"schemaVersion":2', '"schemaVersion":2 '));
    await expect(openImage(`oci:${copy}:whiteout`)).rejects.toThrow(
      /manifest digest mismatch: expected sha256:/,
    );
  });

  it('says what it is when the input is neither layout nor archive', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-empty-'));
    cleanup.push(dir);
    await expect(openImage(undefined, { input: dir })).rejects.toThrow(
      /neither an OCI image layout nor a docker-archive/,
    );
    await expect(openImage(undefined, { input: join(dir, 'missing.tar') })).rejects.toThrow(
      /no such file or directory/,
    );
  });
});

describe('references and credentials', () => {
  it('parses references the way docker does', () => {
    expect(parseReference('nginx')).toEqual({
      registry: 'registry-1.docker.io',
      repository: 'library/nginx',
      tag: 'latest',
    });
    expect(parseReference('ghcr.io/org/app:1.2')).toEqual({
      registry: 'ghcr.io',
      repository: 'org/app',
      tag: '1.2',
    });
    expect(parseReference('localhost:5000/a/b@sha256:' + 'a'.repeat(64)).digest).toBe(
      'sha256:' + 'a'.repeat(64),
    );
    expect(() => parseReference('Bad/Repo')).toThrow(/invalid repository name/);
  });

  it('parses WWW-Authenticate challenges, quoted commas included', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.example/token",service="reg",scope="repository:a/b:pull,push"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.example/token', service: 'reg', scope: 'repository:a/b:pull,push' },
    });
  });

  it('reads auths from config.json and notes credential helpers it will not run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-dockercfg-'));
    cleanup.push(dir);
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({
        auths: { 'r.example:5000': { auth: Buffer.from('u:p:w').toString('base64') } },
        credsStore: 'desktop',
      }),
    );
    expect(await dockerCredentials('r.example:5000', { dockerConfigDir: dir })).toEqual({
      username: 'u',
      password: 'p:w',
    });
    const notes: string[] = [];
    expect(
      await dockerCredentials('other.example', { dockerConfigDir: dir, onNote: (n) => notes.push(n) }),
    ).toBeUndefined();
    expect(notes[0]).toMatch(/credential helper "desktop" not run/);
  });
});

describe('registry (real docker-registry on 127.0.0.1)', () => {
  it('pulls an image anonymously over http with --insecure, same content as the layout', async () => {
    const registry = await startRegistry('none');
    try {
      await registry.push(`oci:${join(fixtures, 'oci')}:whiteout`, 'fixtures/whiteout:1');
      const source = await openRegistryImage(`${registry.host}/fixtures/whiteout:1`, { insecure: true });
      expect(source.kind).toBe('registry');
      expect(await files(source)).toEqual([
        'app/added-in-2.txt',
        'app/keep.txt',
        'data/new.txt',
        'etc/os-release',
      ]);
      const byDigest = await openRegistryImage(`${registry.host}/fixtures/whiteout@${source.digest}`, {
        insecure: true,
      });
      expect(byDigest.layers).toEqual(source.layers);
      await expect(
        openRegistryImage(`${registry.host}/fixtures/whiteout:missing`, { insecure: true }),
      ).rejects.toThrow(/HTTP 404/);
    } finally {
      await registry.stop();
    }
  });

  it('picks the --platform image from an index', async () => {
    const layout = await makeOciIndex([
      { platform: 'linux/amd64', layers: [{ entries: [{ name: 'arch', content: 'amd64\n' }] }] },
      { platform: 'linux/arm64/v8', layers: [{ entries: [{ name: 'arch', content: 'arm64\n' }] }] },
    ]);
    cleanup.push(layout);
    const registry = await startRegistry('none');
    try {
      await registry.push(`oci:${layout}:test`, 'multi/app:1', true);
      const arm = await openRegistryImage(`${registry.host}/multi/app:1`, {
        insecure: true,
        platform: 'linux/arm64',
      });
      expect(arm.config.architecture).toBe('arm64');
      const amd = await openRegistryImage(`${registry.host}/multi/app:1`, { insecure: true });
      expect(amd.config.architecture).toBe('amd64');
      await expect(
        openRegistryImage(`${registry.host}/multi/app:1`, { insecure: true, platform: 'linux/s390x' }),
      ).rejects.toThrow(/no manifest for platform linux\/s390x \(offered: linux\/amd64, linux\/arm64\/v8\)/);
      // The layout source picks platforms from the same index.
      const local = await openImage(`oci:${layout}:test`, { platform: 'linux/arm64' });
      expect(local.config.architecture).toBe('arm64');
    } finally {
      await registry.stop();
    }
  });

  it('answers a basic-auth challenge with credentials from docker config.json', async () => {
    const registry = await startRegistry('basic');
    const cfg = await mkdtemp(join(tmpdir(), 'vigil-dockercfg-'));
    cleanup.push(cfg);
    try {
      await registry.push(`oci:${join(fixtures, 'oci')}:apk-alpine`, 'private/alpine:1');
      await expect(
        openRegistryImage(`${registry.host}/private/alpine:1`, { insecure: true, dockerConfigDir: cfg }),
      ).rejects.toThrow(/asks for basic auth and no credentials were found/);
      await writeFile(
        join(cfg, 'config.json'),
        JSON.stringify({
          auths: { [registry.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } },
        }),
      );
      const source = await openRegistryImage(`${registry.host}/private/alpine:1`, {
        insecure: true,
        dockerConfigDir: cfg,
      });
      expect(await files(source)).toEqual(['etc/alpine-release', 'etc/os-release', 'lib/apk/db/installed']);
    } finally {
      await registry.stop();
    }
  });

  it('gets a bearer token from the WWW-Authenticate realm, with scope and basic credentials', async () => {
    const registry = await startRegistry('token');
    try {
      await registry.push(`oci:${join(fixtures, 'oci')}:minimal-dpkg`, 'team/debian:12');
      registry.tokenRequests.length = 0;
      await expect(
        openRegistryImage(`${registry.host}/team/debian:12`, {
          insecure: true,
          username: USER,
          password: 'wrong',
        }),
      ).rejects.toThrow(/token request to http:\/\/127\.0\.0\.1:\d+ failed: HTTP 401/);
      const source = await openRegistryImage(`${registry.host}/team/debian:12`, {
        insecure: true,
        username: USER,
        password: PASSWORD,
      });
      expect(await files(source)).toContain('var/lib/dpkg/status');
      expect(registry.tokenRequests.at(-1)?.scope).toBe('repository:team/debian:pull');
      expect(registry.tokenRequests.at(-1)?.authorization).toMatch(/^Basic /);
    } finally {
      await registry.stop();
    }
  });
});

describe('layout hygiene', () => {
  it('refuses a blob that is a symlink out of the layout instead of following it', async () => {
    const layout = await mkdtemp(join(tmpdir(), 'vigil-oci-link-'));
    cleanup.push(layout);
    await cp(join(fixtures, 'oci'), layout, { recursive: true });
    const source = await openImage(`oci:${layout}:whiteout`);
    const blob = join(layout, 'blobs/sha256', source.layers[0]!.digest!.slice(7));
    await rm(blob);
    await symlink('/etc/passwd', blob);
    await expect(source.openLayer(0)).rejects.toThrow(/not a regular file/);
  });
});

describe('docker-archive variants', () => {
  /** Docker 25+ `docker save`: an OCI layout inside, manifest.json pointing at blobs/sha256/… */
  async function modernArchive(longNames: boolean): Promise<string> {
    const layout = await makeOciImage([
      {
        entries: [{ name: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.18.0\n' }],
        compression: 'none',
      },
    ]);
    cleanup.push(layout);
    const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as {
      manifests: { digest: string }[];
    };
    const manifest = JSON.parse(
      await readFile(join(layout, 'blobs/sha256', index.manifests[0]!.digest.slice(7)), 'utf8'),
    ) as {
      config: { digest: string };
      layers: { digest: string }[];
    };
    const prefix = longNames ? `${'deep/'.repeat(40)}` : '';
    const entries: TarEntry[] = [];
    const blobs = [manifest.config.digest, ...manifest.layers.map((l) => l.digest)];
    for (const d of blobs)
      entries.push({
        name: `${prefix}blobs/sha256/${d.slice(7)}`,
        content: await readFile(join(layout, 'blobs/sha256', d.slice(7))),
      });
    entries.push({
      name: 'manifest.json',
      content: JSON.stringify([
        {
          Config: `${prefix}blobs/sha256/${manifest.config.digest.slice(7)}`,
          RepoTags: ['app:1'],
          Layers: manifest.layers.map((l) => `${prefix}blobs/sha256/${l.digest.slice(7)}`),
        },
      ]),
    });
    const file = join(layout, 'image.tar');
    await writeFile(file, await makeTar(entries));
    return file;
  }

  it('reads the OCI-in-archive layout of Docker 25+, names over 100 bytes included (pax headers)', async () => {
    for (const longNames of [false, true]) {
      const source = await openImage(undefined, { input: await modernArchive(longNames) });
      expect(source.kind).toBe('docker-archive');
      expect(source.layers[0]?.digest).toMatch(/^sha256:/);
      expect(await files(source)).toEqual(['etc/os-release']);
    }
  });

  it('refuses a truncated archive, naming it', async () => {
    const file = await modernArchive(false);
    const bytes = await readFile(file);
    const cut = join(tmpdir(), `vigil-cut-${Date.now()}.tar`);
    cleanup.push(cut);
    await writeFile(cut, bytes.subarray(0, 1024 + 100));
    await expect(openImage(undefined, { input: cut })).rejects.toThrow(
      /runs past the end of the file|not a docker-archive|neither/,
    );
  });
});

describe('registry retries', () => {
  it('waits out 429/503 answers (Retry-After) and then gets the image; gives up after three', async () => {
    const registry = await startRegistry('none');
    const seen = new Set<string>();
    let refusals = 0;
    // A flaky front for the real registry: the first request for every path is refused.
    const front = createServer((req, res) => {
      const path = req.url ?? '/';
      if (path.includes('always-busy') || !seen.has(path)) {
        seen.add(path);
        refusals += 1;
        res.writeHead(path.includes('/manifests/') ? 429 : 503, { 'retry-after': '0' }).end();
        return;
      }
      fetch(`http://${registry.host}${path}`, { headers: req.headers as Record<string, string> }).then(
        async (upstream) => {
          res.writeHead(upstream.status, Object.fromEntries(upstream.headers));
          res.end(Buffer.from(await upstream.arrayBuffer()));
        },
        () => res.writeHead(502).end(),
      );
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(front.address() as { port: number }).port}`;
    try {
      await registry.push(`oci:${join(fixtures, 'oci')}:whiteout`, 'fixtures/whiteout:1');
      const source = await openRegistryImage(`${host}/fixtures/whiteout:1`, { insecure: true });
      expect(await files(source)).toEqual([
        'app/added-in-2.txt',
        'app/keep.txt',
        'data/new.txt',
        'etc/os-release',
      ]);
      expect(refusals).toBeGreaterThanOrEqual(5);
      await expect(openRegistryImage(`${host}/always-busy/x:1`, { insecure: true })).rejects.toThrow(
        /HTTP 429/,
      );
    } finally {
      await new Promise((resolve) => front.close(resolve));
      await registry.stop();
    }
  });

  it('honours Retry-After up to 10 s, else backs off 0.5 s, 1 s, 2 s', () => {
    expect(retryDelay('3', 0)).toBe(3000);
    expect(retryDelay('3600', 0)).toBe(10_000);
    expect([0, 1, 2].map((a) => retryDelay(null, a))).toEqual([500, 1000, 2000]);
    expect(retryDelay('Wed, 21 Oct 2015 07:28:00 GMT', 1)).toBe(1000);
  });
});
