import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import { ImageError } from './image.ts';
import { BLOCK, decodeHeader, ExtendedHeaders, isZeroBlock, MAX_EXTENDED_HEADER } from '../tar-header.ts';

/** One member of an uncompressed tar file: where its data starts and how long it is. */
export interface TarMember {
  offset: number;
  size: number;
  type: string;
  linkname?: string;
}

const MAX_MEMBERS = 100_000;

/**
 * Index an uncompressed tar file (a `docker save` archive or an OCI layout tarball) by reading
 * only its headers, so members can later be streamed straight from their offsets.
 */
export async function indexTar(file: string): Promise<Map<string, TarMember>> {
  const members = new Map<string, TarMember>();
  const handle = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new ImageError(
      file,
      err.code === 'ENOENT' ? 'no such file or directory' : `cannot read: ${err.message}`,
    );
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new ImageError(file, 'not a tar file');
    const total = info.size;
    const block = Buffer.alloc(BLOCK);
    const extended = new ExtendedHeaders();
    let pos = 0;
    while (pos + BLOCK <= total) {
      await handle.read(block, 0, BLOCK, pos);
      if (isZeroBlock(block)) break;
      let raw;
      try {
        raw = decodeHeader(block);
      } catch (error) {
        throw new ImageError(file, `${(error as Error).message} at offset ${pos}`);
      }
      const dataStart = pos + BLOCK;
      // A PAX header may give the member's real size (over 8 GiB): the data to skip is that long.
      let length = raw.size;
      if (ExtendedHeaders.isExtended(raw.type)) {
        if (raw.size > MAX_EXTENDED_HEADER || dataStart + raw.size > total)
          throw new ImageError(file, `oversized tar extended header at offset ${pos}`);
        const data = Buffer.alloc(raw.size);
        await handle.read(data, 0, raw.size, dataStart);
        extended.take(raw.type, data);
      } else {
        const { name, type, size, linkname } = extended.apply(raw);
        length = size;
        if (dataStart + size > total)
          throw new ImageError(file, `tar member at offset ${pos} runs past the end of the file`);
        members.set(name.replace(/^\.\//, ''), {
          offset: dataStart,
          size,
          type,
          linkname: linkname || undefined,
        });
        if (members.size > MAX_MEMBERS) throw new ImageError(file, `more than ${MAX_MEMBERS} members`);
      }
      pos = dataStart + Math.ceil(length / BLOCK) * BLOCK;
    }
  } finally {
    await handle.close();
  }
  return members;
}

/** Random access to the members of one tar file. */
export class TarFile {
  readonly file: string;
  private readonly members: Map<string, TarMember>;
  private constructor(file: string, members: Map<string, TarMember>) {
    this.file = file;
    this.members = members;
  }

  static async open(file: string): Promise<TarFile> {
    return new TarFile(file, await indexTar(file));
  }

  /** Find a member, following symlinks between members (skopeo links `x/layer.tar` → `../y.tar`). */
  member(name: string): TarMember | undefined {
    let current = name.replace(/^\.\//, '');
    for (let hops = 0; hops < 8; hops++) {
      const m = this.members.get(current);
      if (!m) return undefined;
      if ((m.type !== '2' && m.type !== '1') || !m.linkname) return m;
      const base = m.type === '2' ? current.split('/').slice(0, -1) : [];
      for (const part of m.linkname.split('/')) {
        if (part === '..') base.pop();
        else if (part && part !== '.') base.push(part);
      }
      current = base.join('/');
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.member(name) !== undefined;
  }

  stream(name: string): Readable {
    const m = this.member(name);
    if (!m) throw new ImageError(this.file, `no member ${name}`);
    if (m.size === 0) return createReadStream(this.file, { start: 1, end: 0 });
    return createReadStream(this.file, { start: m.offset, end: m.offset + m.size - 1 });
  }

  async read(name: string, max: number): Promise<Buffer> {
    const m = this.member(name);
    if (!m) throw new ImageError(this.file, `no member ${name}`);
    if (m.size > max) throw new ImageError(this.file, `${name} is larger than ${max} bytes`);
    const handle = await open(this.file, 'r');
    try {
      const data = Buffer.alloc(m.size);
      await handle.read(data, 0, m.size, m.offset);
      return data;
    } finally {
      await handle.close();
    }
  }
}
