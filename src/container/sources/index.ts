import { stat } from 'node:fs/promises';
import { openStore } from './blobs.ts';
import { openDockerArchive } from './docker-archive.ts';
import type { ImageSource } from './image.ts';
import { ImageError } from './image.ts';
import { openOciLayout } from './oci-layout.ts';
import type { RegistryOptions } from './registry.ts';
import { openRegistryImage } from './registry.ts';

export interface OpenImageOptions extends RegistryOptions {
  /** A file or directory holding the image (docker-archive tar, OCI layout dir or tar). */
  input?: string;
  /** Force one source instead of trying the engine, then the registry. */
  source?: 'daemon' | 'registry';
}

/** `--input` file or directory: OCI layout (dir or tar) or docker-archive, told apart by content. */
async function openInput(
  input: string,
  tag: string | undefined,
  platform: string | undefined,
): Promise<ImageSource> {
  const store = await openStore(input);
  if (await store.has('oci-layout')) return openOciLayout(input, tag, platform);
  if (await store.has('manifest.json')) return openDockerArchive(input, tag);
  throw new ImageError(input, 'neither an OCI image layout nor a docker-archive');
}

/**
 * Open an image by reference. Explicit transports: `oci:<path>[:tag]`, `docker-archive:<path>[:tag]`,
 * `docker-daemon:<ref>`, `docker://<ref>`/`registry:<ref>`. A bare reference is looked up in the
 * local engine when one answers (DOCKER_HOST or the default socket), else pulled from its registry.
 */
export async function openImage(
  ref: string | undefined,
  options: OpenImageOptions = {},
): Promise<ImageSource> {
  if (options.input) return openInput(options.input, ref, options.platform);
  if (!ref) throw new ImageError('image', 'no image reference or --input given');
  const transport = /^(oci|oci-archive|docker-archive|docker-daemon|docker|registry):(?:\/\/)?(.*)$/.exec(
    ref,
  );
  if (transport) {
    const [, kind, rest = ''] = transport;
    const [path, tag] = splitPathTag(rest);
    if (kind === 'oci' || kind === 'oci-archive') return openOciLayout(path, tag, options.platform);
    if (kind === 'docker-archive') return openDockerArchive(path, tag);
    if (kind === 'docker-daemon') return openDaemonImage(rest);
    return openRegistryImage(rest, options);
  }
  if (options.source === 'registry') return openRegistryImage(ref, options);
  if (options.source === 'daemon') return openDaemonImage(ref);
  if (await engineReachable(options.env ?? process.env)) {
    try {
      return await openDaemonImage(ref);
    } catch (err) {
      if (!(err instanceof ImageError) || !/no such image/.test(err.message)) throw err;
    }
  }
  return openRegistryImage(ref, options);
}

/** dockerode (and its SSH stack) loads only when an engine is actually asked. */
async function openDaemonImage(ref: string): Promise<ImageSource> {
  return (await import('./daemon.ts')).openDaemonImage(ref);
}

function splitPathTag(rest: string): [string, string | undefined] {
  const colon = rest.lastIndexOf(':');
  return colon > 0 && !rest.slice(colon).includes('/')
    ? [rest.slice(0, colon), rest.slice(colon + 1)]
    : [rest, undefined];
}

async function engineReachable(env: Readonly<Record<string, string | undefined>>): Promise<boolean> {
  if (env.DOCKER_HOST) return true;
  return stat('/var/run/docker.sock').then(
    (s) => s.isSocket(),
    () => false,
  );
}

export type { ImageSource } from './image.ts';
export { ImageError } from './image.ts';
