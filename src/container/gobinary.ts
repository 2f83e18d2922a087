import { purlFor } from '../sca/purl.ts';
import type { Package } from '../sca/types.ts';

/** Where Go 1.18+ binaries keep their build info: this marker, then the versions inline. */
const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const ELF = Buffer.from('\x7fELF', 'latin1');
/** Build info follows the marker closely; this much after it is plenty. */
const TAIL = 64 * 1024;
/** Executables larger than this are not searched. */
const MAX_BINARY = 512 * 1024 * 1024;
const OS_DOC_TREES = /^(usr\/share|usr\/include|usr\/src|proc|sys)\//;

export interface GoBuildInfo {
  goVersion: string;
  /** The main package path (`path` line). */
  path?: string;
  modules: { path: string; version: string; main?: boolean }[];
}

/** Executable regular files outside documentation trees may be Go binaries. */
export function wantsGoBinaryScan(path: string, size: number, mode: number): boolean {
  return (mode & 0o111) !== 0 && size >= 1024 && size <= MAX_BINARY && !OS_DOC_TREES.test(path);
}

function uvarint(buf: Buffer, at: number): [value: number, next: number] | undefined {
  let value = 0;
  for (let shift = 0, i = at; i < buf.length && shift < 35; i++, shift += 7) {
    const b = buf[i]!;
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, i + 1];
  }
  return undefined;
}

/** Parse the bytes starting at the build-info marker (Go 1.18+ inline format only). */
export function parseBuildInfo(data: Buffer): GoBuildInfo | undefined {
  if (data.length < 33 || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const flags = data[15]!;
  // Before Go 1.18 the strings live elsewhere in the binary, behind pointers: not read.
  if (!(flags & 0x2)) return undefined;
  const v = uvarint(data, 32);
  if (!v || v[1] + v[0] > data.length) return undefined;
  const goVersion = data.toString('utf8', v[1], v[1] + v[0]);
  const m = uvarint(data, v[1] + v[0]);
  if (!m || m[1] + m[0] > data.length) return undefined;
  let modinfo = data.toString('latin1', m[1], m[1] + m[0]);
  // modinfo is wrapped in two 16-byte sentinels.
  if (modinfo.length >= 33 && modinfo.charCodeAt(modinfo.length - 17) === 0x0a)
    modinfo = modinfo.slice(16, -16);
  const info: GoBuildInfo = { goVersion, modules: [] };
  for (const line of Buffer.from(modinfo, 'latin1').toString('utf8').split('\n')) {
    const [kind, p, version] = line.split('\t');
    if (kind === 'path' && p) info.path = p;
    else if ((kind === 'mod' || kind === 'dep') && p && version)
      info.modules.push({ path: p, version, ...(kind === 'mod' ? { main: true } : {}) });
    else if (kind === '=>' && p && version && info.modules.length)
      info.modules[info.modules.length - 1] = { ...info.modules.at(-1)!, path: p, version };
  }
  return info;
}

/** Go's linker aligns the marker to 16 bytes (debug/buildinfo skips unaligned matches). */
const ALIGN = 16;
/** The ELF header and program headers must lie within this many first bytes (linkers put them first). */
const MAX_HEADERS = 64 * 1024;
const PT_LOAD = 1;
const PF_W = 2;
const PN_XNUM = 0xffff;

/** A file range [start, end) to search. */
interface Range {
  start: number;
  end: number;
}

/**
 * The file ranges of an ELF file's writable loadable segments, in file order, overlaps merged:
 * where Go's linker puts `.go.buildinfo`, and where debug/buildinfo looks when a binary has no
 * section table. `'more'` when the program headers end past `head`; undefined when the header is
 * malformed or hostile (bad class or byte order, header table past MAX_HEADERS, 64-bit overflow).
 */
export function writableSegments(head: Buffer): Range[] | 'more' | undefined {
  if (head.length < 6) return 'more';
  const wide = head[4] === 2;
  if (!wide && head[4] !== 1) return undefined;
  if (head[5] !== 1 && head[5] !== 2) return undefined;
  const le = head[5] === 1;
  if (head.length < (wide ? 64 : 52)) return 'more';
  const u16 = (at: number) => (le ? head.readUInt16LE(at) : head.readUInt16BE(at));
  const u32 = (at: number) => (le ? head.readUInt32LE(at) : head.readUInt32BE(at));
  const u64 = (at: number) => (le ? head.readBigUInt64LE(at) : head.readBigUInt64BE(at));
  const word = (at: number): bigint => (wide ? u64(at) : BigInt(u32(at)));
  const phoff = word(wide ? 32 : 28);
  const phentsize = u16(wide ? 54 : 42);
  const phnum = u16(wide ? 56 : 44);
  // PN_XNUM keeps the real count in section 0, at the file's end: not reachable while streaming.
  if (phentsize < (wide ? 56 : 32) || phnum === PN_XNUM) return undefined;
  const tableEnd = phoff + BigInt(phnum * phentsize);
  if (tableEnd > BigInt(MAX_HEADERS)) return undefined;
  if (Number(tableEnd) > head.length) return 'more';
  const ranges: Range[] = [];
  for (let i = 0, at = Number(phoff); i < phnum; i++, at += phentsize) {
    const flags = u32(at + (wide ? 4 : 24));
    if (u32(at) !== PT_LOAD || !(flags & PF_W)) continue;
    const offset = word(at + (wide ? 8 : 4));
    const filesz = word(at + (wide ? 32 : 16));
    if (offset + filesz > 0xffff_ffff_ffff_ffffn) return undefined;
    // Nothing past MAX_BINARY is ever streamed here, so the range is cut there (Number-safe).
    const start = Number(offset < BigInt(MAX_BINARY) ? offset : BigInt(MAX_BINARY));
    const end = Number(offset + filesz < BigInt(MAX_BINARY) ? offset + filesz : BigInt(MAX_BINARY));
    if (end > start) ranges.push({ start, end });
  }
  ranges.sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/**
 * Watches one file's bytes stream past. Waits for the ELF header and program headers (bounded
 * by MAX_HEADERS), then searches for the 16-byte-aligned marker only in the file ranges of the
 * writable loadable segments (a few percent of a binary: the code and read-only data are
 * skipped), across chunk boundaries, and keeps only the bytes after it. Memory stays bounded by
 * MAX_HEADERS + TAIL whatever the binary's size. Non-ELF files are not searched: Mach-O and PE
 * executables in a Linux image are rare, and searching them whole is what cost the time.
 */
export class GoBuildInfoSink {
  private head: Buffer[] = [];
  private headLength = 0;
  private ranges: Range[] | undefined;
  /** The first range not yet passed. */
  private next = 0;
  /** File offset of the next byte to arrive. */
  private pos = 0;
  /** The last bytes searched (fewer than the marker), for a marker split across chunks. */
  private carry = Buffer.alloc(0);
  private carryEnd = -1;
  private found: Buffer[] | undefined;
  private kept = 0;
  private done = false;
  result: GoBuildInfo | undefined;

  write(chunk: Buffer): void {
    if (this.done) return;
    if (!this.ranges) {
      this.head.push(chunk);
      this.headLength += chunk.length;
      if (this.headLength < ELF.length) return;
      const head = this.head.length === 1 ? chunk : Buffer.concat(this.head);
      this.head = [head];
      if (!head.subarray(0, ELF.length).equals(ELF)) return this.stop();
      const ranges = writableSegments(head);
      if (ranges === 'more') return;
      if (!ranges?.length) return this.stop();
      this.ranges = ranges;
      this.head = [];
      chunk = head;
    }
    this.scan(chunk);
  }

  private stop(): void {
    this.done = true;
    this.head = [];
  }

  private scan(chunk: Buffer): void {
    const start = this.pos;
    this.pos += chunk.length;
    if (this.found) return this.keep(chunk);
    const ranges = this.ranges!;
    for (; this.next < ranges.length; this.next++) {
      const r = ranges[this.next]!;
      if (r.start >= this.pos) return;
      const from = Math.max(r.start, start);
      const to = Math.min(r.end, this.pos);
      if (from < to) {
        const at = this.search(chunk.subarray(from - start, to - start), from);
        if (at >= 0) {
          this.found = [];
          // A match that began in the carried bytes: those come first.
          if (at < start) this.keep(this.carry.subarray(at - (start - this.carry.length)));
          return this.keep(chunk.subarray(Math.max(0, at - start)));
        }
      }
      if (r.end > this.pos) return;
    }
    // Every writable range has passed without a marker.
    this.stop();
  }

  /** File offset of the first aligned marker in `bytes` (at file offset `off`), or -1. */
  private search(bytes: Buffer, off: number): number {
    if (this.carryEnd === off && this.carry.length) {
      const seamStart = off - this.carry.length;
      const seam = Buffer.concat([this.carry, bytes.subarray(0, MAGIC.length - 1)]);
      for (let at = seam.indexOf(MAGIC); at >= 0 && at < this.carry.length; at = seam.indexOf(MAGIC, at + 1))
        if ((seamStart + at) % ALIGN === 0) return seamStart + at;
    }
    for (let at = bytes.indexOf(MAGIC); at >= 0; at = bytes.indexOf(MAGIC, at + 1))
      if ((off + at) % ALIGN === 0) return off + at;
    const tail = this.carryEnd === off ? Buffer.concat([this.carry, bytes]) : bytes;
    this.carry = Buffer.from(tail.subarray(Math.max(0, tail.length - MAGIC.length + 1)));
    this.carryEnd = off + bytes.length;
    return -1;
  }

  private keep(chunk: Buffer): void {
    const room = TAIL - this.kept;
    if (room <= 0) return;
    const part = chunk.subarray(0, room);
    this.found!.push(part);
    this.kept += part.length;
  }

  end(): GoBuildInfo | undefined {
    if (this.found && !this.done) this.result = parseBuildInfo(Buffer.concat(this.found));
    this.done = true;
    return this.result;
  }
}

/** The binary's modules (main module excluded when it is `(devel)`) and its Go standard library. */
export function goPackages(info: GoBuildInfo, path: string): Omit<Package, 'layer'>[] {
  const out: Omit<Package, 'layer'>[] = [];
  const add = (name: string, version: string, direct: boolean) =>
    out.push({
      ecosystem: 'Go',
      name,
      version,
      kind: 'registry',
      direct,
      dev: false,
      paths: [[name]],
      source: path,
      purl: purlFor('Go', name, version),
    });
  for (const m of info.modules) {
    if (m.version === '(devel)') continue;
    add(m.path, m.version.replace(/^v/, ''), !!m.main);
  }
  const std = /^go(\d+\.\d+(?:\.\d+)?)/.exec(info.goVersion)?.[1];
  if (std) add('stdlib', std, true);
  return out;
}
