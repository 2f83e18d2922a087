import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRetryableStatus } from '../../core/http-status.ts';

/** One version as the abbreviated metadata (`application/vnd.npm.install-v1+json`) describes it. */
export interface PackumentVersion {
  version: string;
  dependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
  deprecated?: string;
  /** Why this version's dependencies cannot be read (the whole message, naming package and URL). */
  unreadable?: string;
}

export interface Packument {
  name: string;
  distTags: Record<string, string>;
  versions: Map<string, PackumentVersion>;
}

/** The registry could not be reached (connection refused, timeout, 5xx/429): no plan can be made. */
export class RegistryUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryUnreachableError';
  }
}

/** One package's metadata is missing, malformed or too large: the plan goes on without that package. */
export class PackumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackumentError';
  }
}

/** The cap on packuments was reached: the part of the plan that needed more is left out and said so. */
export class PackumentCapError extends Error {
  constructor(cap: number) {
    super(`packument cap reached: more than ${cap} packuments needed`);
    this.name = 'PackumentCapError';
  }
}

export const ABBREVIATED = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';
/** The abbreviated metadata of the largest packages (@types/node, aws-sdk) is a few MiB. */
export const MAX_PACKUMENT_BYTES = 32 * 1024 * 1024;
export const DEFAULT_MAX_PACKUMENTS = 3000;
/** New releases are what a plan is about: cached metadata older than this is fetched again. */
export const PACKUMENT_TTL_MS = 60 * 60 * 1000;
const TIMEOUT_MS = 30_000;
/** Requests in flight at once: enough to hide latency, few enough to be polite to a registry. */
const MAX_IN_FLIGHT = 16;

export interface RegistryClientOptions {
  registry: string;
  /** vigil's cache directory; packuments go to `registry/<hash of the registry URL>/`. */
  cacheDir: string;
  maxPackuments?: number;
  /** Largest packument accepted (default MAX_PACKUMENT_BYTES). */
  maxBytes?: number;
  now?: () => number;
  /** Stops every request (a plan's time budget): they reject with the signal's reason. */
  signal?: AbortSignal;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A version's dependency map as npm reads it: an object of ranges, or (old publications such as
 * mime 1.0.0) an array of names, each meaning `*`. Anything else is the reason it cannot be read.
 */
function dependencyMap(value: unknown, what: string): Record<string, string> | string {
  if (value === undefined || value === null) return {};
  if (Array.isArray(value)) {
    if (!value.every((n) => typeof n === 'string')) return `${what} is an array of non-names`;
    return Object.fromEntries(value.map((n: string) => [n, '*']));
  }
  if (!isRecord(value)) return `${what} is not an object`;
  for (const [k, v] of Object.entries(value))
    if (typeof v !== 'string') return `${what}["${k}"] is not a string`;
  return Object.fromEntries(Object.entries(value)) as Record<string, string>;
}

const metadataError = (what: string, url: string) => (m: string) =>
  new PackumentError(`malformed metadata for ${what} from ${url}: ${m}`);

/** Registry metadata's JSON text as an object; a PackumentError names what it is of and the URL. */
function metadataObject(what: string, url: string, text: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw metadataError(what, url)(`not JSON (${(e as Error).message})`);
  }
  if (!isRecord(json)) throw metadataError(what, url)('not a JSON object');
  return json;
}

/**
 * Validate a packument's JSON text; a PackumentError names the package and the URL. One version
 * whose dependencies cannot be read does not spoil the others: it carries `unreadable`, and only
 * resolving that version fails.
 */
export function parsePackument(name: string, url: string, text: string): Packument {
  const fail = metadataError(name, url);
  const json = metadataObject(name, url, text);
  if (json.name !== name) throw fail(`it names "${String(json.name)}"`);
  if (!isRecord(json.versions)) throw fail('no "versions" object');
  const versions = new Map<string, PackumentVersion>();
  for (const [v, entry] of Object.entries(json.versions)) {
    const pv: PackumentVersion = { version: v, dependencies: {}, optionalDependencies: {} };
    if (!isRecord(entry)) pv.unreadable = fail(`versions["${v}"] is not an object`).message;
    else {
      const deps = dependencyMap(entry.dependencies, `versions["${v}"].dependencies`);
      const optional = dependencyMap(entry.optionalDependencies, `versions["${v}"].optionalDependencies`);
      if (typeof deps === 'string') pv.unreadable = fail(deps).message;
      else if (typeof optional === 'string') pv.unreadable = fail(optional).message;
      else {
        pv.dependencies = deps;
        pv.optionalDependencies = optional;
      }
      if (typeof entry.deprecated === 'string' && entry.deprecated) pv.deprecated = entry.deprecated;
    }
    versions.set(v, pv);
  }
  const tags = isRecord(json['dist-tags']) ? json['dist-tags'] : {};
  const distTags = Object.fromEntries(
    Object.entries(tags).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>;
  return { name, distTags, versions };
}

/** `@scope/name` → `@scope%2fname`, the path npm requests a scoped packument at. */
export function packumentPath(name: string): string {
  const slash = name.indexOf('/');
  if (!name.startsWith('@') || slash === -1) return encodeURIComponent(name);
  // npm's escapedName spells the separator in lower case
  return `@${encodeURIComponent(name.slice(1, slash))}%2f${encodeURIComponent(name.slice(slash + 1))}`;
}

/**
 * Fetches abbreviated packuments from one registry, each at most once per run, cached on disk for
 * an hour. No credentials are sent. Counts every distinct packument against `maxPackuments`.
 */
export class RegistryClient {
  readonly registry: string;
  readonly maxPackuments: number;
  readonly maxBytes: number;
  /** Distinct packuments asked for, from the network or the cache. */
  requested = 0;
  private readonly dir: string;
  private readonly now: () => number;
  private readonly signal: AbortSignal | undefined;
  private readonly memo = new Map<string, Promise<Packument>>();
  private readonly manifests = new Map<string, Promise<Record<string, unknown>>>();
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(options: RegistryClientOptions) {
    this.registry = options.registry;
    this.maxPackuments = options.maxPackuments ?? DEFAULT_MAX_PACKUMENTS;
    this.maxBytes = options.maxBytes ?? MAX_PACKUMENT_BYTES;
    this.now = options.now ?? Date.now;
    this.signal = options.signal;
    const key = createHash('sha256').update(options.registry).digest('hex').slice(0, 16);
    this.dir = join(options.cacheDir, 'registry', key);
  }

  packument(name: string): Promise<Packument> {
    let p = this.memo.get(name);
    if (!p) {
      if (this.requested >= this.maxPackuments)
        return Promise.reject(new PackumentCapError(this.maxPackuments));
      this.requested++;
      p = this.load(name);
      this.memo.set(name, p);
    }
    return p;
  }

  /**
   * One version's whole manifest (`GET /<name>/<version>`), which carries what the abbreviated
   * packument leaves out (its `license`); cached and counted like a packument.
   */
  versionManifest(name: string, version: string): Promise<Record<string, unknown>> {
    const key = `${name}@${version}`;
    let manifest = this.manifests.get(key);
    if (!manifest) {
      if (this.requested >= this.maxPackuments)
        return Promise.reject(new PackumentCapError(this.maxPackuments));
      this.requested++;
      manifest = this.loadManifest(name, version);
      this.manifests.set(key, manifest);
    }
    return manifest;
  }

  private async loadManifest(name: string, version: string): Promise<Record<string, unknown>> {
    const key = `${name}@${version}`;
    const url = `${this.registry}/${packumentPath(name)}/${encodeURIComponent(version)}`;
    const body = await this.cachedBody(
      key,
      `${encodeURIComponent(key)}.manifest.json`,
      url,
      'application/json',
    );
    const json = metadataObject(key, url, body);
    if (json.name !== name || json.version !== version)
      throw metadataError(key, url)(`not the manifest of ${key}`);
    return json;
  }

  private async load(name: string): Promise<Packument> {
    const url = `${this.registry}/${packumentPath(name)}`;
    const body = await this.cachedBody(name, `${encodeURIComponent(name)}.json`, url, ABBREVIATED);
    return parsePackument(name, url, body);
  }

  /** A document's text from the cache while fresh, else from the registry (then cached). */
  private async cachedBody(what: string, fileName: string, url: string, accept: string): Promise<string> {
    const file = join(this.dir, fileName);
    const cached = await readCached(file);
    if (cached && this.now() - cached.fetchedAt < PACKUMENT_TTL_MS) return cached.body;
    const body = await this.throttled(() => this.download(what, url, accept));
    await mkdir(this.dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ fetchedAt: this.now(), body }));
    await rename(tmp, file);
    return body;
  }

  private async throttled<T>(work: () => Promise<T>): Promise<T> {
    if (this.inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.signal?.throwIfAborted();
    this.inFlight++;
    try {
      return await work();
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  private async download(name: string, url: string, accept: string): Promise<string> {
    let response: Response;
    const timeout = AbortSignal.timeout(TIMEOUT_MS);
    try {
      response = await fetch(url, {
        headers: { accept },
        signal: this.signal ? AbortSignal.any([timeout, this.signal]) : timeout,
      });
    } catch (e) {
      // stopped from outside: the caller's reason, not "unreachable"
      this.signal?.throwIfAborted();
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      throw new RegistryUnreachableError(
        `registry ${this.registry} unreachable (${cause ?? (e as Error).message})`,
      );
    }
    if (isRetryableStatus(response.status)) {
      await response.body?.cancel();
      throw new RegistryUnreachableError(
        `registry ${this.registry} answered HTTP ${response.status} for ${name}`,
      );
    }
    if (response.status === 404) {
      await response.body?.cancel();
      throw new PackumentError(`${name} is not in the registry ${this.registry} (HTTP 404)`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new PackumentError(`the registry ${this.registry} answered HTTP ${response.status} for ${name}`);
    }
    const tooLarge = () =>
      new PackumentError(`metadata for ${name} from ${url} is larger than ${this.maxBytes} bytes`);
    if (Number(response.headers.get('content-length') ?? '0') > this.maxBytes) {
      await response.body?.cancel();
      throw tooLarge();
    }
    return readBounded(response, this.maxBytes, tooLarge);
  }
}

/** The body as text, refused past `maxBytes` even when no length was declared. */
async function readBounded(response: Response, maxBytes: number, tooLarge: () => Error): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readCached(file: string): Promise<{ fetchedAt: number; body: string } | undefined> {
  try {
    const json: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (isRecord(json) && typeof json.fetchedAt === 'number' && typeof json.body === 'string')
      return { fetchedAt: json.fetchedAt, body: json.body };
  } catch {
    // absent or damaged: fetch again
  }
  return undefined;
}
