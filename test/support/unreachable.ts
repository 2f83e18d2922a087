import { createServer } from 'node:net';

/** A URL on 127.0.0.1 whose port was listening and is closed again: connecting is refused (ECONNREFUSED). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

/** An npm lockfile with one dependency, so SCA has a package to look up. */
export const ONE_DEPENDENCY_LOCK = JSON.stringify({
  name: 'app',
  lockfileVersion: 3,
  packages: { '': { name: 'app' }, 'node_modules/left-pad': { version: '1.0.0' } },
});
