// Synchronous on purpose: package databases are parsed in the scanner's synchronous merge step.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { OsPackage, PkgDbResult } from './types.ts';

/** Where rpm keeps its sqlite database (rpm ≥ 4.16: Fedora 33+, RHEL 9, Azure Linux). */
const SQLITE_PATHS = ['var/lib/rpm/rpmdb.sqlite', 'usr/lib/sysimage/rpm/rpmdb.sqlite'];
/** BerkeleyDB `Packages` (RHEL ≤ 8, CentOS, Amazon Linux 2) and SUSE's ndb `Packages.db`. */
const OTHER_PATHS = ['var/lib/rpm/Packages', 'usr/lib/sysimage/rpm/Packages.db'];

export function isRpmDatabase(path: string): boolean {
  return SQLITE_PATHS.includes(path) || OTHER_PATHS.includes(path);
}

const TAG = { name: 1000, version: 1001, release: 1002, epoch: 1003, arch: 1022, sourceRpm: 1044 } as const;
const TYPE_INT32 = 4;
const TYPE_STRING = 6;
const MAX_INDEX = 0xffff;
const MAX_DATA = 256 * 1024 * 1024;

/**
 * Read the tags vigil needs from one rpm header blob, as rpm's header format lays it out: a
 * big-endian index count and data length, then 16-byte index entries (tag, type, offset,
 * count) pointing into the data store that follows. Every offset is bounds-checked.
 */
export function parseRpmHeader(blob: Uint8Array): Map<number, string | number> {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  if (blob.byteLength < 8) throw new Error('header blob shorter than its preamble');
  const il = view.getUint32(0);
  const dl = view.getUint32(4);
  if (il > MAX_INDEX || dl > MAX_DATA)
    throw new Error(`implausible header sizes (${il} entries, ${dl} bytes)`);
  const dataStart = 8 + il * 16;
  if (dataStart + dl > blob.byteLength) throw new Error('header blob truncated');
  const wanted = new Set<number>(Object.values(TAG));
  const out = new Map<number, string | number>();
  for (let i = 0; i < il; i++) {
    const at = 8 + i * 16;
    const tag = view.getInt32(at);
    if (!wanted.has(tag)) continue;
    const type = view.getUint32(at + 4);
    const offset = view.getInt32(at + 8);
    if (offset < 0 || offset >= dl) throw new Error(`tag ${tag} points outside the data store`);
    const start = dataStart + offset;
    if (type === TYPE_INT32) {
      if (offset + 4 > dl) throw new Error(`tag ${tag} runs past the data store`);
      out.set(tag, view.getInt32(start));
    } else if (type === TYPE_STRING) {
      const end = blob.indexOf(0, start);
      if (end < 0 || end > dataStart + dl) throw new Error(`tag ${tag} string is not terminated`);
      out.set(tag, Buffer.from(blob.subarray(start, end)).toString('utf8'));
    }
  }
  return out;
}

/** `glibc-2.35-1.cm2.src.rpm` → `glibc`. */
export function sourceRpmName(sourceRpm: string): string | undefined {
  const base = sourceRpm.replace(/\.(no)?src\.rpm$/, '');
  const parts = base.split('-');
  return parts.length >= 3 ? parts.slice(0, -2).join('-') : undefined;
}

export function packageFromHeader(path: string, header: Map<number, string | number>): OsPackage | undefined {
  const name = header.get(TAG.name);
  const version = header.get(TAG.version);
  const release = header.get(TAG.release);
  if (typeof name !== 'string' || typeof version !== 'string') return undefined;
  const epoch = header.get(TAG.epoch);
  const evr = `${typeof epoch === 'number' && epoch > 0 ? `${epoch}:` : ''}${version}${typeof release === 'string' ? `-${release}` : ''}`;
  const sourceRpm = header.get(TAG.sourceRpm);
  return {
    name,
    version: evr,
    sourceName: (typeof sourceRpm === 'string' && sourceRpmName(sourceRpm)) || name,
    sourceVersion: evr,
    arch: typeof header.get(TAG.arch) === 'string' ? (header.get(TAG.arch) as string) : undefined,
    path,
  };
}

/**
 * Read an rpm database in any of its three formats: sqlite (through node:sqlite, from a private
 * temporary copy since the bytes come from a layer), SUSE's ndb (`Packages.db`) and BerkeleyDB
 * hash (`Packages`), the last two parsed here from their on-disk layouts.
 */
export function parseRpmDatabase(path: string, content: Buffer): PkgDbResult {
  if (SQLITE_PATHS.includes(path)) return readSqlite(path, content);
  const blobs =
    content.subarray(0, 4).toString('latin1') === 'RpmP' ? ndbBlobs(content) : berkeleyBlobs(content);
  const result: PkgDbResult = { packages: [], issues: [] };
  if (typeof blobs === 'string') {
    result.issues.push({ path, message: blobs });
    return result;
  }
  blobs.forEach((blob, i) => {
    try {
      const pkg = packageFromHeader(path, parseRpmHeader(blob));
      if (pkg) result.packages.push(pkg);
    } catch (err) {
      result.issues.push({ path, message: `rpm header ${i + 1}: ${(err as Error).message}` });
    }
  });
  return result;
}

const NDB_PAGE = 4096;
const NDB_SLOT = 16;
const NDB_BLK = 16;

/**
 * Header blobs of an ndb database (rpm's lib/backend/ndb/rpmpkg.c layout, little-endian): a
 * 32-byte header (`RpmP`, version 0, generation, slot page count), then 16-byte slots (`Slot`,
 * package index, block offset, block count; offset 0 = free) up to the end of the slot pages,
 * then blobs at `offset × 16`: `BlbS`, package index, timestamp, length, the header blob.
 * Returns a message instead when the file is not a sound ndb database.
 */
export function ndbBlobs(db: Buffer): Uint8Array[] | string {
  if (db.length < 32 || db.readUInt32LE(4) !== 0) return 'not an rpm ndb database (bad header)';
  const slotPages = db.readUInt32LE(12);
  if (slotPages === 0 || slotPages * NDB_PAGE > db.length)
    return 'rpm ndb database truncated (slot pages past the end)';
  const blobs: Uint8Array[] = [];
  for (let at = 32; at < slotPages * NDB_PAGE; at += NDB_SLOT) {
    if (db.toString('latin1', at, at + 4) !== 'Slot') return `rpm ndb slot at byte ${at} is corrupt`;
    const pkgIndex = db.readUInt32LE(at + 4);
    const blkOff = db.readUInt32LE(at + 8);
    const blkCnt = db.readUInt32LE(at + 12);
    if (blkOff === 0) continue;
    const start = blkOff * NDB_BLK;
    if (start + 16 > db.length || start + blkCnt * NDB_BLK > db.length)
      return `rpm ndb slot for package ${pkgIndex} points past the end of the file`;
    if (db.toString('latin1', start, start + 4) !== 'BlbS' || db.readUInt32LE(start + 4) !== pkgIndex)
      return `rpm ndb blob for package ${pkgIndex} is corrupt`;
    const length = db.readUInt32LE(start + 12);
    if (length + 16 > blkCnt * NDB_BLK)
      return `rpm ndb blob for package ${pkgIndex} is longer than its blocks`;
    blobs.push(db.subarray(start + 16, start + 16 + length));
  }
  return blobs;
}

const BDB_HASH_MAGIC = 0x061561;
const P_HASH_UNSORTED = 2;
const P_OVERFLOW = 7;
const P_HASH = 13;
const H_KEYDATA = 1;
const H_OFFPAGE = 3;

/**
 * Values of a BerkeleyDB hash database (rpm's old `Packages`): walk every hash page, take each
 * key/value pair's value — inline (`H_KEYDATA`) or in a chain of overflow pages (`H_OFFPAGE`) —
 * with every page number, offset and length checked against the file. Byte order follows the
 * metadata page's magic.
 */
export function berkeleyBlobs(db: Buffer): Uint8Array[] | string {
  if (db.length < 512) return 'not an rpm database (neither sqlite, ndb nor BerkeleyDB)';
  const little = db.readUInt32LE(12) === BDB_HASH_MAGIC;
  if (!little && db.readUInt32BE(12) !== BDB_HASH_MAGIC)
    return 'not an rpm database (neither sqlite, ndb nor BerkeleyDB hash)';
  const u32 = (at: number) => (little ? db.readUInt32LE(at) : db.readUInt32BE(at));
  const u16 = (at: number) => (little ? db.readUInt16LE(at) : db.readUInt16BE(at));
  const pageSize = u32(20);
  if (pageSize < 512 || pageSize > 65536 || pageSize & (pageSize - 1))
    return `BerkeleyDB page size ${pageSize} is not valid`;
  const pages = Math.floor(db.length / pageSize);
  const blobs: Uint8Array[] = [];
  for (let page = 1; page < pages; page++) {
    const base = page * pageSize;
    const type = db[base + 25];
    if (type !== P_HASH && type !== P_HASH_UNSORTED) continue;
    const entries = u16(base + 20);
    if (26 + entries * 2 > pageSize) return `BerkeleyDB page ${page} claims ${entries} entries`;
    for (let i = 1; i < entries; i += 2) {
      const offset = u16(base + 26 + i * 2);
      const end = u16(base + 26 + (i - 1) * 2);
      if (offset >= pageSize || end > pageSize || offset >= end)
        return `BerkeleyDB page ${page} entry ${i} is out of bounds`;
      const itemType = db[base + offset];
      if (itemType === H_KEYDATA) {
        blobs.push(db.subarray(base + offset + 1, base + end));
      } else if (itemType === H_OFFPAGE) {
        const value = overflowChain(
          db,
          pageSize,
          pages,
          u32(base + offset + 4),
          u32(base + offset + 8),
          u32,
          u16,
        );
        if (typeof value === 'string') return value;
        blobs.push(value);
      }
    }
  }
  // Small values (the 4-byte instance counter under key 0) are not package headers.
  return blobs.filter((b) => b.length > 16);
}

function overflowChain(
  db: Buffer,
  pageSize: number,
  pages: number,
  first: number,
  total: number,
  u32: (at: number) => number,
  u16: (at: number) => number,
): Buffer | string {
  if (total > db.length) return `BerkeleyDB value of ${total} bytes is larger than the file`;
  const parts: Buffer[] = [];
  let length = 0;
  for (let page = first, hops = 0; page !== 0; hops++) {
    if (page >= pages || hops > pages)
      return `BerkeleyDB overflow chain leaves the file or loops (page ${page})`;
    const base = page * pageSize;
    if (db[base + 25] !== P_OVERFLOW) return `BerkeleyDB page ${page} is not an overflow page`;
    const used = u16(base + 22);
    if (26 + used > pageSize) return `BerkeleyDB overflow page ${page} claims ${used} bytes`;
    parts.push(db.subarray(base + 26, base + 26 + used));
    length += used;
    page = u32(base + 16);
  }
  if (length !== total) return `BerkeleyDB value is ${length} bytes, its item says ${total}`;
  return Buffer.concat(parts);
}

function readSqlite(path: string, content: Buffer): PkgDbResult {
  const result: PkgDbResult = { packages: [], issues: [] };
  if (!content.subarray(0, 16).toString('latin1').startsWith('SQLite format 3')) {
    result.issues.push({ path, message: 'not an SQLite database' });
    return result;
  }
  const dir = mkdtempSync(join(tmpdir(), 'vigil-rpmdb-'));
  const file = join(dir, 'rpmdb.sqlite');
  try {
    writeFileSync(file, content, { mode: 0o600 });
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      const rows = db.prepare('SELECT hnum, blob FROM Packages').all() as {
        hnum: number;
        blob: Uint8Array;
      }[];
      for (const row of rows) {
        try {
          const pkg = packageFromHeader(path, parseRpmHeader(row.blob));
          if (pkg) result.packages.push(pkg);
          else result.issues.push({ path, message: `rpm header ${row.hnum} has no name or version` });
        } catch (err) {
          result.issues.push({ path, message: `rpm header ${row.hnum}: ${(err as Error).message}` });
        }
      }
    } finally {
      db.close();
    }
  } catch (err) {
    result.issues.push({ path, message: `rpm sqlite database unreadable: ${(err as Error).message}` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
