import { createHash } from 'node:crypto';
import { createReadStream, lstatSync } from 'node:fs';
import { lstat, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { checkDigest, ImageError, MAX_JSON_BYTES, parseJson } from './image.ts';
import { TarFile } from './tar-index.ts';

/** Files of a directory or a tar, addressed by relative POSIX name. */
export interface FileStore {
  readonly where: string;
  has(name: string): Promise<boolean>;
  read(name: string, max: number): Promise<Buffer>;
  stream(name: string): Readable;
}

export class DirStore implements FileStore {
  readonly where: string;
  constructor(dir: string) {
    this.where = dir;
  }
  private path(name: string): string {
    if (name.split('/').some((p) => p === '..') || name.startsWith('/'))
      throw new ImageError(this.where, `refusing path ${JSON.stringify(name)} outside the layout`);
    return join(this.where, name);
  }
  // lstat, not stat: a symlink inside a layout could otherwise make vigil read a host file.
  async has(name: string): Promise<boolean> {
    return lstat(this.path(name)).then(
      (s) => s.isFile(),
      () => false,
    );
  }
  async read(name: string, max: number): Promise<Buffer> {
    const path = this.path(name);
    const s = await lstat(path).catch(() => null);
    if (!s?.isFile()) throw new ImageError(this.where, `missing ${name} (or not a regular file)`);
    if (s.size > max) throw new ImageError(this.where, `${name} is larger than ${max} bytes`);
    return readFile(path);
  }
  stream(name: string): Readable {
    const path = this.path(name);
    if (!lstatSync(path, { throwIfNoEntry: false })?.isFile())
      throw new ImageError(this.where, `missing ${name} (or not a regular file)`);
    return createReadStream(path);
  }
}

export class TarStore implements FileStore {
  readonly where: string;
  private readonly tar: TarFile;
  private constructor(tar: TarFile) {
    this.tar = tar;
    this.where = tar.file;
  }
  static async open(file: string): Promise<TarStore> {
    return new TarStore(await TarFile.open(file));
  }
  async has(name: string): Promise<boolean> {
    return this.tar.has(name);
  }
  read(name: string, max: number): Promise<Buffer> {
    return this.tar.read(name, max);
  }
  stream(name: string): Readable {
    return this.tar.stream(name);
  }
}

export async function openStore(path: string): Promise<FileStore> {
  const s = await stat(path).catch(() => null);
  if (!s) throw new ImageError(path, 'no such file or directory');
  return s.isDirectory() ? new DirStore(path) : TarStore.open(path);
}

export function blobPath(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return `blobs/${algorithm}/${hex}`;
}

/** Read a small content-addressed blob (manifest, index, config) and check its digest. */
export async function readVerifiedJson<T>(
  store: FileStore,
  ref: string,
  what: string,
  digest: string,
): Promise<T> {
  checkDigest(ref, digest);
  const bytes = await store.read(blobPath(digest), MAX_JSON_BYTES);
  verifyBytes(ref, what, digest, bytes);
  return parseJson<T>(ref, what, bytes);
}

export function verifyBytes(ref: string, what: string, digest: string, bytes: Buffer): void {
  const got = 'sha256:' + createHash('sha256').update(bytes).digest('hex');
  if (got !== digest)
    throw new ImageError(ref, `${what} digest mismatch: expected ${digest}, content is ${got}`);
}
