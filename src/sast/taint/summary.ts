import type { GuardKind } from './spec.ts';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { FlowStep } from '../../core/finding.ts';
import type { Flag, SinkStep, SourceKind } from './spec.ts';

/**
 * What crosses a file boundary: summaries, never syntax trees. A summary says, for each export,
 * what it is (a module member such as `child_process.exec`, a function, or untrusted data) and,
 * for a function, which parameters reach its return value or a sink.
 */
export interface SourceSummary {
  kind: SourceKind;
  label: string;
  flags: number;
  /** From the source location to where the value leaves the exporting file. */
  steps: FlowStep[];
}

export interface ParamFlow {
  param: number;
  /** Read at this property of the argument (see Label.field). */
  field?: string;
  flags: number;
  steps: FlowStep[];
}

export interface ParamSink extends ParamFlow {
  ruleId: string;
  sink: SinkStep;
  /**
   * The sink takes only an object the client built: the argument must be the untrusted object itself
   * (`whole`, mass assignment) or may be a field of it (`object`, render options); or anything
   * but text or a number (`notText`, deep merges: SinkSpec.notText); or anything but the request's
   * parsed object itself (`notRequest`, loggers: SinkSpec.skipRequestObjects).
   */
  needs?: 'whole' | 'object' | 'notText' | 'notRequest';
}

/**
 * The function returns parameter `param` looked up in a table of its own: truthy only when the
 * argument is one of the table's names (`own`) or one it has or inherits (`any`; guards.ts Naming).
 */
/**
 * A predicate true only when one parameter passes guards of these kinds (`isSafePath(p)` returning
 * `!p.includes('..')`): a caller's `if (isSafePath(x))` guards `x` as the test written in place would.
 */
export interface ParamPredicate {
  param: number;
  kinds: readonly GuardKind[];
}

/** What a guard may ask of a called function: what it finds, what it proves of an argument. */
export interface CalleeFacts {
  finds?: ParamLookup;
  passes?: ParamPredicate;
}

export interface ParamLookup {
  param: number;
  naming: 'own' | 'any';
  /** The result is a promise, truthy until awaited. */
  async?: boolean;
}

/** What a function's result, or one property of it, holds: parameters and sources. */
export interface ReturnFlows {
  returns: ParamFlow[];
  returnSources: SourceSummary[];
}

export interface FunctionSummary extends ReturnFlows {
  /**
   * Per property of the object the function returns, when all are known (Calls.returnFields): what
   * each holds, so a caller's `parse(p).locale` does not take what `parse(p).path` holds.
   */
  fields?: Record<string, ReturnFlows>;
  /**
   * The result is a copy of parameter `param` (of its property `field`, a path as Label.field's)
   * with these properties written (Calls.copyOf): a caller's read of any other property is its
   * argument's.
   */
  copies?: { param: number; field?: string; fields: Record<string, ReturnFlows> };
  sinks: ParamSink[];
  /** The return value is a module member (a wrapper returning `cp.exec`). */
  returnPath?: string;
  /** The return value is a lookup of a parameter (a caller's check of it is an allow-list). */
  finds?: ParamLookup;
  /** The function is a predicate on a parameter (a caller's test of it is that guard). */
  passes?: ParamPredicate;
  /** Every return is an object or array literal (Val.record). */
  record?: true;
}

export interface ExportSummary {
  path?: string;
  fn?: FunctionSummary;
  sources?: SourceSummary[];
  /** Members of an exported object literal (`module.exports = { run, query }`). */
  members?: Record<string, ExportSummary>;
  /**
   * Members of the objects an exported plain function constructs (`new Dao(db)`): what its body
   * writes to `this` and `Dao.prototype.m = …` assigns.
   */
  instance?: Record<string, ExportSummary>;
  /**
   * What a validator lets through, with its flags: an exported class's checked fields
   * (checked-fields.ts), a zod schema's (zod-schemas.ts).
   */
  checks?: Readonly<Record<string, readonly Flag[]>>;
}

export interface ModuleSummary {
  path: string;
  exports: Record<string, ExportSummary>;
}

/** What the taint engine needs from outside the file: the summaries of the files it imports. */
export interface TaintEnv {
  /** The summary of the file a relative specifier names, if it was analysed first. */
  resolveImport(specifier: string): ModuleSummary | undefined;
  /**
   * Does a relative specifier name a file of this scan (its summary may be missing: an import
   * cycle)? Absent: nothing is known of the scan.
   */
  inScan?(specifier: string): boolean;
  /** Set by the analysis: this file's own summary, for the files that import it. */
  summary?: ModuleSummary;
  /** Version ranges the file's package declares for the modules of version-gated sinks. */
  declared?: Readonly<Record<string, string>>;
}

export const noImports: TaintEnv = { resolveImport: () => undefined };

/** Content hash keying the summary cache: same text (by its textHash), same rules, same summary. */
export function summaryKey(
  hashOfText: string,
  rulesetVersion: string,
  importKeys: readonly string[],
): string {
  const h = createHash('sha256').update(rulesetVersion).update('\0').update(hashOfText);
  for (const k of importKeys) h.update('\0').update(k);
  return h.digest('hex');
}

/**
 * Summaries on disk in one SQLite database, `<cacheDir>/sast-summaries.db`: by key, and by
 * absolute path (with the hash of the text it was made from) for the ESLint plugin. Writes are
 * kept in memory and go in one transaction per FLUSH_BATCH summaries and at `flush()` — one file
 * per summary cost a second of file-system calls on a 4,600-file scan. WAL mode lets an editor
 * read while a scan writes. A damaged or unreadable database is a miss, never an error: it is set
 * aside and started afresh.
 */
export class SummaryCache {
  readonly file: string;
  private db: DatabaseSync | undefined;
  private opened = false;
  private readonly pending = new Map<string, string>();
  private readonly pendingPaths = new Map<string, { textHash: string; key: string }>();

  private readonly readOnly: boolean;

  /** `readOnly`: a reader (the ESLint plugin) never creates or repairs the database. */
  constructor(cacheDir: string, readOnly = false) {
    this.file = join(cacheDir, 'sast-summaries.db');
    this.readOnly = readOnly;
  }

  /** A cached summary as JSON text (it crosses threads as text), or undefined on a miss. */
  get(key: string): string | undefined {
    const row = this.query('SELECT json FROM summary WHERE key = ?', key) as { json?: unknown } | undefined;
    return typeof row?.json === 'string' && parseSummary(row.json) ? row.json : undefined;
  }

  /** `summary` is the JSON text of a ModuleSummary; stored at the next flush. */
  set(key: string, summary: string): void {
    this.pending.set(key, summary);
    if (this.pending.size >= FLUSH_BATCH) this.flush();
  }

  /**
   * The latest summary of a file by its absolute path, with the hash of the text it was made
   * from — for the ESLint plugin, which sees one file at a time and reads its imports' summaries
   * here when the imported file's text (its textHash) still matches. `key` is the summary's key
   * (set beside it).
   */
  setForPath(absPath: string, hashOfText: string, key: string): void {
    this.pendingPaths.set(absPath, { textHash: hashOfText, key });
  }

  getForPath(absPath: string, text: string): ModuleSummary | undefined {
    const row = this.query(
      'SELECT path.text_hash AS text_hash, summary.json AS json FROM path JOIN summary ON summary.key = path.key WHERE path.path = ?',
      absPath,
    ) as { text_hash?: unknown; json?: unknown } | undefined;
    if (row?.text_hash !== textHash(text) || typeof row.json !== 'string') return undefined;
    return parseSummary(row.json);
  }

  /** Write what was set since the last flush, in one transaction; a failure loses only the cache. */
  flush(): void {
    if (this.pending.size === 0 && this.pendingPaths.size === 0) return;
    const db = this.open();
    try {
      if (!db) return;
      db.exec('BEGIN');
      // Keys are content hashes: a key already stored holds the same summary.
      const byKey = db.prepare('INSERT OR IGNORE INTO summary (key, json) VALUES (?, ?)');
      for (const [key, json] of this.pending) byKey.run(key, json);
      const byPath = db.prepare(
        'INSERT INTO path (path, text_hash, key) VALUES (?, ?, ?) ON CONFLICT (path) DO UPDATE SET text_hash = excluded.text_hash, key = excluded.key WHERE key != excluded.key',
      );
      for (const [path, e] of this.pendingPaths) byPath.run(path, e.textHash, e.key);
      db.exec('COMMIT');
    } catch {
      try {
        db?.exec('ROLLBACK');
      } catch {
        // no transaction was open
      }
    } finally {
      this.pending.clear();
      this.pendingPaths.clear();
    }
  }

  close(): void {
    this.flush();
    this.db?.close();
    this.db = undefined;
  }

  private query(sql: string, arg: string): unknown {
    try {
      return this.open()?.prepare(sql).get(arg);
    } catch {
      return undefined;
    }
  }

  private open(): DatabaseSync | undefined {
    if (this.opened) return this.db;
    // A reader (a long-lived editor process) looks again later for a database not yet written.
    if (this.readOnly && !existsSync(this.file)) return undefined;
    this.opened = true;
    try {
      this.db = connect(this.file, this.readOnly);
    } catch {
      if (this.readOnly) return undefined;
      // Damaged: set aside (kept for a post-mortem, replaced next time) and start afresh.
      try {
        renameSync(this.file, `${this.file}.damaged`);
        this.db = connect(this.file, false);
      } catch {
        this.db = undefined;
      }
    }
    return this.db;
  }
}

/**
 * Summaries written together while a scan runs, in the pool's idle time between workers' results:
 * written all at the end, they kept the scan waiting after its last analysis (150 ms of 4,660 on
 * bench/sast); now only the last batch does.
 */
const FLUSH_BATCH = 512;

/** The layout of the summary database; another value means an older layout, started afresh. */
const CACHE_SCHEMA = 1;

function connect(file: string, readOnly: boolean): DatabaseSync {
  if (!readOnly) mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { readOnly });
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    if (!readOnly) {
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
      const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
      // Another layout (an older vigil): it is only a cache, so start it afresh.
      if (version !== CACHE_SCHEMA)
        db.exec(`BEGIN; DROP TABLE IF EXISTS summary; DROP TABLE IF EXISTS path;
          CREATE TABLE summary (key TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;
          CREATE TABLE path (path TEXT PRIMARY KEY, text_hash TEXT NOT NULL, key TEXT NOT NULL) WITHOUT ROWID;
          PRAGMA user_version = ${CACHE_SCHEMA}; COMMIT;`);
    }
    // Reading the schema proves the file is a database (a damaged file fails here, not later).
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** A stored text that is not a summary object is a miss. */
function parseSummary(json: string): ModuleSummary | undefined {
  try {
    const parsed = JSON.parse(json) as unknown;
    return parsed && typeof parsed === 'object' && 'exports' in parsed && 'path' in parsed
      ? (parsed as ModuleSummary)
      : undefined;
  } catch {
    return undefined;
  }
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
