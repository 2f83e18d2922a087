import { lstatSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Diagnostic } from '../../core/finding.ts';
import { baseEcosystem } from '../versions/index.ts';
import { normaliseName } from './normalise.ts';
import { OsvRecordError, parseRecord, type OsvRecord } from './schema.ts';
import { DEFAULT_ZIP_LIMITS, readZipJson, type ZipLimits } from './zip.ts';

/** Progress while importing: records done so far, and the entry being read. */
export type ImportProgress = (done: number, current: string) => void;

export interface ImportResult {
  imported: number;
  skipped: number;
  diagnostics: Diagnostic[];
}

export interface DatabaseStatus {
  path: string;
  records: number;
  withdrawn: number;
  ecosystems: Record<string, number>;
  /** ISO time of the last import, per source (`npm/all.zip`, a directory…). */
  imports: Record<string, string>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS records (
  id TEXT PRIMARY KEY,
  modified TEXT NOT NULL,
  withdrawn INTEGER NOT NULL,
  json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS affected (
  ecosystem TEXT NOT NULL,
  name TEXT NOT NULL,
  id TEXT NOT NULL,
  entries TEXT NOT NULL,
  PRIMARY KEY (ecosystem, name, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS affected_by_id ON affected (id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** Bumped when the tables change; an older file must be rebuilt (`vigil db update`). */
const SCHEMA_VERSION = 1;
const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Names per `IN (…)` lookup. */
const IN_BATCH = 500;
const MAX_DIAGNOSTICS = 200;

/**
 * The offline advisory database: OSV records on Node's built-in SQLite, indexed by base
 * ecosystem and normalised package name (what the matcher looks up). A record replaces an
 * older copy of itself only when its `modified` is not older.
 */
export class AdvisoryDatabase {
  readonly path: string;
  private readonly db: DatabaseSync;
  private readonly byId: StatementSync;
  private readonly parsed = new Map<string, OsvRecord>();
  private readonly batchStatements = new Map<number, StatementSync>();

  private constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.db = db;
    this.byId = db.prepare('SELECT json FROM records WHERE id = ?');
  }

  /** Open (creating when `create`) the database file. */
  static open(path: string, options: { create?: boolean; readOnly?: boolean } = {}): AdvisoryDatabase {
    if (options.create) mkdirSync(dirname(path), { recursive: true });
    const db = new DatabaseSync(path, { readOnly: options.readOnly ?? false });
    const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    const empty =
      (db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number })
        .n === 0;
    if (!empty && version !== SCHEMA_VERSION) {
      db.close();
      throw new Error(
        `${path}: advisory database format ${version}, this vigil reads ${SCHEMA_VERSION}; delete it and run \`vigil db update\``,
      );
    }
    if (!options.readOnly) {
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
      db.exec(SCHEMA);
      db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    }
    return new AdvisoryDatabase(path, db);
  }

  close(): void {
    this.db.close();
  }

  /**
   * The records filed against this package, in the compact form matching needs (see
   * compactByPackage), so a lookup never parses whole records.
   * Withdrawn records are not indexed. `get` gives the full record of a match.
   */
  recordsFor(ecosystem: string, name: string): OsvRecord[] {
    return this.recordsForNames(ecosystem, [name]).get(normaliseName(ecosystem, name)) ?? [];
  }

  /**
   * `recordsFor` for many names of one ecosystem at once (a few queries instead of one per name).
   * Returns normalised name → records.
   */
  recordsForNames(ecosystem: string, names: Iterable<string>): Map<string, OsvRecord[]> {
    const eco = baseEcosystem(ecosystem);
    const wanted = [...new Set([...names].map((n) => normaliseName(ecosystem, n)))];
    const out = new Map<string, OsvRecord[]>(wanted.map((n) => [n, []]));
    for (let i = 0; i < wanted.length; i += IN_BATCH) {
      const slice = wanted.slice(i, i + IN_BATCH);
      // one JSON array per name: fewer rows and parses than one per record
      const sql = `SELECT name, '[' || group_concat(entries, ',') || ']' AS entries FROM affected WHERE ecosystem = ? AND name IN (${slice.map(() => '?').join(',')}) GROUP BY name`;
      let statement = this.batchStatements.get(slice.length);
      if (!statement) {
        statement = this.db.prepare(sql);
        this.batchStatements.set(slice.length, statement);
      }
      for (const row of statement.all(eco, ...slice) as Array<{ name: string; entries: string }>)
        out.set(row.name, JSON.parse(row.entries) as OsvRecord[]); // validated on import
    }
    return out;
  }

  /** The full record, parsed once per database handle. */
  get(id: string): OsvRecord | undefined {
    let record = this.parsed.get(id);
    if (!record) {
      const row = this.byId.get(id) as { json: string } | undefined;
      if (!row) return undefined;
      record = JSON.parse(row.json) as OsvRecord;
      this.parsed.set(id, record);
    }
    return record;
  }

  /** Import records one by one inside a transaction; a bad record is skipped with a diagnostic. */
  async importEntries(
    source: string,
    entries:
      | AsyncIterable<{ name: string; text: string } | { name: string; error: string }>
      | Iterable<{ name: string; text: string } | { name: string; error: string }>,
    progress?: ImportProgress,
  ): Promise<ImportResult> {
    const result: ImportResult = { imported: 0, skipped: 0, diagnostics: [] };
    const skip = (path: string, message: string) => {
      result.skipped++;
      if (result.diagnostics.length < MAX_DIAGNOSTICS)
        result.diagnostics.push({ level: 'warning', message, path, source: 'sca/db' });
    };
    const existing = this.db.prepare('SELECT modified FROM records WHERE id = ?');
    const putRecord = this.db.prepare(
      'INSERT OR REPLACE INTO records (id, modified, withdrawn, json) VALUES (?, ?, ?, ?)',
    );
    const dropAffected = this.db.prepare('DELETE FROM affected WHERE id = ?');
    const putAffected = this.db.prepare(
      'INSERT OR REPLACE INTO affected (ecosystem, name, id, entries) VALUES (?, ?, ?, ?)',
    );
    this.db.exec('BEGIN');
    try {
      for await (const entry of entries) {
        const origin = `${source}:${entry.name}`;
        if ('error' in entry) {
          skip(origin, entry.error);
          continue;
        }
        let records: OsvRecord[];
        try {
          records = recordsIn(entry.text, origin, skip);
        } catch (error) {
          skip(origin, (error as Error).message);
          continue;
        }
        for (const record of records) {
          const prior = existing.get(record.id) as { modified: string } | undefined;
          if (prior && prior.modified > record.modified) continue; // keep the newer copy
          putRecord.run(record.id, record.modified, record.withdrawn ? 1 : 0, JSON.stringify(record));
          dropAffected.run(record.id);
          if (!record.withdrawn) {
            for (const [key, partial] of compactByPackage(record)) {
              const [ecosystem, name] = key.split('\u0000') as [string, string];
              putAffected.run(ecosystem, name, record.id, JSON.stringify(partial));
            }
          }
          result.imported++;
          if (result.imported % 5000 === 0) {
            // commit in slices so a huge import does not hold one giant transaction
            this.db.exec('COMMIT');
            this.db.exec('BEGIN');
          }
          progress?.(result.imported, entry.name);
        }
      }
      this.db
        .prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)')
        .run(`import:${source}`, new Date().toISOString());
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
    this.parsed.clear();
    return result;
  }

  /** Import an OSV export `all.zip`; `label` names it in status and diagnostics (default: the path). */
  importZip(
    path: string,
    progress?: ImportProgress,
    limits: ZipLimits = DEFAULT_ZIP_LIMITS,
    label = path,
  ): Promise<ImportResult> {
    return this.importEntries(label, readZipJson(path, limits), progress);
  }

  /** Import every `*.json` file under a directory (symbolic links are not followed). */
  importDirectory(root: string, progress?: ImportProgress): Promise<ImportResult> {
    return this.importEntries(root, walkJson(root), progress);
  }

  status(): DatabaseStatus {
    const count = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    const ecosystems: Record<string, number> = {};
    for (const row of this.db
      .prepare(
        'SELECT ecosystem, COUNT(DISTINCT id) AS n FROM affected GROUP BY ecosystem ORDER BY ecosystem',
      )
      .all() as Array<{
      ecosystem: string;
      n: number;
    }>)
      ecosystems[row.ecosystem] = row.n;
    const imports: Record<string, string> = {};
    for (const row of this.db
      .prepare("SELECT key, value FROM meta WHERE key LIKE 'import:%' ORDER BY key")
      .all() as Array<{ key: string; value: string }>)
      imports[row.key.slice('import:'.length)] = row.value;
    return {
      path: this.path,
      records: count('SELECT COUNT(*) AS n FROM records'),
      withdrawn: count('SELECT COUNT(*) AS n FROM records WHERE withdrawn = 1'),
      ecosystems,
      imports,
    };
  }
}

/**
 * Per (base ecosystem, normalised name) the record as matching and describing a match read it:
 * id, aliases, summary, severity and its label, and only that package's `affected` entries —
 * not `details`, `references` or `related` (the bulk).
 */
function compactByPackage(record: OsvRecord): Map<string, OsvRecord> {
  const head: OsvRecord = { id: record.id, modified: record.modified };
  if (record.aliases?.length) head.aliases = record.aliases;
  if (record.summary) head.summary = record.summary;
  if (record.severity?.length) head.severity = record.severity;
  const label = record.database_specific?.severity;
  const cwes = record.database_specific?.cwe_ids;
  if (label !== undefined || cwes !== undefined)
    head.database_specific = {
      ...(label !== undefined ? { severity: label } : {}),
      ...(cwes !== undefined ? { cwe_ids: cwes } : {}),
    };
  const affected = record.affected ?? [];
  const out = new Map<string, OsvRecord>();
  for (const a of affected) {
    if (!a.package) continue;
    const key = `${baseEcosystem(a.package.ecosystem)}\u0000${normaliseName(a.package.ecosystem, a.package.name)}`;
    let partial = out.get(key);
    if (!partial) {
      partial = { ...head, affected: [] };
      out.set(key, partial);
    }
    const { ecosystem_specific: _e, database_specific: _d, ...entry } = a;
    partial.affected!.push({ ...entry, package: { ecosystem: a.package.ecosystem, name: a.package.name } });
  }
  return out;
}

/**
 * The records in one JSON text: a single OSV record, or a bundle `{"vulns": [...]}` as the OSV
 * API and osv-scanner's fixtures hold them (each bad element skipped on its own).
 */
function recordsIn(text: string, origin: string, skip: (path: string, message: string) => void): OsvRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OsvRecordError(origin, `not valid JSON: ${(error as Error).message}`);
  }
  const vulns = (value as { vulns?: unknown } | null)?.vulns;
  if (Array.isArray(vulns) && (value as { id?: unknown }).id === undefined) {
    const out: OsvRecord[] = [];
    vulns.forEach((v, i) => {
      try {
        out.push(parseRecord(v, `${origin}#vulns[${i}]`));
      } catch (error) {
        skip(`${origin}#vulns[${i}]`, (error as Error).message);
      }
    });
    return out;
  }
  return [parseRecord(value, origin)];
}

function* walkJson(
  root: string,
): Generator<{ name: string; text: string } | { name: string; error: string }> {
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const rel = relative(root, path);
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) continue;
      if (stat.isDirectory()) stack.push(path);
      else if (stat.isFile() && name.toLowerCase().endsWith('.json')) {
        if (stat.size > MAX_FILE_BYTES)
          yield { name: rel, error: `file is ${stat.size} bytes, over the ${MAX_FILE_BYTES}-byte limit` };
        else yield { name: rel, text: readFileSync(path, 'utf8') };
      }
    }
  }
}
