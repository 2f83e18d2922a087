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

/**
 * Watches one file's bytes stream past: gives up at once unless it is ELF, searches for the
 * marker across chunk boundaries, then keeps only the bytes after it. Memory stays bounded by
 * TAIL whatever the binary's size.
 */
export class GoBuildInfoSink {
  private carry = Buffer.alloc(0);
  private found: Buffer[] | undefined;
  private kept = 0;
  private first = true;
  private done = false;
  result: GoBuildInfo | undefined;

  write(chunk: Buffer): void {
    if (this.done) return;
    if (this.first) {
      this.first = false;
      if (!chunk.subarray(0, 4).equals(ELF)) {
        this.done = true;
        return;
      }
    }
    if (this.found) return this.keep(chunk);
    // A marker split across chunks: join only the carried tail with the new chunk's head.
    if (this.carry.length) {
      const seam = Buffer.concat([this.carry, chunk.subarray(0, MAGIC.length - 1)]);
      const at = seam.indexOf(MAGIC);
      if (at >= 0 && at < this.carry.length) {
        this.found = [];
        this.keep(seam.subarray(at, this.carry.length));
        return this.keep(chunk);
      }
    }
    const at = chunk.indexOf(MAGIC);
    if (at >= 0) {
      this.found = [];
      this.keep(chunk.subarray(at));
    } else this.carry = Buffer.from(chunk.subarray(Math.max(0, chunk.length - MAGIC.length + 1)));
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
