import yauzl from 'yauzl';

/** Bounds for reading an untrusted OSV export archive. */
export interface ZipLimits {
  /** Largest single entry, uncompressed. */
  maxEntryBytes: number;
  /** Largest total of all entries read, uncompressed. */
  maxTotalBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  maxEntries: 2_000_000,
};

export class ZipReadError extends Error {
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'ZipReadError';
  }
}

/**
 * Yield the `.json` entries of a zip archive one at a time (name and text), never the whole
 * archive in memory. yauzl checks each entry's declared against its actual size, so a lying
 * header cannot inflate past the limits; entries that are not JSON files are passed over.
 * A problem with one entry is yielded as an error for that entry; a broken archive throws.
 */
export async function* readZipJson(
  path: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): AsyncGenerator<{ name: string; text: string } | { name: string; error: string }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: false },
      (err, z) => (err || !z ? reject(new ZipReadError(path, err?.message ?? 'cannot open')) : resolve(z)),
    ),
  );
  let total = 0;
  let count = 0;
  // One persistent error listener: yauzl may report a broken archive between our reads, and an
  // 'error' with no listener would crash the process.
  let failure: Error | undefined;
  let waiter: { resolve: (e: yauzl.Entry | undefined) => void; reject: (e: Error) => void } | undefined;
  zip.on('error', (e: Error) => {
    failure = new ZipReadError(path, e.message);
    waiter?.reject(failure);
    waiter = undefined;
  });
  zip.on('entry', (e: yauzl.Entry) => {
    waiter?.resolve(e);
    waiter = undefined;
  });
  zip.on('end', () => {
    waiter?.resolve(undefined);
    waiter = undefined;
  });
  try {
    while (true) {
      if (failure) throw failure;
      const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
        waiter = { resolve, reject };
        zip.readEntry();
      });
      if (!entry) return;
      if (++count > limits.maxEntries) throw new ZipReadError(path, `more than ${limits.maxEntries} entries`);
      const name = entry.fileName;
      if (name.endsWith('/') || !name.toLowerCase().endsWith('.json')) continue;
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        yield {
          name,
          error: `entry is ${entry.uncompressedSize} bytes, over the ${limits.maxEntryBytes}-byte limit`,
        };
        continue;
      }
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes)
        throw new ZipReadError(path, `more than ${limits.maxTotalBytes} bytes uncompressed`);
      try {
        yield { name, text: await readEntry(zip, entry) };
      } catch (error) {
        yield { name, error: (error as Error).message };
      }
    }
  } finally {
    zip.close();
  }
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('cannot read entry'));
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  });
}
