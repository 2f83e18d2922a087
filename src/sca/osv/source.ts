import { existsSync } from 'node:fs';
import { defaultCacheDir } from '../../core/cache-dir.ts';
import { join } from 'node:path';
import type { Diagnostic } from '../../core/finding.ts';
import { OsvApiClient, OsvApiError, type ApiProgress, type OsvApiOptions } from './api.ts';
import { AdvisoryDatabase } from './db.ts';
import type { PackageQuery } from './match.ts';
import { packageKey } from './normalise.ts';
import type { OsvRecord } from './schema.ts';

/**
 * Where advisories come from. A source returns candidate records per package (aligned with the
 * input); the matcher decides which of them affect the installed version.
 */
export interface AdvisorySource {
  readonly name: 'osv-api' | 'osv-db';
  candidates(packages: PackageQuery[]): Promise<OsvRecord[][]>;
  /** The record's descriptive fields — summary, aliases, severity… (`details` and `affected` may be left out). */
  describe(record: OsvRecord): OsvRecord;
  /** The whole record behind a candidate (candidates may hold only what matching reads). */
  complete(record: OsvRecord): OsvRecord;
  /** Diagnostics gathered while answering (fallbacks, skipped records). */
  readonly diagnostics: Diagnostic[];
  close(): void;
}

/** The offline database as a source: batched lookups by (ecosystem, normalised name). */
export class DatabaseSource implements AdvisorySource {
  readonly name = 'osv-db' as const;
  readonly diagnostics: Diagnostic[] = [];
  readonly db: AdvisoryDatabase;
  constructor(db: AdvisoryDatabase) {
    this.db = db;
  }
  async candidates(packages: PackageQuery[]): Promise<OsvRecord[][]> {
    const namesByEcosystem = new Map<string, string[]>();
    for (const p of packages) {
      const names = namesByEcosystem.get(p.ecosystem);
      if (names) names.push(p.name);
      else namesByEcosystem.set(p.ecosystem, [p.name]);
    }
    const byKey = new Map<string, OsvRecord[]>();
    for (const [ecosystem, names] of namesByEcosystem) {
      for (const [name, records] of this.db.recordsForNames(ecosystem, names))
        byKey.set(packageKey(ecosystem, name), records);
    }
    return packages.map((p) => byKey.get(packageKey(p.ecosystem, p.name)) ?? []);
  }
  describe(record: OsvRecord): OsvRecord {
    return record; // candidates carry everything but details and references
  }
  complete(record: OsvRecord): OsvRecord {
    return this.db.get(record.id) ?? record;
  }
  close(): void {
    this.db.close();
  }
}

/** OSV's API as a source: querybatch for ids, then each full record once. */
export class ApiSource implements AdvisorySource {
  readonly name = 'osv-api' as const;
  readonly diagnostics: Diagnostic[] = [];
  readonly client: OsvApiClient;
  constructor(client: OsvApiClient) {
    this.client = client;
  }
  async candidates(packages: PackageQuery[]): Promise<OsvRecord[][]> {
    // one query per distinct package version
    const keyOf = (p: PackageQuery) => `${p.ecosystem}\u0000${p.name}\u0000${p.version}`;
    const distinct = new Map<string, PackageQuery>();
    for (const p of packages) if (!distinct.has(keyOf(p))) distinct.set(keyOf(p), p);
    const list = [...distinct.values()];
    const refs = await this.client.queryBatch(list);
    const records = await this.client.getVulns(refs.flat(), (error) =>
      this.diagnostics.push({
        level: 'warning',
        message: `advisory skipped: ${error.message}`,
        source: 'sca',
      }),
    );
    const byKey = new Map(
      list.map((p, i) => [keyOf(p), refs[i]!.map((r) => records.get(r.id)!).filter(Boolean)]),
    );
    return packages.map((p) => byKey.get(keyOf(p)) ?? []);
  }
  describe(record: OsvRecord): OsvRecord {
    return record; // the API serves whole records
  }
  complete(record: OsvRecord): OsvRecord {
    return record;
  }
  close(): void {}
}

/** Tries the API; when it cannot be reached, answers from the local database and says so. */
class FallbackSource implements AdvisorySource {
  readonly diagnostics: Diagnostic[] = [];
  private active: AdvisorySource;
  private readonly fallback: AdvisorySource;
  constructor(primary: AdvisorySource, fallback: AdvisorySource) {
    this.active = primary;
    this.fallback = fallback;
  }
  get name() {
    return this.active.name;
  }
  async candidates(packages: PackageQuery[]): Promise<OsvRecord[][]> {
    try {
      return await this.active.candidates(packages);
    } catch (error) {
      if (!(error instanceof OsvApiError) || this.active === this.fallback) throw error;
      this.diagnostics.push({
        level: 'warning',
        message: `OSV API unavailable (${error.message}); using the local advisory database instead`,
        source: 'sca',
      });
      this.active = this.fallback;
      return this.active.candidates(packages);
    }
  }
  describe(record: OsvRecord): OsvRecord {
    return this.active.describe(record);
  }
  complete(record: OsvRecord): OsvRecord {
    return this.active.complete(record);
  }
  close(): void {
    this.fallback.close();
  }
}

export interface SourceOptions {
  offline?: boolean;
  /** Explicit database file or directory (config `sca.database`): the database is used, not the API. */
  database?: string;
  apiUrl?: string;
  cacheDir?: string;
  progress?: ApiProgress;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  env?: NodeJS.ProcessEnv;
  /** Further API client settings (retries, delays, TTL). */
  api?: Omit<OsvApiOptions, 'baseUrl' | 'cacheDir' | 'progress' | 'signal' | 'fetch'>;
}

/**
 * The database file: `database` itself when it names a `.db`/`.sqlite` file, else `osv.db` inside
 * that directory (`sca.database: .cache/osv`); by default `osv.db` in the cache directory.
 */
export function databasePath(options: Pick<SourceOptions, 'database' | 'cacheDir' | 'env'>): string {
  if (options.database !== undefined)
    return /\.(db|sqlite3?)$/i.test(options.database) ? options.database : join(options.database, 'osv.db');
  return join(options.cacheDir ?? defaultCacheDir(options.env), 'osv.db');
}

/**
 * Choose the advisory source: the local database when offline or when one is named; otherwise
 * OSV's API, falling back to the local database if there is one. With neither, no source and an
 * error diagnostic that says what to do — the other scanners still run.
 */
export function openAdvisorySource(options: SourceOptions): {
  source?: AdvisorySource;
  diagnostics: Diagnostic[];
} {
  const path = databasePath(options);
  const hasDb = existsSync(path);
  const openDb = () => new DatabaseSource(AdvisoryDatabase.open(path, { readOnly: true }));
  if (options.offline || options.database) {
    if (hasDb) return { source: openDb(), diagnostics: [] };
    return {
      diagnostics: [
        {
          level: 'error',
          message: `SCA skipped: ${options.offline ? 'offline, and ' : ''}no local advisory database at ${path}. Run \`vigil db update\` (downloads OSV's exports) or \`vigil db import <all.zip|dir>\` first.`,
          path,
          source: 'sca',
          incomplete: true,
        },
      ],
    };
  }
  const api = new ApiSource(
    new OsvApiClient({
      ...options.api,
      cacheDir: options.cacheDir ?? defaultCacheDir(options.env),
      ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}),
      ...(options.progress ? { progress: options.progress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
  );
  return { source: hasDb ? new FallbackSource(api, openDb()) : api, diagnostics: [] };
}
