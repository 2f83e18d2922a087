import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { affects } from '../../support/osv-eval/evaluate.ts';
import type { OsvRecord } from '../../../src/sca/osv/schema.ts';

/** What the stand-in does to a request instead of answering it normally; `path` limits it to one endpoint. */
export type Failure =
  | { status: number; retryAfter?: string; path?: string }
  | { body: string; path?: string }
  | 'reset'
  | 'garbage';

export interface StandIn {
  url: string;
  /** Every request seen, in order (`POST /v1/querybatch`, `GET /v1/vulns/ID`). */
  requests: string[];
  /** Query bodies received by /v1/querybatch. */
  batches: Array<{ queries: unknown[] }>;
  /** Failures to inject, consumed one per request, first in first out. */
  failures: Failure[];
  /** Serve files too: `/npm/all.zip` → bytes, for `vigil db update`. */
  files: Map<string, Buffer>;
  close(): Promise<void>;
}

/**
 * A local stand-in of OSV's API on 127.0.0.1 (an ephemeral port) over real records:
 * `POST /v1/querybatch` (at most 1,000 queries, answering ids and modified times, `pageSize`
 * results per page with `next_page_token`) and `GET /v1/vulns/{id}`. Which records match a query
 * is decided by test/support/osv-eval, an evaluator of the OSV schema written apart from vigil's
 * matcher, so a test that compares vigil with this API compares two implementations. Withdrawn
 * records are never answered, as OSV's API hides them. A record it cannot evaluate (an ecosystem
 * without an order there, an unreadable version) answers 500 naming the record.
 */
export async function startOsvStandIn(
  records: OsvRecord[],
  options: { pageSize?: number } = {},
): Promise<StandIn> {
  const pageSize = options.pageSize ?? 1000;
  const byId = new Map(records.map((r) => [r.id, r]));
  const state: Omit<StandIn, 'url' | 'close'> = { requests: [], batches: [], failures: [], files: new Map() };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      state.requests.push(`${req.method} ${url.pathname}`);
      const at = state.failures.findIndex(
        (f) => typeof f === 'string' || f.path === undefined || f.path === url.pathname,
      );
      const failure = at === -1 ? undefined : state.failures.splice(at, 1)[0];
      if (failure === 'reset') return req.socket.destroy();
      if (failure === 'garbage') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"results": [');
      }
      if (failure && 'body' in failure) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(failure.body);
      }
      if (failure) {
        res.writeHead(failure.status, failure.retryAfter ? { 'retry-after': failure.retryAfter } : {});
        return res.end('{}');
      }
      const file = state.files.get(url.pathname);
      if (req.method === 'GET' && file) {
        res.writeHead(200, { 'content-type': 'application/zip', 'content-length': file.length });
        return res.end(file);
      }
      if (req.method === 'POST' && url.pathname === '/v1/querybatch') {
        const body = JSON.parse(await readBody(req)) as {
          queries: Array<{
            package: { ecosystem: string; name: string };
            version: string;
            page_token?: string;
          }>;
        };
        state.batches.push(body);
        if (!Array.isArray(body.queries) || body.queries.length > 1000)
          return send(res, 400, { message: 'Too many queries' });
        const results = body.queries.map((q) => {
          const all = records.filter((r) => affects(r, { ...q.package, version: q.version }));
          const start = q.page_token ? Number(q.page_token) : 0;
          const page = all.slice(start, start + pageSize).map((r) => ({ id: r.id, modified: r.modified }));
          return start + pageSize < all.length
            ? { vulns: page, next_page_token: String(start + pageSize) }
            : page.length
              ? { vulns: page }
              : {};
        });
        return send(res, 200, { results });
      }
      const m = /^\/v1\/vulns\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'GET' && m) {
        const record = byId.get(decodeURIComponent(m[1]!));
        return record ? send(res, 200, record) : send(res, 404, { code: 5, message: 'Bug not found.' });
      }
      send(res, 404, { message: 'Not found' });
    })().catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...state,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
