import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { AdvisoryDatabase } from './db.ts';
import { type ImportProgress, type ImportResult } from './db.ts';

/** Where OSV publishes its per-ecosystem exports (`<base>/<ecosystem>/all.zip`). */
export const OSV_EXPORTS_URL = 'https://osv-vulnerabilities.storage.googleapis.com';

/** The ecosystems `vigil db update` fetches when none are named: those vigil's lockfiles produce. */
export const DEFAULT_EXPORT_ECOSYSTEMS = ['npm', 'PyPI', 'Go', 'crates.io', 'RubyGems', 'Packagist'];

const MAX_DOWNLOAD_BYTES = 4 * 1024 * 1024 * 1024;

export function exportUrl(base: string, ecosystem: string): string {
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(ecosystem)}/all.zip`;
}

/** Stream a URL to a file, refusing more than `maxBytes`; the partial file is removed on failure. */
export async function download(
  url: string,
  dest: string,
  options: { fetch?: typeof fetch; maxBytes?: number; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<number> {
  const maxBytes = options.maxBytes ?? MAX_DOWNLOAD_BYTES;
  const signals = [
    AbortSignal.timeout(options.timeoutMs ?? 30 * 60 * 1000),
    ...(options.signal ? [options.signal] : []),
  ];
  const res = await (options.fetch ?? fetch)(url, { signal: AbortSignal.any(signals) });
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new Error(`GET ${url}: HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length'));
  if (declared > maxBytes) {
    await res.body.cancel();
    throw new Error(`GET ${url}: ${declared} bytes is over the ${maxBytes}-byte limit`);
  }
  await mkdir(dirname(dest), { recursive: true });
  let size = 0;
  const counted = Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>).map(
    (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) throw new Error(`GET ${url}: over the ${maxBytes}-byte limit`);
      return chunk;
    },
  );
  try {
    await pipeline(counted, createWriteStream(dest));
  } catch (error) {
    await rm(dest, { force: true });
    throw error;
  }
  return size;
}

/** Download one ecosystem's `all.zip` next to the database and import it. */
export async function updateEcosystem(
  db: AdvisoryDatabase,
  ecosystem: string,
  options: {
    baseUrl?: string;
    fetch?: typeof fetch;
    signal?: AbortSignal;
    progress?: ImportProgress;
    maxBytes?: number;
  } = {},
): Promise<ImportResult & { bytes: number }> {
  const url = exportUrl(options.baseUrl ?? OSV_EXPORTS_URL, ecosystem);
  const tmp = `${db.path}.${ecosystem.replace(/[^A-Za-z0-9.-]/g, '_')}.${process.pid}.zip`;
  try {
    const bytes = await download(url, tmp, options);
    const result = await db.importZip(tmp, options.progress, undefined, url);
    return { ...result, bytes };
  } finally {
    await rm(tmp, { force: true });
  }
}
