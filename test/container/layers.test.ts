import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LayerError,
  MergedTree,
  readLayer,
  resolveLinkTarget,
  safeMemberPath,
} from '../../src/container/layers.ts';
import { openDockerArchive } from '../../src/container/sources/docker-archive.ts';
import { openOciLayout } from '../../src/container/sources/oci-layout.ts';
import type { ImageSource } from '../../src/container/sources/image.ts';
import { buildCorpusFixtures, makeTar, sha256 } from './helpers.ts';

let fixtures: string;
beforeAll(async () => {
  fixtures = await buildCorpusFixtures();
});
afterAll(async () => {
  await rm(fixtures, { recursive: true, force: true });
});

const all = () => true;

async function merge(source: ImageSource) {
  const tree = new MergedTree();
  const refused: string[] = [];
  for (let i = 0; i < source.layers.length; i++) {
    const d = source.layers[i]!;
    const c = await readLayer(await source.openLayer(i), {
      label: `layer ${i}`,
      digest: d.digest,
      diffId: d.diffId,
      wants: all,
    });
    refused.push(...c.refused);
    tree.apply(i, c);
  }
  return { tree, refused };
}

async function expected(name: string): Promise<string[]> {
  const text = await readFile(join(fixtures, 'expected', `${name}.txt`), 'utf8');
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .sort();
}

const listing = (tree: MergedTree) => [...tree.files.keys(), ...tree.symlinks.keys()].sort();

describe('streamed flatten of real fixture images', () => {
  for (const name of ['whiteout', 'minimal-dpkg', 'apk-alpine', 'hostile']) {
    it(`${name}: OCI layout and docker-archive give the expected merged tree`, async () => {
      const oci = await merge(await openOciLayout(join(fixtures, 'oci'), name));
      const archive = await merge(await openDockerArchive(join(fixtures, 'docker-archive', `${name}.tar`)));
      expect(listing(oci.tree)).toEqual(await expected(name));
      expect(listing(archive.tree)).toEqual(await expected(name));
    });
  }

  it('whiteout: the deleted file is gone, the opaque directory lost its old contents', async () => {
    const { tree } = await merge(await openOciLayout(join(fixtures, 'oci'), 'whiteout'));
    expect(tree.files.has('app/deleteme.txt')).toBe(false);
    expect(tree.deletedBy('app/deleteme.txt', 0)).toBe(1);
    expect([...tree.files.keys()].filter((p) => p.startsWith('data/'))).toEqual(['data/new.txt']);
  });

  it('minimal-dpkg: etc/os-release resolves through its relative symlink', async () => {
    const { tree } = await merge(await openOciLayout(join(fixtures, 'oci'), 'minimal-dpkg'));
    expect(tree.symlinks.get('etc/os-release')?.target).toBe('../usr/lib/os-release');
    expect(tree.read('etc/os-release')?.content.toString()).toContain('ID=debian');
  });

  it('hostile: every escaping entry is refused by name and nothing else is lost', async () => {
    const { tree, refused } = await merge(await openOciLayout(join(fixtures, 'oci'), 'hostile'));
    expect(refused).toEqual(
      expect.arrayContaining([
        expect.stringContaining('../../../../tmp/vigil-escape-dotdot.txt: path leaves the image root'),
        expect.stringContaining('/tmp/vigil-escape-absolute.txt: path leaves the image root'),
        expect.stringContaining('etc/../../vigil-escape-inner-dotdot.txt: path leaves the image root'),
        expect.stringContaining('escape/vigil-escape-through-symlink.txt: written through a symlink'),
        expect.stringContaining(
          'etc/hardlink-out: hard link to ../../../../etc/shadow leaves the image root',
        ),
      ]),
    );
    // The absolute symlink resolves inside the image root, never to the host's /etc/passwd.
    expect(tree.resolve('etc/passwd-link')).toBe('etc/passwd');
    expect(tree.read('etc/passwd-link')).toBeUndefined();
    expect(tree.read('etc/os-release')?.content.toString()).toContain('debian');
  });
});

describe('readLayer', () => {
  const entries = [
    { name: 'etc/os-release', content: 'ID=alpine\n' },
    { name: 'usr/bin/tool', content: Buffer.alloc(5000, 1) },
  ];

  it('reads gzip, zstd and plain layers alike and buffers only wanted files', async () => {
    const plain = await makeTar(entries);
    for (const blob of [plain, gzipSync(plain), zstdCompressSync(plain)]) {
      const c = await readLayer(Readable.from([blob]), {
        label: 'l',
        digest: sha256(blob),
        wants: (p) => p === 'etc/os-release',
      });
      expect([...c.files.keys()]).toEqual(['etc/os-release']);
      expect(c.entries).toBe(2);
      expect(c.uncompressedBytes).toBe(plain.length);
    }
  });

  it('verifies the diff_id of an uncompressed layer when no blob digest is known', async () => {
    const plain = await makeTar(entries);
    await expect(
      readLayer(Readable.from([plain]), { label: 'l', diffId: sha256(plain), wants: all }),
    ).resolves.toBeDefined();
    await expect(
      readLayer(Readable.from([plain]), { label: 'l', diffId: sha256(Buffer.from('x')), wants: all }),
    ).rejects.toThrow(/l: diff_id mismatch/);
  });

  it('refuses a blob whose digest does not match, naming the layer', async () => {
    const blob = gzipSync(await makeTar(entries));
    const err = await readLayer(Readable.from([blob]), {
      label: 'layer 2 (sha256:abc)',
      digest: sha256(Buffer.from('other')),
      wants: all,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LayerError);
    expect((err as Error).message).toMatch(/^layer 2 \(sha256:abc\): digest mismatch: expected sha256:/);
  });

  it('refuses a truncated gzip stream with a clear error', async () => {
    const blob = gzipSync(await makeTar(entries));
    const cut = blob.subarray(0, Math.floor(blob.length / 2));
    await expect(readLayer(Readable.from([cut]), { label: 'layer 1', wants: all })).rejects.toThrow(
      /layer 1: truncated layer \(gzip\)/,
    );
  });

  // The stored bytes are hashed by a listener beside the pipe: it must see every chunk exactly
  // once, including the head peek() unshifts, whatever the chunking and the backpressure.
  describe('blob hashing beside a chunked, backpressured stream', () => {
    // Pseudo-random content compresses poorly, so the blob spans many source chunks and its
    // output many 256 KiB inflate chunks.
    const noise = Buffer.alloc(1536 * 1024);
    for (let i = 0, seed = 7; i < noise.length; i++)
      noise[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    const chunked = (blob: Buffer, first = 2) => {
      const parts = [blob.subarray(0, first)];
      for (let at = first; at < blob.length; at += 1000) parts.push(blob.subarray(at, at + 1000));
      // An async generator hands the chunks over one per tick, as a socket or a file would.
      return Readable.from(
        (async function* () {
          for (const part of parts) yield part;
        })(),
      );
    };
    const layerTar = () =>
      makeTar([
        { name: 'etc/os-release', content: 'ID=debian\n' },
        { name: 'usr/bin/noise', content: noise },
      ]);

    it('verifies a gzip and a zstd blob split into small chunks (the first shorter than the peek)', async () => {
      const plain = await layerTar();
      for (const blob of [gzipSync(plain), zstdCompressSync(plain)]) {
        const c = await readLayer(chunked(blob), { label: 'l', digest: sha256(blob), wants: () => true });
        expect(c.files.get('usr/bin/noise')?.equals(noise)).toBe(true);
        expect(c.uncompressedBytes).toBe(plain.length);
      }
    });

    it('still refuses a chunked blob whose digest does not match, naming the layer', async () => {
      const blob = gzipSync(await layerTar());
      const other = Buffer.concat([blob.subarray(0, blob.length - 1), Buffer.from([blob.at(-1)! ^ 1])]);
      await expect(
        readLayer(chunked(blob), { label: 'layer 4 (sha256:def)', digest: sha256(other), wants: all }),
      ).rejects.toThrow(/^layer 4 \(sha256:def\): digest mismatch: expected sha256:/);
    });

    it('still reports a truncated chunked gzip blob as truncated, naming the layer', async () => {
      const blob = gzipSync(await layerTar());
      const cut = blob.subarray(0, Math.floor(blob.length * 0.7));
      await expect(
        readLayer(chunked(cut), { label: 'layer 2', digest: sha256(blob), wants: all }),
      ).rejects.toThrow(/^layer 2: truncated layer \(gzip\)/);
    });
  });

  it('refuses garbage that is neither tar nor a known compression', async () => {
    await expect(
      readLayer(Readable.from([Buffer.from('not a tar at all, just text'.repeat(40))]), {
        label: 'layer 1',
        wants: all,
      }),
    ).rejects.toThrow(/layer 1: unreadable layer/);
  });

  it('bounds entry count, entry size and total size (tar bombs)', async () => {
    const many = await makeTar(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, content: 'x' })));
    await expect(
      readLayer(Readable.from([gzipSync(many)]), { label: 'l', wants: all, limits: { maxEntries: 10 } }),
    ).rejects.toThrow(/more than 10 entries/);
    const big = gzipSync(await makeTar([{ name: 'zeros', content: Buffer.alloc(1024 * 1024) }]));
    expect(big.length).toBeLessThan(5000);
    await expect(
      readLayer(Readable.from([big]), { label: 'l', wants: all, limits: { maxEntrySize: 1000 } }),
    ).rejects.toThrow(/over the 1000-byte limit/);
    await expect(
      readLayer(Readable.from([big]), { label: 'l', wants: all, limits: { maxTotalBytes: 100_000 } }),
    ).rejects.toThrow(/more than 100000 uncompressed bytes/);
  });

  it('never buffers a file over the buffering limit, even a wanted one', async () => {
    const plain = await makeTar([{ name: 'var/lib/dpkg/status', content: Buffer.alloc(4096, 65) }]);
    const c = await readLayer(Readable.from([plain]), {
      label: 'l',
      wants: all,
      limits: { maxBufferedFile: 1024 },
    });
    expect(c.files.size).toBe(0);
  });

  it('records whiteouts, opaque directories and symlinks without buffering them', async () => {
    const plain = await makeTar([
      { name: 'app/.wh.secret.txt' },
      { name: 'data/.wh..wh..opq' },
      { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
    ]);
    const c = await readLayer(Readable.from([plain]), { label: 'l', wants: all });
    expect(c.whiteouts).toEqual(['app/secret.txt']);
    expect(c.opaqueDirs).toEqual(['data']);
    expect(c.symlinks.get('etc/os-release')).toBe('../usr/lib/os-release');
  });
});

describe('root entry', () => {
  it('accepts the root directory entry (umoci writes ./) silently and still refuses escapes', async () => {
    const plain = await makeTar([
      { name: './', type: 'directory', mode: 0o755 },
      { name: '.', type: 'directory', mode: 0o755 },
      { name: './etc/os-release', content: 'ID=alpine\n' },
      { name: '../evil', content: 'x' },
      { name: '/abs', content: 'x' },
      { name: './etc/shadow-copy', type: 'link', linkname: '../../etc/shadow' },
      { name: '.', type: 'symlink', linkname: '/' },
    ]);
    const c = await readLayer(Readable.from([plain]), { label: 'l', wants: all });
    expect(c.files.get('etc/os-release')?.toString()).toBe('ID=alpine\n');
    expect(c.refused).toEqual([
      '../evil: path leaves the image root',
      '/abs: path leaves the image root',
      './etc/shadow-copy: hard link to ../../etc/shadow leaves the image root',
      '.: path leaves the image root',
    ]);
  });
});

describe('paths', () => {
  it('safeMemberPath refuses absolute names and any .. segment', () => {
    expect(safeMemberPath('./etc/passwd')).toBe('etc/passwd');
    expect(safeMemberPath('/etc/passwd')).toBeNull();
    expect(safeMemberPath('a/../../b')).toBeNull();
    expect(safeMemberPath('a/..')).toBeNull();
  });

  it('resolveLinkTarget clamps at the image root', () => {
    expect(resolveLinkTarget('etc/os-release', '../usr/lib/os-release')).toBe('usr/lib/os-release');
    expect(resolveLinkTarget('a/b', '../../../../etc/shadow')).toBe('etc/shadow');
    expect(resolveLinkTarget('escape', '/tmp')).toBe('tmp');
  });

  it('MergedTree.resolve gives up on symlink loops', () => {
    const tree = new MergedTree();
    tree.apply(0, {
      files: new Map(),
      symlinks: new Map([
        ['a', 'b'],
        ['b', 'a'],
      ]),
      whiteouts: [],
      opaqueDirs: [],
    });
    expect(tree.resolve('a/x')).toBeNull();
  });
});
