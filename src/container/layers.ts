import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createZstdDecompress } from 'node:zlib';
import { type EntrySink, type TarEntry, TarWalker } from './tar-walk.ts';

/** Bounds that keep a hostile layer from exhausting memory, disk or time. */
export interface LayerLimits {
  /** Most tar entries in one layer. */
  maxEntries: number;
  /** Most uncompressed bytes in one layer (tar bombs). */
  maxTotalBytes: number;
  /** Largest single entry (tar bombs). */
  maxEntrySize: number;
  /** Largest file that is ever buffered for an analyser. */
  maxBufferedFile: number;
}

export const DEFAULT_LAYER_LIMITS: LayerLimits = {
  maxEntries: 1_000_000,
  maxTotalBytes: 16 * 1024 ** 3,
  maxEntrySize: 8 * 1024 ** 3,
  maxBufferedFile: 128 * 1024 ** 2,
};

/** A layer's changes to the file tree, as much of them as the merge and the analysers need. */
export interface LayerContents {
  /** Buffered files analysers asked for: POSIX path (no leading slash) → content. */
  files: Map<string, Buffer>;
  /** Symlinks: path → target as written in the tar. */
  symlinks: Map<string, string>;
  /** Paths a `.wh.<name>` entry deleted from lower layers. */
  whiteouts: string[];
  /** Directories a `.wh..wh..opq` entry emptied of lower layers' contents. */
  opaqueDirs: string[];
  /** Entries skipped as hostile (traversal, absolute names, links escaping the root…). */
  refused: string[];
  entries: number;
  uncompressedBytes: number;
  compression: 'gzip' | 'zstd' | 'none';
}

export interface ReadLayerOptions {
  /** Name used in errors (`layer 3 (sha256:…)`). */
  label: string;
  /** Digest of the bytes as stored (OCI blob digest); verified while streaming. */
  digest?: string;
  /** Digest of the uncompressed tar (config `rootfs.diff_ids`); verified when `digest` is absent. */
  diffId?: string;
  /** Should this regular file be buffered? Called once per file with its path and size. */
  wants(path: string, size: number): boolean;
  /** Called for each regular file the caller wants to look at while it streams past (secrets). */
  inspect?: { wants(path: string, size: number): boolean; file(path: string, content: Buffer): void };
  /** Files watched chunk by chunk without being buffered (Go binaries' build info). */
  watch?: {
    wants(path: string, size: number, mode: number): boolean;
    open(path: string): { write(chunk: Buffer): void; end(): void };
  };
  limits?: Partial<LayerLimits>;
  signal?: AbortSignal;
}

export class LayerError extends Error {
  readonly label: string;
  constructor(label: string, message: string) {
    super(`${label}: ${message}`);
    this.name = 'LayerError';
    this.label = label;
  }
}

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE = '.wh..wh..opq';

/**
 * Normalise a tar member name to a POSIX path relative to the image root, or return null when
 * it tries to leave the root (absolute names and `..` segments are refused, never clamped: a
 * layer that writes such names is hostile or broken, and guessing what it meant is worse).
 */
export function safeMemberPath(name: string): string | null {
  if (name.startsWith('/')) return null;
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return null;
    parts.push(part);
  }
  return parts.length ? parts.join('/') : null;
}

/** `.`, `./` (umoci, some tar invocations): the layer's own root directory, inside the root by definition. */
function isRootEntry(name: string): boolean {
  return !name.startsWith('/') && name.split('/').every((part) => part === '' || part === '.');
}

/** Resolve a symlink target relative to the link's directory, clamped to the image root. */
export function resolveLinkTarget(linkPath: string, target: string): string {
  const base = target.startsWith('/') ? [] : linkPath.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') base.pop();
    else base.push(part);
  }
  return base.join('/');
}

/** Counts and hashes the bytes flowing through without changing them. */
class HashingStream extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  private readonly limit: number;
  private readonly onLimit: () => Error;
  constructor(limit = Infinity, onLimit: () => Error = () => new Error('limit')) {
    super();
    this.limit = limit;
    this.onLimit = onLimit;
  }
  override _transform(
    chunk: Buffer,
    _enc: BufferEncoding,
    done: (err?: Error | null, data?: Buffer) => void,
  ) {
    // After the limit, chunks still in flight are dropped: one error is enough.
    if (this.bytes > this.limit) return done();
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return done(this.onLimit());
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/** Read the first `n` bytes without consuming them (they are unshifted back). */
async function peek(stream: Readable, n: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  while (length < n) {
    const chunk = stream.read() as Buffer | null;
    if (chunk) {
      chunks.push(chunk);
      length += chunk.length;
      continue;
    }
    if (stream.readableEnded || stream.destroyed) break;
    const ended = await new Promise<boolean>((resolve, reject) => {
      const cleanup = () => {
        stream.off('readable', onReadable);
        stream.off('end', onEnd);
        stream.off('error', onError);
      };
      const onReadable = () => (cleanup(), resolve(false));
      const onEnd = () => (cleanup(), resolve(true));
      const onError = (e: Error) => (cleanup(), reject(e));
      stream.on('readable', onReadable);
      stream.on('end', onEnd);
      stream.on('error', onError);
    });
    if (ended) break;
  }
  const head = Buffer.concat(chunks);
  if (head.length) stream.unshift(head);
  return head;
}

const CHUNK = 256 * 1024;

function decompressorFor(head: Buffer): { compression: LayerContents['compression']; stream?: Transform } {
  // 256 KiB output chunks: every chunk costs a zlib callback, a tar-stream push and a listener
  // call, so fewer, larger chunks cut the per-chunk work (measured: bench/README.md).
  if (head[0] === 0x1f && head[1] === 0x8b)
    return { compression: 'gzip', stream: createGunzip({ chunkSize: CHUNK }) };
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528)
    return { compression: 'zstd', stream: createZstdDecompress({ chunkSize: CHUNK }) };
  return { compression: 'none' };
}

/**
 * Stream one layer blob (gzip, zstd or plain tar) once: verify its digest, apply the bounds,
 * record whiteouts and symlinks, and buffer only the files `wants` accepts. Nothing is written
 * to disk. Throws LayerError on a bad layer; hostile entries are skipped and listed in `refused`.
 */
export async function readLayer(stream: Readable, options: ReadLayerOptions): Promise<LayerContents> {
  const limits = { ...DEFAULT_LAYER_LIMITS, ...options.limits };
  const fail = (message: string) => new LayerError(options.label, message);
  const tooBig = () => fail(`more than ${limits.maxTotalBytes} uncompressed bytes (tar bomb?)`);
  const plain = new HashingStream(limits.maxTotalBytes, tooBig);
  let counted = 0;
  const out: LayerContents = {
    files: new Map(),
    symlinks: new Map(),
    whiteouts: [],
    opaqueDirs: [],
    refused: [],
    entries: 0,
    uncompressedBytes: 0,
    compression: 'none',
  };
  const hardlinks: [string, string][] = [];

  // Returns where a member's content goes; undefined skips it.
  const onEntry = (entry: TarEntry): EntrySink | undefined => {
    out.entries += 1;
    if (out.entries > limits.maxEntries) throw fail(`more than ${limits.maxEntries} entries (tar bomb?)`);
    if (entry.size > limits.maxEntrySize)
      throw fail(`entry ${entry.name} is ${entry.size} bytes, over the ${limits.maxEntrySize}-byte limit`);
    // The root directory entry carries nothing the scan uses; only a directory may stand there.
    if (entry.type === 'directory' && isRootEntry(entry.name)) return undefined;
    const path = safeMemberPath(entry.name);
    const refuse = (reason: string) => void out.refused.push(reason);
    if (path === null) return refuse(`${entry.name}: path leaves the image root`);
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    const base = path.slice(slash + 1);
    if (base === OPAQUE) return void out.opaqueDirs.push(dir);
    if (base.startsWith(WHITEOUT_PREFIX)) {
      out.whiteouts.push((dir ? dir + '/' : '') + base.slice(WHITEOUT_PREFIX.length));
      return undefined;
    }
    if (throughSymlink(path, out.symlinks)) return refuse(`${entry.name}: written through a symlink`);
    if (entry.type === 'symlink') {
      out.symlinks.set(path, entry.linkname);
      out.files.delete(path);
      return undefined;
    }
    if (entry.type === 'link') {
      const target = entry.linkname ? safeMemberPath(entry.linkname) : null;
      if (target === null)
        return refuse(`${entry.name}: hard link to ${entry.linkname} leaves the image root`);
      hardlinks.push([path, target]);
      return undefined;
    }
    if (entry.type !== 'file') {
      if (entry.type === 'directory') out.symlinks.delete(path);
      return undefined;
    }
    out.symlinks.delete(path);
    const size = entry.size;
    const keep = size <= limits.maxBufferedFile && options.wants(path, size);
    const look = size <= limits.maxBufferedFile && !!options.inspect?.wants(path, size);
    if (!keep && !look) {
      out.files.delete(path);
      if (!options.watch?.wants(path, size, entry.mode)) return undefined;
      const sink = options.watch.open(path);
      return { data: (c) => sink.write(c), end: () => sink.end() };
    }
    const chunks: Buffer[] = [];
    return {
      data: (c) => void chunks.push(c),
      end: () => {
        // A copy: slices of the inflate output must not keep its 256 KiB chunks alive.
        const content = Buffer.concat(chunks, size);
        if (keep) out.files.set(path, content);
        if (look) options.inspect?.file(path, content);
      },
    };
  };
  const extract = new TarWalker(onEntry);

  // pipeline() reports the first error; late 'error' events from stages it already tore down
  // must not become uncaught exceptions.
  for (const stage of [stream, plain, extract]) stage.on('error', () => {});
  let compression: LayerContents['compression'] = 'none';
  // The stored bytes are hashed by a listener beside the pipe rather than by a Transform stage
  // in it: the same bytes, one stream hop fewer per chunk (measured: bench/README.md).
  const raw = createHash('sha256');
  try {
    const chosen = decompressorFor(await peek(stream, 4));
    compression = chosen.compression;
    const inflate = chosen.stream;
    // The uncompressed bytes need a hash only when they are what gets verified; otherwise the
    // hashing stage is left out and a listener counts them against the tar-bomb bound.
    const hashPlain = compression === 'none' || (!options.digest && !!options.diffId);
    if (!inflate) {
      // An uncompressed blob is its own tar: one hash serves both digests.
      await pipeline(stream, plain, extract, { signal: options.signal });
    } else {
      inflate.on('error', () => {});
      if (options.digest) stream.on('data', (chunk: Buffer) => raw.update(chunk));
      if (!hashPlain) {
        inflate.on('data', (chunk: Buffer) => {
          counted += chunk.length;
          if (counted > limits.maxTotalBytes) inflate.destroy(tooBig());
        });
      }
      const stages = hashPlain ? [inflate, plain, extract] : [inflate, extract];
      await pipeline([stream, ...stages], { signal: options.signal });
    }
  } catch (err) {
    if (err instanceof LayerError) throw err;
    const message = (err as Error).message;
    if (/unexpected end of file|premature close|Unexpected end of data/i.test(message))
      throw fail(`truncated layer (${compression}): ${message}`);
    throw fail(`unreadable layer (${compression}): ${message}`);
  }
  out.compression = compression;
  out.uncompressedBytes = plain.bytes || counted;
  if (options.digest) {
    const got = 'sha256:' + (compression === 'none' ? plain.hash : raw).digest('hex');
    if (got !== options.digest) throw fail(`digest mismatch: expected ${options.digest}, content is ${got}`);
  } else if (options.diffId) {
    const got = 'sha256:' + plain.hash.digest('hex');
    if (got !== options.diffId) throw fail(`diff_id mismatch: expected ${options.diffId}, content is ${got}`);
  }
  for (const [path, target] of hardlinks) {
    const content = out.files.get(target);
    if (content && options.wants(path, content.length)) out.files.set(path, content);
  }
  return out;
}

function throughSymlink(path: string, symlinks: Map<string, string>): boolean {
  if (symlinks.size === 0) return false;
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
    if (symlinks.has(path.slice(0, i))) return true;
  }
  return false;
}

/** One file of the merged tree and the layer that last wrote it. */
export interface MergedFile {
  content: Buffer;
  layer: number;
}

/**
 * The image's file tree as the analysers see it, built one layer at a time: each layer's
 * whiteouts and opaque directories remove what lower layers put there, then its own files and
 * symlinks go on top. Only buffered files and symlinks are kept, so memory follows what the
 * analysers asked for, not the image's size.
 */
export class MergedTree {
  readonly files = new Map<string, MergedFile>();
  readonly symlinks = new Map<string, { target: string; layer: number }>();
  private readonly removals: { layer: number; whiteouts: string[]; opaqueDirs: string[] }[] = [];

  apply(
    layer: number,
    contents: Pick<LayerContents, 'files' | 'symlinks' | 'whiteouts' | 'opaqueDirs'>,
  ): void {
    for (const dir of contents.opaqueDirs) this.removeUnder(dir);
    for (const path of contents.whiteouts) {
      this.files.delete(path);
      this.symlinks.delete(path);
      this.removeUnder(path);
    }
    for (const [path, target] of contents.symlinks) {
      this.files.delete(path);
      this.symlinks.set(path, { target, layer });
    }
    for (const [path, content] of contents.files) {
      this.symlinks.delete(path);
      this.files.set(path, { content, layer });
    }
    if (contents.whiteouts.length || contents.opaqueDirs.length)
      this.removals.push({ layer, whiteouts: contents.whiteouts, opaqueDirs: contents.opaqueDirs });
  }

  private removeUnder(dir: string): void {
    const prefix = dir === '' ? '' : dir + '/';
    for (const map of [this.files, this.symlinks]) {
      for (const key of map.keys()) if (key.startsWith(prefix)) map.delete(key);
    }
  }

  /** Follow symlinks in every component of `path`, never above the root; null on a loop. */
  resolve(path: string): string | null {
    let parts = path.split('/').filter(Boolean);
    for (let hops = 0, i = 0; i < parts.length;) {
      const prefix = parts.slice(0, i + 1).join('/');
      const link = this.symlinks.get(prefix);
      if (!link) {
        i += 1;
        continue;
      }
      if (++hops > 40) return null;
      parts = [...resolveLinkTarget(prefix, link.target).split('/').filter(Boolean), ...parts.slice(i + 1)];
      i = 0;
    }
    return parts.join('/');
  }

  read(path: string): MergedFile | undefined {
    const resolved = this.resolve(path);
    return resolved === null ? undefined : this.files.get(resolved);
  }

  /** The first layer above `layer` whose whiteout or opaque directory removed `path`, if any. */
  deletedBy(path: string, layer: number): number | undefined {
    for (const removal of this.removals) {
      if (removal.layer <= layer) continue;
      const hit =
        removal.whiteouts.some((w) => path === w || path.startsWith(w + '/')) ||
        removal.opaqueDirs.some((d) => d === '' || path.startsWith(d + '/'));
      if (hit) return removal.layer;
    }
    return undefined;
  }
}
