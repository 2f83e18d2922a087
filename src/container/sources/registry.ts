import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ImageConfig, ImageSource, ManifestJson } from './image.ts';
import {
  checkDigest,
  contentAddressedImage,
  ImageError,
  isIndex,
  MAX_JSON_BYTES,
  MEDIA,
  parseJson,
  selectPlatform,
} from './image.ts';

/** `registry/repo[:tag][@digest]`, with Docker Hub's defaults filled in. */
export interface ImageReference {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseReference(ref: string): ImageReference {
  let rest = ref.replace(/^docker:\/\//, '');
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  let registry = 'registry-1.docker.io';
  let repository = rest;
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    repository = rest.slice(slash + 1);
  } else if (!rest.includes('/')) repository = `library/${rest}`;
  if (registry === 'docker.io' || registry === 'index.docker.io') registry = 'registry-1.docker.io';
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(repository))
    throw new ImageError(ref, `invalid repository name ${JSON.stringify(repository)}`);
  if (digest) checkDigest(ref, digest);
  return { registry, repository, tag: digest ? tag : (tag ?? 'latest'), digest };
}

export interface RegistryOptions {
  platform?: string;
  /** Plain http (a local or test registry). */
  insecure?: boolean;
  /** Explicit credentials; otherwise ~/.docker/config.json (or $DOCKER_CONFIG) is read. */
  username?: string;
  password?: string;
  /** Directory of config.json; default $DOCKER_CONFIG or ~/.docker. */
  dockerConfigDir?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Notes for the user (credential helpers skipped…). */
  onNote?: (message: string) => void;
  fetch?: typeof fetch;
  /**
   * Hosts besides the registry's own (and the well-known pairs in AUTH_HOSTS) whose bearer-token
   * realm the operator trusts with the registry's credentials.
   */
  authHosts?: readonly string[];
}

/**
 * Registries whose token service lives on another host, by their documentation: Docker Hub
 * (auth.docker.io), GitLab.com (gitlab.com/jwt/auth), NVIDIA NGC (authn.nvidia.com). Any other
 * realm must be on the registry's own host.
 */
const AUTH_HOSTS: Readonly<Record<string, readonly string[]>> = {
  'registry-1.docker.io': ['auth.docker.io'],
  'registry.gitlab.com': ['gitlab.com'],
  'nvcr.io': ['authn.nvidia.com'],
};

/** Redirects followed per request (a blob is usually one hop from its storage). */
const MAX_REDIRECTS = 5;

interface Credentials {
  username: string;
  password: string;
}

/**
 * Credentials for a registry from docker's config.json `auths` (base64 `user:password`).
 * Credential helpers (`credsStore`, `credHelpers`) run external programs: vigil does not run
 * them and says so.
 */
export async function dockerCredentials(
  registry: string,
  options: RegistryOptions,
): Promise<Credentials | undefined> {
  const env = options.env ?? process.env;
  const dir = options.dockerConfigDir ?? env.DOCKER_CONFIG ?? join(homedir(), '.docker');
  let config: {
    auths?: Record<string, { auth?: string; username?: string; password?: string }>;
    credsStore?: string;
    credHelpers?: Record<string, string>;
  };
  try {
    config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as typeof config;
  } catch {
    return undefined;
  }
  const names =
    registry === 'registry-1.docker.io'
      ? ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', registry]
      : [registry, `https://${registry}`, `http://${registry}`];
  for (const name of names) {
    const entry = config.auths?.[name] ?? config.auths?.[`${name}/`];
    if (!entry) continue;
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
  }
  const helper = config.credHelpers?.[registry] ?? config.credsStore;
  if (helper)
    options.onNote?.(
      `docker credential helper "${helper}" not run (vigil runs no external programs); pass credentials explicitly if ${registry} needs them`,
    );
  return undefined;
}

/** Parse `Bearer realm="…",service="…",scope="…"` (quoted values may hold commas). */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  const re = /(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(space < 0 ? '' : header.slice(space + 1))) !== null)
    params[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? '';
  return { scheme, params };
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);
const MAX_RETRIES = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `Retry-After` seconds when given (at most 10 s), else 0.5 s, 1 s, 2 s. */
export function retryDelay(retryAfter: string | null, attempt: number): number {
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
  return seconds !== undefined ? Math.min(seconds, 10) * 1000 : 500 * 2 ** attempt;
}

const ACCEPT = [MEDIA.ociIndex, MEDIA.ociManifest, MEDIA.dockerList, MEDIA.dockerManifest].join(', ');

/** A small OCI distribution client: manifests and blobs, bearer-token and basic auth. */
export class RegistryClient {
  private readonly base: string;
  private readonly ref: ImageReference;
  private readonly options: RegistryOptions;
  private readonly label: string;
  private authorization: string | undefined;
  private credentials: Credentials | undefined | null = null;
  private readonly fetchImpl: typeof fetch;

  constructor(ref: ImageReference, label: string, options: RegistryOptions) {
    this.ref = ref;
    this.label = label;
    this.options = options;
    this.base = `${options.insecure ? 'http' : 'https'}://${ref.registry}/v2/${ref.repository}`;
    this.fetchImpl = options.fetch ?? fetch;
  }

  private async creds(): Promise<Credentials | undefined> {
    if (this.credentials === null) {
      this.credentials =
        this.options.username !== undefined
          ? { username: this.options.username, password: this.options.password ?? '' }
          : await dockerCredentials(this.ref.registry, this.options);
    }
    return this.credentials;
  }

  private async authenticate(challenge: string): Promise<void> {
    const { scheme, params } = parseChallenge(challenge);
    const creds = await this.creds();
    const basic = creds
      ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`
      : undefined;
    if (scheme === 'basic') {
      if (!basic)
        throw new ImageError(
          this.label,
          `${this.ref.registry} asks for basic auth and no credentials were found`,
        );
      this.authorization = basic;
      return;
    }
    if (scheme !== 'bearer' || !params.realm)
      throw new ImageError(this.label, `unsupported auth challenge: ${challenge}`);
    const url = this.trustedRealm(params.realm);
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', params.scope ?? `repository:${this.ref.repository}:pull`);
    const res = await this.request(url, basic ? { authorization: basic } : {}, 'token');
    if (!res.ok)
      throw new ImageError(this.label, `token request to ${url.origin} failed: HTTP ${res.status}`);
    const body = (await res.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new ImageError(this.label, `token response from ${url.origin} holds no token`);
    this.authorization = `Bearer ${token}`;
  }

  /**
   * The challenge's realm, when vigil may send the registry's credentials there: on the registry's
   * own host (or a documented or operator-named token host), and not on plain http when the
   * registry itself is https. Anything else would hand the credentials (or a request from this
   * network) to whatever address the registry's answer names.
   */
  private trustedRealm(realm: string): URL {
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new ImageError(this.label, `bearer realm ${JSON.stringify(realm.slice(0, 200))} is not a URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new ImageError(this.label, `bearer realm ${url.origin}: not an http(s) URL; refused`);
    if (url.protocol === 'http:' && !this.options.insecure)
      throw new ImageError(
        this.label,
        `bearer realm ${url.origin} is plain http while ${this.ref.registry} is https; refused (credentials would travel in clear)`,
      );
    if (!this.authHosts().has(url.hostname.toLowerCase()))
      throw new ImageError(
        this.label,
        `bearer realm ${url.origin} is on another host than ${this.ref.registry}; refused (vigil sends credentials and requests only to the registry's host)`,
      );
    return url;
  }

  private authHosts(): Set<string> {
    const own = hostnameOf(this.ref.registry);
    return new Set(
      [own, ...(AUTH_HOSTS[own] ?? []), ...(this.options.authHosts ?? [])].map((h) => h.toLowerCase()),
    );
  }

  /**
   * A GET that follows redirects itself: `Authorization` goes only to the registry's own hosts
   * (dropped on a hop to blob storage elsewhere), and a hop from https down to http is refused.
   */
  private async request(url: URL, headers: Record<string, string>, what: string): Promise<Response> {
    const trusted = this.authHosts();
    let current = url;
    for (let hop = 0; ; hop++) {
      const send = { ...headers };
      if (!trusted.has(current.hostname.toLowerCase())) delete send.authorization;
      const res = await this.fetchImpl(current, { headers: send, redirect: 'manual' });
      const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
      if (location === null) return res;
      await res.body?.cancel();
      if (hop >= MAX_REDIRECTS)
        throw new ImageError(this.label, `${what}: more than ${MAX_REDIRECTS} redirects`);
      const next = new URL(location, current);
      if (next.protocol !== 'https:' && next.protocol !== 'http:')
        throw new ImageError(this.label, `${what}: redirect to ${next.protocol} refused`);
      if (current.protocol === 'https:' && next.protocol === 'http:')
        throw new ImageError(
          this.label,
          `${what}: redirect from https to plain http (${next.origin}) refused`,
        );
      current = next;
    }
  }

  /** GET with auth: on a 401, answer the challenge once and retry. */
  async get(path: string, accept?: string): Promise<Response> {
    let authenticated = false;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {};
      if (accept) headers.accept = accept;
      if (this.authorization) headers.authorization = this.authorization;
      let res: Response;
      try {
        res = await this.request(new URL(`${this.base}${path}`), headers, `GET ${path}`);
      } catch (err) {
        if (err instanceof ImageError) throw err;
        const cause = (err as { cause?: { message?: string } }).cause?.message;
        throw new ImageError(
          this.label,
          `cannot reach ${this.ref.registry}: ${cause ?? (err as Error).message}`,
        );
      }
      if (res.status === 401 && !authenticated) {
        authenticated = true;
        const challenge = res.headers.get('www-authenticate');
        await res.body?.cancel();
        if (!challenge)
          throw new ImageError(this.label, `${this.ref.registry} answered 401 without a challenge`);
        await this.authenticate(challenge);
        continue;
      }
      // Rate limits and passing outages: wait as told (bounded) and try again, a few times.
      if (RETRY_STATUS.has(res.status) && attempt < MAX_RETRIES) {
        await res.body?.cancel();
        await sleep(retryDelay(res.headers.get('retry-after'), attempt));
        continue;
      }
      if (res.status === 401)
        throw new ImageError(this.label, `${this.ref.registry} refused the credentials`);
      if (!res.ok) {
        const text = (await res.text().catch(() => '')).slice(0, 300);
        throw new ImageError(this.label, `GET ${path} failed: HTTP ${res.status} ${text}`.trim());
      }
      return res;
    }
  }

  /** A manifest or index by tag or digest; bytes checked against the digest when one is known. */
  async manifest(reference: string): Promise<{ manifest: ManifestJson; digest: string }> {
    const res = await this.get(`/manifests/${reference}`, ACCEPT);
    const bytes = await readBounded(res, MAX_JSON_BYTES, this.label, 'manifest');
    const digest = 'sha256:' + createHash('sha256').update(bytes).digest('hex');
    const expected = reference.startsWith('sha256:') ? reference : undefined;
    if (expected && expected !== digest)
      throw new ImageError(
        this.label,
        `manifest digest mismatch: asked for ${expected}, content is ${digest}`,
      );
    const header = res.headers.get('docker-content-digest');
    if (header && header.startsWith('sha256:') && header !== digest)
      throw new ImageError(
        this.label,
        `manifest digest mismatch: registry says ${header}, content is ${digest}`,
      );
    const manifest = parseJson<ManifestJson>(this.label, 'manifest', bytes);
    return {
      manifest: {
        ...manifest,
        mediaType: manifest.mediaType ?? res.headers.get('content-type') ?? undefined,
      },
      digest,
    };
  }

  async blobJson<T>(digest: string, what: string): Promise<T> {
    const bytes = await readBounded(await this.get(`/blobs/${digest}`), MAX_JSON_BYTES, this.label, what);
    const got = 'sha256:' + createHash('sha256').update(bytes).digest('hex');
    if (got !== digest)
      throw new ImageError(this.label, `${what} digest mismatch: expected ${digest}, content is ${got}`);
    return parseJson<T>(this.label, what, bytes);
  }

  async blobStream(digest: string): Promise<Readable> {
    const res = await this.get(`/blobs/${digest}`);
    if (!res.body) throw new ImageError(this.label, `empty body for blob ${digest}`);
    return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  }
}

/** `host:port` → `host` (an IPv6 literal keeps its brackets, as URL.hostname gives it). */
function hostnameOf(registry: string): string {
  return new URL(`http://${registry}`).hostname.toLowerCase();
}

async function readBounded(res: Response, max: number, label: string, what: string): Promise<Buffer> {
  const length = Number(res.headers.get('content-length') ?? '0');
  if (length > max) throw new ImageError(label, `${what} is ${length} bytes, over the ${max}-byte limit`);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body ?? []) {
    total += (chunk as Uint8Array).length;
    if (total > max) throw new ImageError(label, `${what} is over the ${max}-byte limit`);
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks);
}

/** Pull an image's manifest and config from a registry; layers stream on demand. */
export async function openRegistryImage(ref: string, options: RegistryOptions = {}): Promise<ImageSource> {
  const parsed = parseReference(ref);
  const client = new RegistryClient(parsed, ref, options);
  let { manifest, digest } = await client.manifest(parsed.digest ?? parsed.tag ?? 'latest');
  for (let depth = 0; isIndex(manifest); depth++) {
    if (depth >= 3) throw new ImageError(ref, 'image indexes nested too deeply');
    ({ manifest, digest } = await client.manifest(selectPlatform(ref, manifest, options.platform).digest));
  }
  if (!manifest.config)
    throw new ImageError(ref, 'manifest has no config (schema 1 manifests are not supported)');
  const config = await client.blobJson<ImageConfig>(checkDigest(ref, manifest.config.digest), 'config');
  return contentAddressedImage('registry', ref, digest, manifest, config, (d: string) =>
    client.blobStream(d),
  );
}
