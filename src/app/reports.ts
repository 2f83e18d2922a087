import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { withDeadline } from './queue/deadline.ts';
import type { Store } from './queue/types.ts';

/**
 * Each scan's HTML report, kept in the App's store (memory or Redis, so any web process can serve
 * what any worker wrote) under a random token for `retentionDays`, then gone: the store's expiry
 * deletes it. The token is the only key: 256 random bits, so the URL cannot be guessed, and it is
 * never derived from the repository or commit.
 */
export interface ReportSettings {
  /** The App's address as users' browsers reach it (VIGIL_PUBLIC_URL), without a trailing slash. */
  publicUrl: string;
  /** VIGIL_REPORT_RETENTION_DAYS; 0 turns reports off. */
  retentionDays: number;
  /** Largest report kept, gzip-compressed (VIGIL_REPORT_MAX_BYTES). */
  maxBytes: number;
}

export const DEFAULT_RETENTION_DAYS = 30;
export const DEFAULT_REPORT_MAX_BYTES = 8 * 1024 * 1024;
export const REPORT_ROUTE = '/reports/';

/** 32 bytes in base64url: 43 characters of [A-Za-z0-9_-], nothing else reaches the store. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const key = (token: string) => `report:${token}`;
/** A report request waits at most this for the store, like /healthz. */
const READ_DEADLINE_MS = 2000;

/** Thrown when a report is not kept (too large); the scan goes on without a link. */
export class ReportNotKept extends Error {}

/** Store `html` and answer its URL. */
export async function keepReport(store: Store, html: string, settings: ReportSettings): Promise<string> {
  const compressed = gzipSync(html);
  if (compressed.length > settings.maxBytes)
    throw new ReportNotKept(
      `the HTML report is ${compressed.length} bytes compressed, over VIGIL_REPORT_MAX_BYTES (${settings.maxBytes})`,
    );
  const token = randomBytes(32).toString('base64url');
  await store.set(key(token), compressed.toString('base64'), settings.retentionDays * 24 * 3600);
  return `${settings.publicUrl}${REPORT_ROUTE}${token}`;
}

const HEADERS = {
  // The page carries its own CSP too; this one also covers a browser that ignores the meta tag.
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
  'cache-control': 'private, no-store',
};

/**
 * GET /reports/<token>: the report, gzip as stored when the browser accepts it. Unknown, expired
 * and malformed tokens all answer the same 404, so the answer says nothing about other tokens.
 * False when the path is not a report's.
 */
export async function serveReport(
  store: Store,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  if (!path.startsWith(REPORT_ROUTE)) return false;
  const token = path.slice(REPORT_ROUTE.length);
  let stored: string | undefined;
  try {
    stored = TOKEN.test(token)
      ? await withDeadline(store.get(key(token)), READ_DEADLINE_MS, 'GET report')
      : undefined;
  } catch {
    res
      .writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' })
      .end('The report store is not reachable now; try again shortly.\n');
    return true;
  }
  if (stored === undefined) {
    res
      .writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...HEADERS })
      .end('No report here: the link is wrong, or the report was deleted after its retention time.\n');
    return true;
  }
  const body = Buffer.from(stored, 'base64');
  const gzip = /(?:^|[\s,])gzip(?:$|[\s,;])/.test(String(req.headers['accept-encoding'] ?? ''));
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    ...HEADERS,
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(gzip ? body : gunzipSync(body));
  return true;
}
