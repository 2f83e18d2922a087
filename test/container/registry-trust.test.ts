import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttp, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegistryImage } from '../../src/container/sources/registry.ts';

/**
 * Where the registry client sends requests and credentials, against registries on loopback that
 * try to send them elsewhere: a token realm on another host, a realm on plain http behind https,
 * blob redirects to storage on another host. "Another host" is `localhost` where the registry is
 * `127.0.0.1` (both loopback, different names).
 */

const USER = 'vigil';
/** Made at test time; only valid for these throw-away loopback servers. */
const PASSWORD = `pw-${Math.random().toString(36).slice(2)}`;
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const CONFIG = Buffer.from(
  JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }),
);
const MANIFEST = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: sha(CONFIG),
      size: CONFIG.length,
    },
    layers: [],
  }),
);

interface Seen {
  path: string;
  authorization?: string;
}

interface Server {
  port: number;
  seen: Seen[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function listen(handler: Handler, tlsOptions?: { key: string; cert: string }): Promise<Server> {
  const seen: Seen[] = [];
  const wrapped: Handler = (req, res) => {
    seen.push({
      path: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    handler(req, res);
  };
  const server = tlsOptions ? createHttps(tlsOptions, wrapped) : createHttp(wrapped);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A registry serving one image (`team/app:1`): `challenge` is sent on a request without
 * `Authorization`; basic credentials or the token `good` are accepted; `blobAt` moves the config
 * blob elsewhere with a 307.
 */
function registry(challenge: () => string, blobAt?: () => string): Handler {
  return (req, res) => {
    const auth = req.headers.authorization;
    if (auth !== BASIC && auth !== 'Bearer good') {
      res.writeHead(401, { 'www-authenticate': challenge() }).end();
      return;
    }
    if (req.url === '/v2/team/app/manifests/1') {
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end(MANIFEST);
    } else if (req.url === `/v2/team/app/blobs/${sha(CONFIG)}`) {
      if (blobAt) res.writeHead(307, { location: blobAt() }).end();
      else res.writeHead(200).end(CONFIG);
    } else res.writeHead(404).end();
  };
}

/** Blob storage that serves the config blob to anyone (as signed-URL storage does). */
const storage: Handler = (_req, res) => res.writeHead(200).end(CONFIG);
/** A token service that hands out the token `good`. */
const tokens: Handler = (_req, res) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"good"}');

const open = (host: string, options: Parameters<typeof openRegistryImage>[1] = {}) =>
  openRegistryImage(`${host}/team/app:1`, { username: USER, password: PASSWORD, ...options });

const servers: Server[] = [];
const start = async (handler: Handler, tlsOptions?: { key: string; cert: string }) => {
  const s = await listen(handler, tlsOptions);
  servers.push(s);
  return s;
};
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('bearer realms', () => {
  it('a realm on another host is refused before any request goes there; the operator may allow that host', async () => {
    const tokenServer = await start(tokens);
    const reg = await start(
      registry(() => `Bearer realm="http://localhost:${tokenServer.port}/token",service="r"`),
    );
    await expect(open(`127.0.0.1:${reg.port}`, { insecure: true })).rejects.toThrow(
      /bearer realm http:\/\/localhost:\d+ is on another host than 127\.0\.0\.1:\d+; refused/,
    );
    expect(tokenServer.seen).toEqual([]);
    // Named by the operator: the token is fetched there and used against the registry.
    const image = await open(`127.0.0.1:${reg.port}`, { insecure: true, authHosts: ['localhost'] });
    expect(image.config.architecture).toBe('amd64');
    expect(tokenServer.seen).toHaveLength(1);
  });

  it('a realm on the registry’s own host (another port) gets the credentials and gives a token', async () => {
    const tokenServer = await start(tokens);
    const reg = await start(registry(() => `Bearer realm="http://127.0.0.1:${tokenServer.port}/token"`));
    const image = await open(`127.0.0.1:${reg.port}`, { insecure: true });
    expect(image.config.os).toBe('linux');
    expect(tokenServer.seen.map((s) => s.authorization)).toEqual([BASIC]);
    expect(reg.seen.at(-1)?.authorization).toBe('Bearer good');
  });

  it('refuses a realm that is not an http(s) URL', async () => {
    const reg = await start(registry(() => 'Bearer realm="file:///etc/passwd"'));
    await expect(open(`127.0.0.1:${reg.port}`, { insecure: true })).rejects.toThrow(
      /not an http\(s\) URL; refused/,
    );
  });
});

describe('redirects to blob storage', () => {
  it('basic credentials are not sent to storage on another host; the blob is still read and checked', async () => {
    const store = await start(storage);
    const reg = await start(
      registry(
        () => 'Basic realm="r"',
        () => `http://localhost:${store.port}/blob?sig=1`,
      ),
    );
    const image = await open(`127.0.0.1:${reg.port}`, { insecure: true });
    expect(image.config.architecture).toBe('amd64');
    expect(store.seen).toEqual([{ path: '/blob?sig=1' }]);
    // The registry itself did get them.
    expect(reg.seen.filter((s) => s.authorization === BASIC).length).toBeGreaterThan(0);
  });

  it('a redirect on the registry’s own host keeps the credentials', async () => {
    let regPort = 0;
    const reg = await start((req, res) => {
      if (req.url === '/moved') {
        if (req.headers.authorization === BASIC) res.writeHead(200).end(CONFIG);
        else res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
        return;
      }
      registry(
        () => 'Basic realm="r"',
        () => `http://127.0.0.1:${regPort}/moved`,
      )(req, res);
    });
    regPort = reg.port;
    const image = await open(`127.0.0.1:${reg.port}`, { insecure: true });
    expect(image.config.os).toBe('linux');
    expect(reg.seen.find((s) => s.path === '/moved')?.authorization).toBe(BASIC);
  });

  it('stops after five redirects', async () => {
    let regPort = 0;
    const reg = await start((req, res) => {
      if (req.headers.authorization !== BASIC) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
        return;
      }
      res.writeHead(302, { location: `http://127.0.0.1:${regPort}/again` }).end();
    });
    regPort = reg.port;
    await expect(open(`127.0.0.1:${reg.port}`, { insecure: true })).rejects.toThrow(/more than 5 redirects/);
  });
});

describe('an https registry', () => {
  let dir: string;
  let keyPair: { key: string; cert: string };
  let defaults: string[];

  beforeAll(() => {
    // A certificate for 127.0.0.1 made for this run, trusted by this process only while it runs.
    dir = mkdtempSync(join(tmpdir(), 'vigil-registry-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    keyPair = {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
    defaults = tls.getCACertificates('default');
    tls.setDefaultCACertificates([...defaults, keyPair.cert]);
  });
  afterAll(() => {
    tls.setDefaultCACertificates(defaults);
    rmSync(dir, { recursive: true, force: true });
  });

  it('works over https with a realm on its own host (the control case)', async () => {
    let tokenPort = 0;
    const tokenServer = await start(tokens, keyPair);
    tokenPort = tokenServer.port;
    const reg = await start(
      registry(() => `Bearer realm="https://127.0.0.1:${tokenPort}/token"`),
      keyPair,
    );
    const image = await open(`127.0.0.1:${reg.port}`);
    expect(image.config.os).toBe('linux');
    expect(tokenServer.seen.map((s) => s.authorization)).toEqual([BASIC]);
  });

  it('refuses a realm on plain http: the credentials would travel in clear', async () => {
    const tokenServer = await start(tokens);
    const reg = await start(
      registry(() => `Bearer realm="http://127.0.0.1:${tokenServer.port}/token"`),
      keyPair,
    );
    await expect(open(`127.0.0.1:${reg.port}`)).rejects.toThrow(
      /bearer realm http:\/\/127\.0\.0\.1:\d+ is plain http while 127\.0\.0\.1:\d+ is https; refused/,
    );
    expect(tokenServer.seen).toEqual([]);
  });

  it('refuses a redirect from https down to plain http', async () => {
    const store = await start(storage);
    const reg = await start(
      registry(
        () => 'Basic realm="r"',
        () => `http://127.0.0.1:${store.port}/blob`,
      ),
      keyPair,
    );
    await expect(open(`127.0.0.1:${reg.port}`)).rejects.toThrow(
      /redirect from https to plain http .* refused/,
    );
    expect(store.seen).toEqual([]);
  });
});
