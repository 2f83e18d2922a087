import { Writable } from 'node:stream';
import {
  BLOCK,
  decodeHeader,
  ExtendedHeaders,
  isZeroBlock,
  MAX_EXTENDED_HEADER,
  type RawHeader,
  TarFormatError,
} from './tar-header.ts';

export type TarEntryType = 'file' | 'link' | 'symlink' | 'directory' | 'other';

export interface TarEntry {
  name: string;
  type: TarEntryType;
  size: number;
  mode: number;
  linkname: string;
}

/** Where one entry's content goes, slice by slice as it streams past. */
export interface EntrySink {
  data(chunk: Buffer): void;
  end(): void;
}

const TYPES: Record<string, TarEntryType> = {
  '0': 'file',
  '7': 'file',
  '1': 'link',
  '2': 'symlink',
  '5': 'directory',
};

/**
 * A tar reader for layers: a Writable fed the uncompressed bytes, calling `onEntry` for every
 * member and handing the content of those it returns a sink for; everything else is skipped by
 * counting, with no stream per entry (tar-stream's per-entry streams cost about a seventh of
 * gunzip's time on a layer of small files, bench/README.md). An error thrown by `onEntry` or a
 * sink fails the write, and so the pipeline.
 */
export class TarWalker extends Writable {
  private readonly onEntry: (entry: TarEntry) => EntrySink | undefined;
  private readonly header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  private readonly extended = new ExtendedHeaders();
  /** Gathering an extended header's data: its type and the bytes so far. */
  private long: { type: string; parts: Buffer[]; size: number } | undefined;
  private sink: EntrySink | undefined;
  /** Content bytes of the current member still to come, then its padding to the block size. */
  private remaining = 0;
  private padding = 0;
  private ended = false;

  constructor(onEntry: (entry: TarEntry) => EntrySink | undefined) {
    super();
    this.onEntry = onEntry;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    try {
      this.feed(chunk);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _final(done: (error?: Error | null) => void): void {
    // Two zero blocks end an archive, but many writers stop after the last member: fine, unless
    // the stream stops inside a member.
    if (this.remaining > 0 || this.long || this.headerFill > 0)
      done(new TarFormatError('Unexpected end of data: the tar stops inside a member'));
    else done();
  }

  private feed(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.ended) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - at);
        const slice = chunk.subarray(at, at + n);
        if (this.long) {
          this.long.parts.push(slice);
          this.long.size += n;
        } else this.sink?.data(slice);
        this.remaining -= n;
        at += n;
        if (this.remaining === 0) this.memberDone();
        continue;
      }
      if (this.padding > 0) {
        const n = Math.min(this.padding, chunk.length - at);
        this.padding -= n;
        at += n;
        continue;
      }
      const n = Math.min(BLOCK - this.headerFill, chunk.length - at);
      chunk.copy(this.header, this.headerFill, at, at + n);
      this.headerFill += n;
      at += n;
      if (this.headerFill === BLOCK) {
        this.headerFill = 0;
        this.startMember();
      }
    }
  }

  private startMember(): void {
    if (isZeroBlock(this.header)) {
      this.ended = true; // the end-of-archive marker: whatever follows is padding
      return;
    }
    const raw = decodeHeader(this.header);
    if (ExtendedHeaders.isExtended(raw.type)) {
      if (raw.size > MAX_EXTENDED_HEADER)
        throw new TarFormatError(`extended tar header of ${raw.size} bytes, over ${MAX_EXTENDED_HEADER}`);
      this.long = { type: raw.type, parts: [], size: 0 };
      this.content(raw.size);
      return;
    }
    this.begin(this.extended.apply(raw));
  }

  /** The member's data comes next: `size` bytes, then padding to the block size. */
  private content(size: number): void {
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.memberDone();
  }

  private begin(raw: RawHeader): void {
    const type = TYPES[raw.type] ?? 'other';
    // Only regular files carry content a reader wants; other members' bytes are skipped.
    this.sink = this.onEntry({
      name: raw.name,
      type,
      size: raw.size,
      mode: raw.mode,
      linkname: raw.linkname,
    });
    if (type !== 'file') this.sink = undefined;
    this.content(raw.size);
  }

  private memberDone(): void {
    if (this.long) {
      const { type, parts, size } = this.long;
      this.long = undefined;
      this.extended.take(type, parts.length === 1 ? parts[0]! : Buffer.concat(parts, size));
      return;
    }
    const sink = this.sink;
    this.sink = undefined;
    sink?.end();
  }
}
