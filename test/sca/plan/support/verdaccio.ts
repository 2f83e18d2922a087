import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServer } from 'verdaccio';
import { packumentPath } from '../../../../src/sca/plan/packument.ts';
import { tarball } from '../../../app/support/fixtures.ts';

/** A package version to publish: its manifest's name, version and dependency ranges. */
export interface TestRelease {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  /** The manifest's `license`, as package.json writes it. */
  license?: string;
}

export interface LocalRegistry {
  url: string;
  publish(release: TestRelease): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real Verdaccio on 127.0.0.1 (a free port), its storage and htpasswd in a temporary folder, no
 * uplinks (it never reaches the internet). Packages are published through its npm publish API
 * (`PUT /<name>`) by a throwaway user it registers itself, as `npm publish` does.
 */
export async function startRegistry(): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-verdaccio-'));
  const access = { access: '$all', publish: '$authenticated', unpublish: '$authenticated' };
  const app = await runServer({
    self_path: dir,
    storage: join(dir, 'storage'),
    auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 10 } },
    uplinks: {},
    packages: { '@*/*': access, '**': access },
    log: { type: 'stdout', format: 'json', level: 'fatal' },
    web: { enable: false },
  } as never);
  const server: Server = await new Promise((resolve) => {
    const s: Server = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const user = await fetch(`${url}/-/user/org.couchdb.user:vigil-test`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'vigil-test', password: `pw-${Date.now()}` }),
  });
  if (!user.ok)
    throw new Error(`verdaccio: cannot add the test user: HTTP ${user.status} ${await user.text()}`);
  const { token } = (await user.json()) as { token: string };

  return {
    url,
    async publish(release) {
      const manifest = {
        name: release.name,
        version: release.version,
        dependencies: release.dependencies ?? {},
        ...(release.license !== undefined ? { license: release.license } : {}),
      };
      const data = await tarball([
        { name: 'package/package.json', content: JSON.stringify(manifest, null, 2) },
      ]);
      const file = `${release.name.replace(/^@[^/]+\//, '')}-${release.version}.tgz`;
      const body = {
        _id: release.name,
        name: release.name,
        'dist-tags': { latest: release.version },
        versions: {
          [release.version]: {
            ...manifest,
            _id: `${release.name}@${release.version}`,
            dist: {
              tarball: `${url}/${release.name}/-/${file}`,
              shasum: createHash('sha1').update(data).digest('hex'),
              integrity: `sha512-${createHash('sha512').update(data).digest('base64')}`,
            },
          },
        },
        _attachments: {
          [file]: {
            content_type: 'application/octet-stream',
            data: data.toString('base64'),
            length: data.length,
          },
        },
      };
      const res = await fetch(`${url}/${packumentPath(release.name)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      if (!res.ok)
        throw new Error(
          `verdaccio: publishing ${release.name}@${release.version}: HTTP ${res.status} ${await res.text()}`,
        );
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
