import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import { ImageError } from './image.ts';

/** One member of an uncompressed tar file: where its data starts and how long it is. */
export interface TarMember {
  offset: number;
  size: number;
  type: string;
  linkname?: string;
}

const MAX_MEMBERS = 100_000;

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const nul = raw.indexOf(0);
  return raw.subarray(0, nul < 0 ? raw.length : nul).toString('utf8');
}

function octal(block: Buffer, start: number, length: number): number {
  const raw = block.subarray(start, start + length);
  // GNU base-256 for sizes over 8 GiB.
  if (raw[0] !== undefined && raw[0] & 0x80) {
    let n = raw[0] & 0x7f;
    for (let i = 1; i < raw.length; i++) n = n * 256 + (raw[i] ?? 0);
    return n;
  }
  const text = field(block, start, length).trim();
  return text ? parseInt(text, 8) : 0;
}

function paxPath(data: Buffer): { path?: string; linkpath?: string } {
  const out: { path?: string; linkpath?: string } = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space < 0) break;
    const len = parseInt(data.subarray(pos, space).toString(), 10);
    if (!len || len < 0) break;
    const record = data.subarray(space + 1, pos + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    const key = record.slice(0, eq);
    if (key === 'path') out.path = record.slice(eq + 1);
    if (key === 'linkpath') out.linkpath = record.slice(eq + 1);
    pos += len;
  }
  return out;
}

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
    const block = Buffer.alloc(512);
    let pos = 0;
    let longName: string | undefined;
    let longLink: string | undefined;
    while (pos + 512 <= total) {
      await handle.read(block, 0, 512, pos);
      if (block.every((b) => b === 0)) break;
      const size = octal(block, 124, 12);
      const type = String.fromCharCode(block[156] || 0x30);
      const dataStart = pos + 512;
      if (dataStart + size > total)
        throw new ImageError(file, `tar member at offset ${pos} runs past the end of the file`);
      if (type === 'x' || type === 'L' || type === 'K') {
        if (size > 1024 * 1024) throw new ImageError(file, `oversized tar extended header at offset ${pos}`);
        const data = Buffer.alloc(size);
        await handle.read(data, 0, size, dataStart);
        if (type === 'x') ({ path: longName, linkpath: longLink } = paxPath(data));
        else if (type === 'L') longName = field(data, 0, size);
        else longLink = field(data, 0, size);
      } else if (type !== 'g') {
        const prefix = field(block, 345, 155);
        const name = longName ?? (prefix ? `${prefix}/${field(block, 0, 100)}` : field(block, 0, 100));
        const linkname = longLink ?? field(block, 157, 100);
        members.set(name.replace(/^\.\//, ''), {
          offset: dataStart,
          size,
          type,
          linkname: linkname || undefined,
        });
        if (members.size > MAX_MEMBERS) throw new ImageError(file, `more than ${MAX_MEMBERS} members`);
        longName = longLink = undefined;
      }
      pos = dataStart + Math.ceil(size / 512) * 512;
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
