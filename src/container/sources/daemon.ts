import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Docker from 'dockerode';
import { TarStore } from './blobs.ts';
import { openDockerArchiveStore } from './docker-archive.ts';
import type { ImageSource } from './image.ts';
import { ImageError } from './image.ts';

export interface DaemonOptions {
  /** Defaults to DOCKER_HOST, else the local socket (dockerode's own resolution). */
  docker?: Docker;
  /** Most bytes accepted from the export. */
  maxBytes?: number;
}

/**
 * An image from a Docker-compatible engine (Docker, or podman's API service), exported with
 * `GET /images/{name}/get` — `docker save` — and read as a docker-archive. The export is
 * spooled to a private temporary file because `manifest.json` may come last in the stream.
 */
export async function openDaemonImage(ref: string, options: DaemonOptions = {}): Promise<ImageSource> {
  const docker = options.docker ?? new Docker();
  const maxBytes = options.maxBytes ?? 64 * 1024 ** 3;
  try {
    await docker.getImage(ref).inspect();
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode;
    throw new ImageError(
      ref,
      status === 404
        ? 'no such image in the Docker engine'
        : `Docker engine unavailable: ${(err as Error).message}`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'vigil-daemon-'));
  const file = join(dir, 'image.tar');
  try {
    const stream = (await docker.getImage(ref).get()) as unknown as Readable;
    let total = 0;
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) stream.destroy(new ImageError(ref, `export larger than ${maxBytes} bytes`));
    });
    await pipeline(stream, createWriteStream(file, { mode: 0o600 }));
    const source = await openDockerArchiveStore(await TarStore.open(file), ref, 'daemon');
    return { ...source, close: () => rm(dir, { recursive: true, force: true }) };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err instanceof ImageError
      ? err
      : new ImageError(ref, `export from the Docker engine failed: ${(err as Error).message}`);
  }
}
