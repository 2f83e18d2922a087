// Synchronous on purpose: package databases are parsed in the scanner's synchronous merge step.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { OsPackage, PkgDbResult } from './types.ts';

/** Where rpm keeps its sqlite database (rpm ≥ 4.16: Fedora 33+, RHEL 9, Azure Linux). */
const SQLITE_PATHS = ['var/lib/rpm/rpmdb.sqlite', 'usr/lib/sysimage/rpm/rpmdb.sqlite'];
/** Older formats: BerkeleyDB `Packages` and SUSE's ndb `Packages.db`. */
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
 * Read an rpm database. The sqlite format is read through node:sqlite from a private temporary
 * copy (the bytes come from a layer, not from disk); BerkeleyDB and ndb are reported as
 * unsupported rather than guessed at.
 */
export function parseRpmDatabase(path: string, content: Buffer): PkgDbResult {
  if (!SQLITE_PATHS.includes(path)) {
    return {
      packages: [],
      issues: [
        { path, message: 'rpm BerkeleyDB/ndb databases are not supported yet; only rpmdb.sqlite is read' },
      ],
    };
  }
  return readSqlite(path, content);
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
