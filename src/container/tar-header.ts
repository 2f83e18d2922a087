/**
 * Tar headers as image tarballs and layers write them: ustar (with its name prefix), GNU long
 * names and links (`L`/`K`), base-256 sizes, and PAX extended headers (`x`, global `g`). Shared by
 * the random-access index of `docker save` archives and the streaming layer walker.
 */

export const BLOCK = 512;
/** Most bytes of a long-name or PAX header: real ones are a few hundred. */
export const MAX_EXTENDED_HEADER = 1024 * 1024;

export interface RawHeader {
  name: string;
  /** The typeflag character (`0` file, `1` hard link, `2` symlink, `5` directory, `L`, `x`…). */
  type: string;
  size: number;
  mode: number;
  linkname: string;
}

export class TarFormatError extends Error {}

/** A NUL-terminated text field. */
export function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const nul = raw.indexOf(0);
  return raw.subarray(0, nul < 0 ? raw.length : nul).toString('utf8');
}

/** An octal number field, or GNU base-256 (high bit set) for values past the octal range. */
export function octal(block: Buffer, start: number, length: number): number {
  const raw = block.subarray(start, start + length);
  if (raw[0] !== undefined && raw[0] & 0x80) {
    let n = raw[0] & 0x7f;
    for (let i = 1; i < raw.length; i++) n = n * 256 + (raw[i] ?? 0);
    return n;
  }
  const text = field(block, start, length).trim();
  return text ? parseInt(text, 8) : 0;
}

export function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

/**
 * Decode one header block. The checksum is verified (unsigned or signed sum, as tar programs
 * differ), so text or a compressed stream is never read as a tar.
 */
export function decodeHeader(block: Buffer): RawHeader {
  const stored = octal(block, 148, 8);
  let unsigned = 8 * 0x20;
  let signed = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) {
    if (i >= 148 && i < 156) continue;
    const b = block[i]!;
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  if (stored !== unsigned && stored !== signed)
    throw new TarFormatError('invalid tar header (bad checksum): not a tar, or still compressed');
  const size = octal(block, 124, 12);
  if (!Number.isSafeInteger(size) || size < 0) throw new TarFormatError('invalid tar header (bad size)');
  const name = field(block, 0, 100);
  // POSIX ustar splits long names into prefix + name; GNU's magic ("ustar  ") uses those bytes otherwise.
  const ustar = block.toString('latin1', 257, 263) === 'ustar\u0000';
  const prefix = ustar ? field(block, 345, 155) : '';
  return {
    name: prefix ? `${prefix}/${name}` : name,
    type: String.fromCharCode(block[156] || 0x30),
    size,
    mode: octal(block, 100, 8),
    linkname: field(block, 157, 100),
  };
}

/** PAX records (`<len> <key>=<value>\n`…) as a map; a malformed record ends the parse. */
export function decodePax(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space < 0) break;
    const len = parseInt(data.subarray(pos, space).toString(), 10);
    if (!(len > 0) || pos + len > data.length) break;
    const record = data.subarray(space + 1, pos + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    pos += len;
  }
  return out;
}

/**
 * What long-name and PAX headers say about the next member: applied to its raw header.
 * `global` PAX values (`g`) hold for every member after them.
 */
export class ExtendedHeaders {
  private name: string | undefined;
  private link: string | undefined;
  private pax: Map<string, string> | undefined;
  private global: Map<string, string> | undefined;

  /** Is this typeflag an extended header (its data is read with `take`)? */
  static isExtended(type: string): boolean {
    return type === 'L' || type === 'K' || type === 'x' || type === 'g';
  }

  take(type: string, data: Buffer): void {
    if (type === 'L') this.name = field(data, 0, data.length);
    else if (type === 'K') this.link = field(data, 0, data.length);
    else if (type === 'x') this.pax = decodePax(data);
    else if (type === 'g') this.global = new Map([...(this.global ?? []), ...decodePax(data)]);
  }

  apply(header: RawHeader): RawHeader {
    const pax = (key: string) => this.pax?.get(key) ?? this.global?.get(key);
    const size = pax('size');
    const out = {
      ...header,
      name: pax('path') ?? this.name ?? header.name,
      linkname: pax('linkpath') ?? this.link ?? header.linkname,
      size: size !== undefined && /^\d+$/.test(size) ? Number(size) : header.size,
    };
    this.name = this.link = this.pax = undefined;
    return out;
  }
}
