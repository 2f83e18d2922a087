import type { Readable } from 'node:stream';

/** The parts of an OCI/Docker image config the scanner reads. */
export interface ImageConfig {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
  config?: {
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    User?: string;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
  };
  rootfs?: { type?: string; diff_ids?: string[] };
  history?: { created?: string; created_by?: string; empty_layer?: boolean; comment?: string }[];
}

export interface LayerDescriptor {
  /** Digest of the blob as stored, when the source is content-addressed (OCI, registry). */
  digest?: string;
  /** Digest of the uncompressed tar, from the config's `rootfs.diff_ids`. */
  diffId?: string;
  mediaType?: string;
  size?: number;
  /** The history line that made this layer (`RUN apt-get install …`). */
  createdBy?: string;
}

/** One image, wherever it came from: the four adapters all produce this. */
export interface ImageSource {
  readonly kind: 'daemon' | 'docker-archive' | 'oci-layout' | 'registry';
  /** What the user asked for (`nginx:1.25`, `image.tar`, `oci:dir:tag`). */
  readonly ref: string;
  /** Manifest digest, when known. */
  readonly digest?: string;
  readonly config: ImageConfig;
  readonly layers: LayerDescriptor[];
  /** A fresh stream of layer `index`'s blob bytes (compressed or not, as stored). */
  openLayer(index: number): Promise<Readable>;
  close(): Promise<void>;
}

export class ImageError extends Error {
  readonly ref: string;
  constructor(ref: string, message: string) {
    super(`${ref}: ${message}`);
    this.name = 'ImageError';
    this.ref = ref;
  }
}

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface ManifestJson {
  schemaVersion?: number;
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
}

/** Most bytes of JSON (manifest, index, config) read from any source. */
export const MAX_JSON_BYTES = 8 * 1024 * 1024;

export function parseJson<T>(ref: string, what: string, bytes: Buffer): T {
  if (bytes.length > MAX_JSON_BYTES)
    throw new ImageError(ref, `${what} is larger than ${MAX_JSON_BYTES} bytes`);
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch (err) {
    throw new ImageError(ref, `${what} is not valid JSON: ${(err as Error).message}`);
  }
}

/** `linux/arm64/v8` → its parts. */
export function parsePlatform(platform: string): { os: string; architecture: string; variant?: string } {
  const [os = 'linux', architecture = 'amd64', variant] = platform.split('/');
  return { os, architecture, variant };
}

export function isIndex(m: ManifestJson): boolean {
  return m.mediaType === MEDIA.ociIndex || m.mediaType === MEDIA.dockerList || (!m.layers && !!m.manifests);
}

/** Pick the manifest for a platform from an index (default linux/amd64), ignoring attestation entries. */
export function selectPlatform(ref: string, index: ManifestJson, platform = 'linux/amd64'): Descriptor {
  const want = parsePlatform(platform);
  const candidates = (index.manifests ?? []).filter(
    (d) => d.platform && d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest',
  );
  const hit =
    candidates.find(
      (d) =>
        d.platform?.os === want.os &&
        d.platform?.architecture === want.architecture &&
        (!want.variant || d.platform?.variant === want.variant),
    ) ?? (index.manifests?.length === 1 && !index.manifests[0]?.platform ? index.manifests[0] : undefined);
  if (!hit) {
    const offered = candidates.map((d) =>
      [d.platform?.os, d.platform?.architecture, d.platform?.variant].filter(Boolean).join('/'),
    );
    throw new ImageError(
      ref,
      `no manifest for platform ${platform} (offered: ${offered.join(', ') || 'none'})`,
    );
  }
  return hit;
}

/** Pair each layer with its diff_id and the non-empty history line that made it. */
export function describeLayers(
  config: ImageConfig,
  blobs: Omit<LayerDescriptor, 'diffId' | 'createdBy'>[],
): LayerDescriptor[] {
  const diffIds = config.rootfs?.diff_ids ?? [];
  const history = (config.history ?? []).filter((h) => !h.empty_layer);
  // History is only trustworthy for attribution when it lines up one-to-one with the layers.
  const aligned = history.length === blobs.length;
  return blobs.map((blob, i) => ({
    ...blob,
    diffId: diffIds[i],
    createdBy: aligned ? history[i]?.created_by : undefined,
  }));
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
export function checkDigest(ref: string, digest: string): string {
  if (!DIGEST.test(digest))
    throw new ImageError(ref, `unsupported or malformed digest ${JSON.stringify(digest)}`);
  return digest;
}

/**
 * The ImageSource of a content-addressed image (OCI layout, registry): layers from the manifest
 * paired with the config, each opened by its blob digest.
 */
export function contentAddressedImage(
  kind: 'oci-layout' | 'registry',
  ref: string,
  digest: string,
  manifest: ManifestJson,
  config: ImageConfig,
  openBlob: (digest: string) => Promise<Readable>,
): ImageSource {
  const layers = describeLayers(
    config,
    (manifest.layers ?? []).map((l) => ({
      digest: checkDigest(ref, l.digest),
      mediaType: l.mediaType,
      size: l.size,
    })),
  );
  return {
    kind,
    ref,
    digest,
    config,
    layers,
    async openLayer(i: number) {
      const layer = layers[i];
      if (!layer?.digest) throw new ImageError(ref, `no layer ${i}`);
      return openBlob(layer.digest);
    },
    async close() {},
  };
}
