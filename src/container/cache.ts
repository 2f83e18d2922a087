import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayerContents } from './layers.ts';
import type { GoBuildInfo } from './gobinary.ts';
import type { LayerSecret } from './secrets.ts';

/** What one layer contributes to a scan: enough to merge it and analyse it without reading it again. */
export interface LayerResult extends Omit<LayerContents, 'files'> {
  files: Map<string, Buffer>;
  secrets: LayerSecret[];
  /** Text files handed to the secret scanner (so a later layer's clean rewrite is noticed). */
  scanned: string[];
  goBinaries: { path: string; info: GoBuildInfo }[];
}

/**
 * Layer results on disk, keyed by the layer's digest and the analysers' version, so a rebuilt
 * image with one changed layer reads one layer. Entries are written atomically; a corrupt or
 * unreadable entry is a miss, never an error.
 */
export class LayerCache {
  private readonly dir: string;
  private readonly version: string;
  constructor(cacheDir: string, version: string) {
    this.dir = join(cacheDir, 'container-layers');
    this.version = version;
  }

  private file(digest: string): string {
    const key = createHash('sha256').update(`${this.version}\u0000${digest}`).digest('hex');
    return join(this.dir, `${key}.json`);
  }

  async get(digest: string): Promise<LayerResult | undefined> {
    try {
      const raw = JSON.parse(await readFile(this.file(digest), 'utf8')) as SerialisedLayer;
      if (raw.digest !== digest) return undefined;
      return {
        ...raw.result,
        files: new Map(raw.result.files.map(([p, b]) => [p, Buffer.from(b, 'base64')])),
        symlinks: new Map(raw.result.symlinks),
      };
    } catch {
      return undefined;
    }
  }

  async put(digest: string, result: LayerResult): Promise<void> {
    const serialised: SerialisedLayer = {
      digest,
      result: {
        ...result,
        files: [...result.files].map(([p, b]) => [p, b.toString('base64')]),
        symlinks: [...result.symlinks],
      },
    };
    await mkdir(this.dir, { recursive: true });
    const target = this.file(digest);
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, JSON.stringify(serialised));
    await rename(temp, target);
  }
}

interface SerialisedLayer {
  digest: string;
  result: Omit<LayerResult, 'files' | 'symlinks'> & {
    files: [string, string][];
    symlinks: [string, string][];
  };
}
