import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll } from 'vitest';
import { AdvisoryDatabase } from '../../src/sca/osv/db.ts';

const run = promisify(execFile);
/** The repository's copy of the container corpus (test/fixtures/corpus/container, read-only). */
export const CORPUS = fileURLToPath(new URL('../fixtures/corpus/container/', import.meta.url));

/** Build the corpus's fixture images (OCI layout + docker-archive) into a fresh temp dir. */
export async function buildCorpusFixtures(options: { registry?: boolean } = {}): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'vigil-cfx-'));
  await run('bash', [join(CORPUS, 'images/build-fixtures.sh'), out], {
    env: { ...process.env, NO_INSTALL: '1', ...(options.registry ? {} : { NO_REGISTRY: '1' }) },
  });
  return out;
}

/** A fresh cache dir whose offline osv.db holds the corpus's Alpine musl advisory (CVE-2025-26519). */
async function makeAdvisoryCache(): Promise<string> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'vigil-cache-'));
  const records = await mkdtemp(join(tmpdir(), 'vigil-osv-'));
  await copyFile(
    join(CORPUS, 'osv/records/ALPINE-CVE-2025-26519.json'),
    join(records, 'ALPINE-CVE-2025-26519.json'),
  );
  const db = AdvisoryDatabase.open(join(cacheDir, 'osv.db'), { create: true });
  await db.importDirectory(records);
  db.close();
  await rm(records, { recursive: true, force: true });
  return cacheDir;
}

/**
 * The corpus fixture images and an offline advisory cache, made before this file's tests and
 * removed after them (the fields are set once `beforeAll` has run).
 */
export function useCorpusImagesWithAdvisories(): { fixtures: string; cacheDir: string } {
  const dirs = { fixtures: '', cacheDir: '' };
  beforeAll(async () => {
    dirs.fixtures = await buildCorpusFixtures();
    dirs.cacheDir = await makeAdvisoryCache();
  });
  afterAll(async () => {
    for (const dir of [dirs.fixtures, dirs.cacheDir])
      if (dir) await rm(dir, { recursive: true, force: true });
  });
  return dirs;
}

export interface TarEntry {
  name: string;
  content?: string | Buffer;
  type?: 'file' | 'symlink' | 'link' | 'directory';
  linkname?: string;
  mode?: number;
}

/** A tar built in memory with tar-stream (the same library the reader uses, so the format is exact). */
export async function makeTar(entries: TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const done = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const e of entries) {
    const content = typeof e.content === 'string' ? Buffer.from(e.content) : e.content;
    pack.entry(
      {
        name: e.name,
        type: e.type ?? 'file',
        linkname: e.linkname,
        mode: e.mode ?? 0o644,
        mtime: new Date(0),
        size: content?.length ?? 0,
      },
      content ?? Buffer.alloc(0),
    );
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export const sha256 = (b: Buffer) => 'sha256:' + createHash('sha256').update(b).digest('hex');

export interface LayerSpec {
  entries: TarEntry[];
  compression?: 'gzip' | 'zstd' | 'none';
  createdBy?: string;
  /** Corrupt the stored blob after its digest was recorded. */
  mutate?: (blob: Buffer) => Buffer;
}

interface Written {
  mediaType: string;
  digest: string;
  size: number;
}

async function putBlob(root: string, bytes: Buffer, digest = sha256(bytes)): Promise<string> {
  await mkdir(join(root, 'blobs/sha256'), { recursive: true });
  await writeFile(join(root, 'blobs/sha256', digest.slice(7)), bytes);
  return digest;
}

/** Write one image's layers, config and manifest as blobs; returns the manifest descriptor. */
export async function writeImage(
  root: string,
  layers: LayerSpec[],
  config: Record<string, unknown> = {},
): Promise<Written> {
  const descriptors = [];
  const diffIds = [];
  for (const layer of layers) {
    const plain = await makeTar(layer.entries);
    diffIds.push(sha256(plain));
    const compression = layer.compression ?? 'gzip';
    const blob =
      compression === 'gzip' ? gzipSync(plain) : compression === 'zstd' ? zstdCompressSync(plain) : plain;
    const digest = sha256(blob);
    await putBlob(root, layer.mutate ? layer.mutate(blob) : blob, digest);
    descriptors.push({
      mediaType: `application/vnd.oci.image.layer.v1.tar${compression === 'none' ? '' : `+${compression}`}`,
      digest,
      size: blob.length,
    });
  }
  const configJson = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: layers.map((l, i) => ({ created_by: l.createdBy ?? `layer ${i + 1}` })),
      ...config,
    }),
  );
  const configDigest = await putBlob(root, configJson);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: configJson.length,
      },
      layers: descriptors,
    }),
  );
  return {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: await putBlob(root, manifest),
    size: manifest.length,
  };
}

async function writeLayout(root: string, top: Written): Promise<void> {
  await writeFile(join(root, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(
    join(root, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ ...top, annotations: { 'org.opencontainers.image.ref.name': 'test' } }],
    }),
  );
}

/** Write a one-image OCI layout (tag `test`) from layer specs; returns its directory. */
export async function makeOciImage(
  layers: LayerSpec[],
  config: Record<string, unknown> = {},
): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'vigil-oci-'));
  await writeLayout(root, await writeImage(root, layers, config));
  return root;
}

/** An OCI layout whose tag `test` is an image index with one image per platform. */
export async function makeOciIndex(images: { platform: string; layers: LayerSpec[] }[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'vigil-oci-'));
  const manifests = [];
  for (const image of images) {
    const [os, architecture, variant] = image.platform.split('/');
    const written = await writeImage(root, image.layers, {
      os,
      architecture,
      ...(variant ? { variant } : {}),
    });
    manifests.push({ ...written, platform: { os, architecture, ...(variant ? { variant } : {}) } });
  }
  const index = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }),
  );
  await writeLayout(root, {
    mediaType: 'application/vnd.oci.image.index.v1+json',
    digest: await putBlob(root, index),
    size: index.length,
  });
  return root;
}

/** Random characters from an alphabet, for secrets made at test time (never a real credential). */
export function randomChars(alphabet: string, length: number): string {
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}
