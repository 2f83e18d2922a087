import type { Readable } from 'node:stream';
import { TarStore, verifyBytes } from './blobs.ts';
import type { ImageConfig, ImageSource, LayerDescriptor } from './image.ts';
import { describeLayers, ImageError, MAX_JSON_BYTES, parseJson } from './image.ts';

interface ArchiveManifestEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

const BLOB_NAME = /(?:^|\/)blobs\/sha256\/([a-f0-9]{64})$/;

function tagMatches(repoTag: string, wanted: string): boolean {
  const strip = (t: string) => t.replace(/^docker\.io\//, '').replace(/^library\//, '');
  return (
    repoTag === wanted || strip(repoTag) === strip(wanted) || strip(repoTag).endsWith(`/${strip(wanted)}`)
  );
}

/** Open a `docker save` tarball held as `store` (a file on disk or a daemon's export spooled to one). */
export async function openDockerArchiveStore(
  store: TarStore,
  ref: string,
  kind: 'docker-archive' | 'daemon',
  tag?: string,
): Promise<ImageSource> {
  if (!(await store.has('manifest.json')))
    throw new ImageError(ref, 'not a docker-archive (no manifest.json)');
  const entries = parseJson<ArchiveManifestEntry[]>(
    ref,
    'manifest.json',
    await store.read('manifest.json', MAX_JSON_BYTES),
  );
  if (!Array.isArray(entries) || entries.length === 0)
    throw new ImageError(ref, 'manifest.json lists no image');
  const entry = tag ? entries.find((e) => (e.RepoTags ?? []).some((t) => tagMatches(t, tag))) : entries[0];
  if (!entry) throw new ImageError(ref, `no image tagged ${tag} in the archive`);
  if (typeof entry.Config !== 'string' || !Array.isArray(entry.Layers))
    throw new ImageError(ref, 'manifest.json entry lacks Config or Layers');
  const configBytes = await store.read(entry.Config, MAX_JSON_BYTES);
  const configHex = /([a-f0-9]{64})(\.json)?$/.exec(entry.Config)?.[1];
  // The config's file name is its digest in every docker save format; hold it to that.
  if (configHex) verifyBytes(ref, 'config', `sha256:${configHex}`, configBytes);
  const config = parseJson<ImageConfig>(ref, 'config', configBytes);
  const layers: LayerDescriptor[] = describeLayers(
    config,
    entry.Layers.map((name) => {
      const hex = BLOB_NAME.exec(name)?.[1];
      return { digest: hex ? `sha256:${hex}` : undefined };
    }),
  );
  for (const name of entry.Layers)
    if (!(await store.has(name))) throw new ImageError(ref, `layer ${name} is missing from the archive`);
  return {
    kind,
    ref,
    digest: configHex ? `sha256:${configHex}` : undefined,
    config,
    layers,
    async openLayer(i: number): Promise<Readable> {
      const name = entry.Layers[i];
      if (name === undefined) throw new ImageError(ref, `no layer ${i}`);
      return store.stream(name);
    },
    async close() {},
  };
}

export async function openDockerArchive(file: string, tag?: string): Promise<ImageSource> {
  return openDockerArchiveStore(
    await TarStore.open(file),
    tag ? `${file}:${tag}` : file,
    'docker-archive',
    tag,
  );
}
