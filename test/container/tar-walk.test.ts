/**
 * The streaming tar walker against archives written by GNU tar itself in its three formats (long
 * names and link targets are where ustar, GNU and PAX differ), fed in every chunking, and
 * against the random-access index of the same files.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexTar } from '../../src/container/sources/tar-index.ts';
import { TarFormatError } from '../../src/container/tar-header.ts';
import { type TarEntry, TarWalker } from '../../src/container/tar-walk.ts';
import fc from 'fast-check';

let work: string;
const LONG_DIR = `deep/${'d'.repeat(90)}/${'e'.repeat(40)}`;
/** Past ustar's 100-byte name field: GNU and PAX need an extended header for it. */
const LONG_FILE = `${LONG_DIR}/${'f'.repeat(120)}.txt`;
/** Over 100 bytes too, but ustar can store it: prefix `deep/ddd…/eee…`, name `short.txt`. */
const SPLIT_FILE = `${LONG_DIR}/short.txt`;
const common = new Map<string, Buffer>([
  ['etc/os-release', Buffer.from('ID=debian\nVERSION_ID="12"\n')],
  ['empty', Buffer.alloc(0)],
  ['exact-block', Buffer.alloc(512, 0x61)],
  [SPLIT_FILE, Buffer.from('split name\n')],
  // Pseudo-random bytes: no run of zeros a sloppy reader could take for the end of the archive.
  ['usr/lib/blob.bin', Buffer.from(Array.from({ length: 70_001 }, (_, i) => (i * 7919 + 13) % 251))],
]);
const FORMATS = {
  gnu: { contents: new Map([...common, [LONG_FILE, Buffer.from('long name\n')]]), link: `../${LONG_FILE}` },
  pax: { contents: new Map([...common, [LONG_FILE, Buffer.from('long name\n')]]), link: `../${LONG_FILE}` },
  // ustar has no extended headers: names fit prefix + name, link targets 100 bytes.
  ustar: { contents: common, link: '../etc/os-release' },
};

/** GNU tar writes the tree for this format as an archive. */
function archive(format: keyof typeof FORMATS): string {
  const tree = join(work, `tree-${format}`);
  for (const [path, content] of FORMATS[format].contents) {
    mkdirSync(join(tree, path, '..'), { recursive: true });
    writeFileSync(join(tree, path), content);
  }
  symlinkSync(FORMATS[format].link, join(tree, 'deep', 'link'));
  const file = join(work, `${format}.tar`);
  execFileSync('tar', [`--format=${format}`, '-cf', file, '-C', tree, '.'], {
    env: { ...process.env, LC_ALL: 'C' },
  });
  return file;
}

/** Walk a tar fed in chunks of `size` bytes; returns each entry and the content of files. */
async function walk(
  bytes: Buffer,
  size: number,
): Promise<{ entries: TarEntry[]; files: Map<string, Buffer> }> {
  const entries: TarEntry[] = [];
  const files = new Map<string, Buffer>();
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  await pipeline(
    Readable.from(chunks),
    new TarWalker((entry) => {
      entries.push(entry);
      const parts: Buffer[] = [];
      return {
        data: (c) => void parts.push(Buffer.from(c)),
        end: () => void files.set(entry.name.replace(/^\.\//, ''), Buffer.concat(parts)),
      };
    }),
  );
  return { entries, files };
}

const files: Partial<Record<keyof typeof FORMATS, string>> = {};
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'vigil-tar-'));
  for (const format of Object.keys(FORMATS) as (keyof typeof FORMATS)[]) files[format] = archive(format);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('TarWalker', () => {
  for (const format of Object.keys(FORMATS) as (keyof typeof FORMATS)[]) {
    it(`reads GNU tar's ${format} format in any chunking, like the index does`, async () => {
      const file = files[format]!;
      const bytes = readFileSync(file);
      const index = await indexTar(file);
      for (const size of [1, 7, 511, 512, 513, 4096, bytes.length]) {
        const { entries, files: read } = await walk(bytes, size);
        for (const [path, content] of FORMATS[format].contents)
          expect(read.get(path), `${format} ${size} ${path}`).toEqual(content);
        const link = entries.find((e) => e.type === 'symlink')!;
        expect(link.linkname).toBe(FORMATS[format].link);
        expect(entries.filter((e) => e.type === 'directory').length).toBeGreaterThan(3);
        // The same members, names and sizes as the random-access index finds.
        expect(new Map(entries.map((e) => [e.name.replace(/^\.\//, ''), e.size]))).toEqual(
          new Map([...index].map(([name, m]) => [name, m.size])),
        );
      }
    });
  }

  it('refuses a block that is not a tar header, naming the reason', async () => {
    const text = Buffer.from('not a tar at all, just text '.repeat(40));
    await expect(walk(text, 100)).rejects.toThrow(/invalid tar header \(bad checksum\)/);
  });

  it('reports a tar that stops inside a header or inside a member', async () => {
    const bytes = readFileSync(files.gnu!);
    await expect(walk(bytes.subarray(0, 700), 64)).rejects.toThrow(/Unexpected end of data/);
    const blob = bytes.indexOf(Buffer.from([13, 20, 27]));
    await expect(walk(bytes.subarray(0, blob + 1000), 64)).rejects.toThrow(/Unexpected end of data/);
  });

  it('refuses an extended header over 1 MiB instead of buffering it', async () => {
    const header = Buffer.alloc(512);
    header.write('././@LongLink', 0);
    header.write('0000644\0', 100);
    header.write(`${(2 * 1024 * 1024).toString(8).padStart(11, '0')}\0`, 124);
    header[156] = 'L'.charCodeAt(0);
    header.write('        ', 148);
    const sum = header.reduce((n, b) => n + b, 0);
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    await expect(walk(header, 512)).rejects.toThrow(/extended tar header of 2097152 bytes/);
  });

  it('on a damaged archive (bytes flipped, cut anywhere) fails with a tar error or reads on, never anything else', async () => {
    const bytes = readFileSync(files.pax!);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.nat(bytes.length),
        fc.integer({ min: 1, max: 5000 }),
        async (flips, cut, chunk) => {
          const damaged = Buffer.from(bytes.subarray(0, cut));
          for (const [at, value] of flips) if (at < damaged.length) damaged[at] = value;
          try {
            await walk(damaged, chunk);
          } catch (error) {
            expect(error).toBeInstanceOf(TarFormatError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('passes an error thrown by the entry callback to the pipeline and reads no further', async () => {
    const bytes = readFileSync(files.pax!);
    let seen = 0;
    const walker = new TarWalker(() => {
      if (++seen === 3) throw new Error('stop here');
      return undefined;
    });
    await expect(pipeline(Readable.from([bytes]), walker)).rejects.toThrow('stop here');
    expect(seen).toBe(3);
  });
});
