import { blobPath, openStore, readVerifiedJson } from './blobs.ts';
import type { FileStore } from './blobs.ts';
import type { Descriptor, ImageConfig, ImageSource, ManifestJson } from './image.ts';
import {
  contentAddressedImage,
  ImageError,
  isIndex,
  MAX_JSON_BYTES,
  parseJson,
  selectPlatform,
} from './image.ts';

const REF_NAME = 'org.opencontainers.image.ref.name';

/** Walk from a descriptor through any nested indexes to one image manifest. */
export async function resolveManifest(
  store: FileStore,
  ref: string,
  start: Descriptor,
  platform: string | undefined,
): Promise<{ manifest: ManifestJson; digest: string }> {
  let descriptor = start;
  for (let depth = 0; depth < 4; depth++) {
    const manifest = await readVerifiedJson<ManifestJson>(store, ref, 'manifest', descriptor.digest);
    if (!isIndex(manifest)) return { manifest, digest: descriptor.digest };
    descriptor = selectPlatform(ref, manifest, platform);
  }
  throw new ImageError(ref, 'image indexes nested too deeply');
}

/** An OCI image layout, as a directory or a tar of one; `tag` picks by ref.name annotation. */
export async function openOciLayout(path: string, tag?: string, platform?: string): Promise<ImageSource> {
  const ref = tag ? `${path}:${tag}` : path;
  const store = await openStore(path);
  if (!(await store.has('oci-layout')))
    throw new ImageError(ref, 'not an OCI image layout (no oci-layout file)');
  const index = parseJson<ManifestJson>(ref, 'index.json', await store.read('index.json', MAX_JSON_BYTES));
  const entries = index.manifests ?? [];
  let chosen: Descriptor | undefined;
  if (tag)
    chosen = entries.find(
      (d) =>
        d.annotations?.[REF_NAME] === tag || d.annotations?.['io.containerd.image.name']?.endsWith(`:${tag}`),
    );
  else if (entries.length === 1) chosen = entries[0];
  else if (entries.length > 1 && entries.every((d) => d.platform))
    chosen = selectPlatform(ref, index, platform);
  if (!chosen) {
    const tags = entries.map((d) => d.annotations?.[REF_NAME]).filter(Boolean);
    throw new ImageError(
      ref,
      tag
        ? `no image tagged ${tag} (tags: ${tags.join(', ') || 'none'})`
        : `several images in the layout; name one of: ${tags.join(', ')}`,
    );
  }
  const { manifest, digest } = await resolveManifest(store, ref, chosen, platform);
  if (!manifest.config) throw new ImageError(ref, 'manifest has no config');
  const config = await readVerifiedJson<ImageConfig>(store, ref, 'config', manifest.config.digest);
  return contentAddressedImage('oci-layout', ref, digest, manifest, config, async (d: string) =>
    store.stream(blobPath(d)),
  );
}
