import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRetryableStatus } from '../../core/http-status.ts';
import { OsvRecordError, parseRecord, type OsvRecord } from './schema.ts';
import type { PackageQuery } from './match.ts';

export const OSV_API_URL = 'https://api.osv.dev';

/** Stage, items done and items in total; called as batches and records arrive. */
export type ApiProgress = (stage: 'query' | 'fetch', done: number, total: number) => void;

export interface OsvApiOptions {
  baseUrl?: string;
  /** Directory for the on-disk cache; no cache when absent. */
  cacheDir?: string;
  /** How long cached query results and records stay fresh. */
  ttlMs?: number;
  /**
   * Retries after the first attempt, on 429, 5xx, timeouts and dropped connections. A host that
   * cannot be reached at all (no DNS answer, connection refused) gets one retry at most.
   */
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  /** Records fetched at once. */
  concurrency?: number;
  fetch?: typeof fetch;
  progress?: ApiProgress;
  signal?: AbortSignal;
  /** Deterministic jitter for tests. */
  random?: () => number;
}

export class OsvApiError extends Error {
  readonly status?: number;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'OsvApiError';
    this.status = status;
  }
}

const BATCH = 1000; // the API's limit on queries per /v1/querybatch
const MAX_PAGES = 100;
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/**
 * Network errors saying nothing answers at that address — the name does not resolve or nothing
 * listens. Backing off will not change that within a scan (a machine without network, a typo in
 * `sca.apiUrl`), and the full backoff costs seconds before the offline fallback or the plain "SCA
 * skipped"; one retry covers a blip.
 */
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED']);
const UNREACHABLE_RETRIES = 1;

interface VulnRef {
  id: string;
  modified?: string;
}

/**
 * Client of OSV's API: `POST /v1/querybatch` in batches of 1,000 (following `next_page_token`
 * per query), then `GET /v1/vulns/{id}` for each full record. Requests are retried with
 * exponential backoff and full jitter (honouring `Retry-After`); results are cached on disk.
 */
export class OsvApiClient {
  private readonly o: Required<Omit<OsvApiOptions, 'cacheDir' | 'progress' | 'signal'>> &
    Pick<OsvApiOptions, 'cacheDir' | 'progress' | 'signal'>;

  constructor(options: OsvApiOptions = {}) {
    this.o = {
      baseUrl: (options.baseUrl ?? OSV_API_URL).replace(/\/+$/, ''),
      ttlMs: options.ttlMs ?? 6 * 60 * 60 * 1000,
      retries: options.retries ?? 4,
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      timeoutMs: options.timeoutMs ?? 60_000,
      concurrency: options.concurrency ?? 8,
      fetch: options.fetch ?? globalThis.fetch,
      random: options.random ?? Math.random,
      cacheDir: options.cacheDir,
      progress: options.progress,
      signal: options.signal,
    };
  }

  /** For each package, the ids (and modified times) of the advisories OSV says affect it. */
  async queryBatch(packages: PackageQuery[]): Promise<VulnRef[][]> {
    const results: VulnRef[][] = packages.map(() => []);
    const pending: number[] = [];
    for (let i = 0; i < packages.length; i++) {
      const cached = await this.readCache<VulnRef[]>('query', queryKey(packages[i]!));
      if (cached) results[i] = cached;
      else pending.push(i);
    }
    let done = packages.length - pending.length;
    this.o.progress?.('query', done, packages.length);
    for (let start = 0; start < pending.length; start += BATCH) {
      const slice = pending.slice(start, start + BATCH);
      let queries = slice.map((i) => ({ index: i, token: undefined as string | undefined }));
      for (let page = 0; queries.length > 0; page++) {
        if (page >= MAX_PAGES) throw new OsvApiError(`querybatch: more than ${MAX_PAGES} pages of results`);
        const body = {
          queries: queries.map(({ index, token }) => {
            const p = packages[index]!;
            return {
              package: { ecosystem: p.ecosystem, name: p.name },
              version: p.version,
              ...(token ? { page_token: token } : {}),
            };
          }),
        };
        const response = (await this.request('/v1/querybatch', {
          method: 'POST',
          body: JSON.stringify(body),
        })) as {
          results?: Array<{ vulns?: VulnRef[]; next_page_token?: string }>;
        };
        if (!Array.isArray(response.results) || response.results.length !== queries.length)
          throw new OsvApiError(
            `querybatch: expected ${queries.length} results, got ${response.results?.length ?? 'none'}`,
          );
        const next: typeof queries = [];
        response.results.forEach((r, k) => {
          const index = queries[k]!.index;
          for (const v of r.vulns ?? []) {
            if (typeof v?.id !== 'string') continue;
            results[index]!.push(
              typeof v.modified === 'string' ? { id: v.id, modified: v.modified } : { id: v.id },
            );
          }
          if (typeof r.next_page_token === 'string' && r.next_page_token !== '')
            next.push({ index, token: r.next_page_token });
        });
        queries = next;
      }
      for (const i of slice) await this.writeCache('query', queryKey(packages[i]!), results[i]);
      done += slice.length;
      this.o.progress?.('query', done, packages.length);
    }
    return results;
  }

  /**
   * Full records by id, fetched a few at a time; a cached copy is used while fresh and not older
   * than `modified`. A record that is not valid OSV is left out and passed to `onInvalid`.
   */
  async getVulns(
    refs: VulnRef[],
    onInvalid?: (error: OsvRecordError) => void,
  ): Promise<Map<string, OsvRecord>> {
    const unique = new Map<string, VulnRef>();
    for (const r of refs) if (!unique.has(r.id)) unique.set(r.id, r);
    const out = new Map<string, OsvRecord>();
    const queue = [...unique.values()];
    let done = 0;
    this.o.progress?.('fetch', 0, queue.length);
    const worker = async () => {
      for (let ref = queue.shift(); ref; ref = queue.shift()) {
        try {
          out.set(ref.id, await this.getVuln(ref));
        } catch (error) {
          if (!(error instanceof OsvRecordError) || !onInvalid) throw error;
          onInvalid(error);
        }
        this.o.progress?.('fetch', ++done, unique.size);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, queue.length) }, worker));
    return out;
  }

  async getVuln(ref: VulnRef): Promise<OsvRecord> {
    if (!SAFE_ID.test(ref.id))
      throw new OsvApiError(`refusing advisory id ${JSON.stringify(ref.id.slice(0, 80))}`);
    const cached = await this.readCache<OsvRecord>('vulns', ref.id);
    if (cached && (!ref.modified || cached.modified >= ref.modified)) return cached;
    const url = `/v1/vulns/${encodeURIComponent(ref.id)}`;
    const record = parseRecord(await this.request(url, { method: 'GET' }), `${this.o.baseUrl}${url}`);
    await this.writeCache('vulns', ref.id, record);
    return record;
  }

  private async request(path: string, init: { method: string; body?: string }): Promise<unknown> {
    const url = `${this.o.baseUrl}${path}`;
    let retries = this.o.retries;
    for (let attempt = 0; ; attempt++) {
      let retryAfterMs: number | undefined;
      let failure: OsvApiError;
      try {
        const signals = [AbortSignal.timeout(this.o.timeoutMs), ...(this.o.signal ? [this.o.signal] : [])];
        const res = await this.o.fetch(url, {
          method: init.method,
          headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'vigil' },
          ...(init.body === undefined ? {} : { body: init.body }),
          signal: AbortSignal.any(signals),
        });
        if (res.ok) {
          const text = await readBounded(res, MAX_RESPONSE_BYTES, url);
          try {
            return JSON.parse(text) as unknown;
          } catch {
            throw new OsvApiError(`${init.method} ${url}: response is not JSON`);
          }
        }
        await res.body?.cancel();
        failure = new OsvApiError(`${init.method} ${url}: HTTP ${res.status}`, res.status);
        if (!isRetryableStatus(res.status)) throw failure; // a client error or 501 will not get better
        retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
      } catch (error) {
        if (error instanceof OsvApiError && (error.status === undefined || !isRetryableStatus(error.status)))
          throw error;
        if (this.o.signal?.aborted) throw error;
        const code = networkCode(error);
        if (code !== undefined && UNREACHABLE.has(code)) retries = Math.min(retries, UNREACHABLE_RETRIES);
        failure =
          error instanceof OsvApiError
            ? error
            : new OsvApiError(
                `${init.method} ${url}: ${(error as Error).message}${code ? ` (${code})` : ''}`,
              );
      }
      if (attempt >= retries)
        throw new OsvApiError(`${failure.message} (after ${attempt + 1} attempts)`, failure.status);
      const backoff = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** attempt) * this.o.random();
      await sleep(Math.min(this.o.maxDelayMs, Math.max(backoff, retryAfterMs ?? 0)), this.o.signal);
    }
  }

  /**
   * Answers are cached per source: a folder named by the API's URL, so what one advisory source
   * said (another operator's mirror, a test server) is never read as another source's answer.
   */
  private cacheFolder(kind: string): string {
    return join(this.o.cacheDir!, 'osv-api', sourceKey(this.o.baseUrl), kind);
  }

  private cachePath(kind: string, key: string): string | undefined {
    return this.o.cacheDir ? join(this.cacheFolder(kind), `${key}.json`) : undefined;
  }

  private async readCache<T>(kind: string, key: string): Promise<T | undefined> {
    const path = this.cachePath(kind, key);
    if (!path) return undefined;
    try {
      const entry = JSON.parse(await readFile(path, 'utf8')) as { at: number; value: T };
      if (typeof entry.at !== 'number' || Date.now() - entry.at > this.o.ttlMs) return undefined;
      return kind === 'vulns' ? (parseRecord(entry.value, path) as T) : entry.value;
    } catch {
      return undefined; // missing or damaged: fetch again
    }
  }

  private async writeCache(kind: string, key: string, value: unknown): Promise<void> {
    const path = this.cachePath(kind, key);
    if (!path) return;
    await mkdir(this.cacheFolder(kind), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ at: Date.now(), value }));
    await rename(tmp, path); // atomic: a concurrent reader sees the old or the new entry
  }
}

/** The cache folder of one API: a digest of its normalised URL (no trailing slash). */
export function sourceKey(baseUrl: string): string {
  return createHash('sha256').update(baseUrl).digest('hex').slice(0, 32);
}

function queryKey(p: PackageQuery): string {
  return createHash('sha256').update(`${p.ecosystem}\u0000${p.name}\u0000${p.version}`).digest('hex');
}

/** The system error code behind a failed fetch (`fetch failed` carries it in `cause`, or in each of an AggregateError's errors). */
function networkCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown; errors?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (Array.isArray(cause?.errors)) {
    const codes = cause.errors.map((e) => (e as { code?: unknown }).code);
    if (codes.length > 0 && codes.every((c) => c === codes[0]) && typeof codes[0] === 'string')
      return codes[0];
  }
  return undefined;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

async function readBounded(res: Response, max: number, url: string): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new OsvApiError(`${url}: response over ${max} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}
