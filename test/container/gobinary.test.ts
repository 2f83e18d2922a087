import { readFile, rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import {
  GoBuildInfoSink,
  goPackages,
  parseBuildInfo,
  wantsGoBinaryScan,
  writableSegments,
} from '../../src/container/gobinary.ts';
import { scanImage } from '../../src/container/scanner.ts';
import { openImage } from '../../src/container/sources/index.ts';
import { makeOciImage } from './helpers.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** A Go 1.18+ build-info blob laid out as Go's debug/buildinfo reads it: marker, pointer size, flags, then varint-prefixed strings. */
function buildInfoBlob(goVersion: string, modinfo: string): Buffer {
  const varint = (n: number) => {
    const out: number[] = [];
    while (n >= 0x80) {
      out.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    out.push(n);
    return Buffer.from(out);
  };
  const head = Buffer.alloc(32);
  head.write('\xff Go buildinf:', 0, 'latin1');
  head[14] = 8;
  head[15] = 0x2;
  const sentinel = Buffer.alloc(16, 0x30);
  const info = Buffer.concat([sentinel, Buffer.from(modinfo), sentinel]);
  const version = Buffer.from(goVersion);
  return Buffer.concat([head, varint(version.length), version, varint(info.length), info]);
}

interface Segment {
  offset: number | bigint;
  filesz: number | bigint;
  flags: number;
  type?: number;
}

/** A minimal ELF file: header, program headers right after it, then `put` bytes at their offsets. */
function elfFile(opts: {
  wide: boolean;
  le: boolean;
  segments: Segment[];
  size: number;
  put?: [offset: number, bytes: Buffer][];
  phoff?: bigint;
  phentsize?: number;
  phnum?: number;
}): Buffer {
  const { wide, le } = opts;
  const out = Buffer.alloc(opts.size);
  out.write('\x7fELF', 0, 'latin1');
  out[4] = wide ? 2 : 1;
  out[5] = le ? 1 : 2;
  out[6] = 1;
  const u16 = (v: number, at: number) => (le ? out.writeUInt16LE(v, at) : out.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (le ? out.writeUInt32LE(v, at) : out.writeUInt32BE(v, at));
  const word = (v: number | bigint, at: number) =>
    wide
      ? le
        ? out.writeBigUInt64LE(BigInt(v), at)
        : out.writeBigUInt64BE(BigInt(v), at)
      : u32(Number(v), at);
  const phoff = wide ? 64 : 52;
  const phentsize = wide ? 56 : 32;
  word(opts.phoff ?? BigInt(phoff), wide ? 32 : 28);
  u16(opts.phentsize ?? phentsize, wide ? 54 : 42);
  u16(opts.phnum ?? opts.segments.length, wide ? 56 : 44);
  opts.segments.forEach((s, i) => {
    const at = phoff + i * phentsize;
    u32(s.type ?? 1, at);
    u32(s.flags, at + (wide ? 4 : 24));
    word(s.offset, at + (wide ? 8 : 4));
    word(s.filesz, at + (wide ? 32 : 16));
  });
  for (const [at, bytes] of opts.put ?? []) bytes.copy(out, at);
  return out;
}

/** Feed `data` to a fresh sink, cut at `cuts` (ascending offsets), and return what it found. */
function streamed(data: Buffer, cuts: number[]) {
  const sink = new GoBuildInfoSink();
  let from = 0;
  for (const cut of [...cuts, data.length]) {
    sink.write(data.subarray(from, cut));
    from = cut;
  }
  return sink.end();
}

const every = (data: Buffer, size: number) =>
  Array.from({ length: Math.ceil(data.length / size) - 1 }, (_, i) => (i + 1) * size);

const R = 4;
const W = 6;

describe('Go build info', () => {
  it("reads a real Go binary (this machine's umoci) streamed in small chunks", async () => {
    const binary = await readFile('/usr/bin/umoci');
    const sink = new GoBuildInfoSink();
    for (let i = 0; i < binary.length; i += 4093) sink.write(binary.subarray(i, i + 4093));
    const info = sink.end();
    expect(info?.goVersion).toMatch(/^go1\.\d+/);
    expect(info?.path).toBe('github.com/opencontainers/umoci/cmd/umoci');
    expect(goPackages(info!, 'usr/bin/umoci').find((p) => p.name === 'stdlib')?.version).toMatch(
      /^1\.\d+\.\d+$/,
    );
  });

  it('finds the marker when a chunk boundary splits it', async () => {
    const binary = await readFile('/usr/bin/umoci');
    const at = binary.indexOf(Buffer.from('\xff Go buildinf:', 'latin1'));
    for (const cut of [at + 1, at + 7, at + 13]) {
      const sink = new GoBuildInfoSink();
      sink.write(binary.subarray(0, cut));
      sink.write(binary.subarray(cut));
      expect(sink.end()?.path, `cut at +${cut - at}`).toBe('github.com/opencontainers/umoci/cmd/umoci');
    }
  });

  it('reads modules, dependencies and replacements; skips (devel) main modules', () => {
    const blob = buildInfoBlob(
      'go1.22.5',
      'path\texample.com/app\nmod\texample.com/app\t(devel)\t\ndep\tgolang.org/x/net\tv0.17.0\th1:x=\ndep\tgithub.com/a/b\tv1.0.0\th1:y=\n=>\tgithub.com/fork/b\tv1.0.1\th1:z=\nbuild\t-compiler=gc\n',
    );
    const info = parseBuildInfo(blob);
    expect(info?.path).toBe('example.com/app');
    const pkgs = goPackages(info!, 'app/server').map((p) => `${p.name}@${p.version}`);
    expect(pkgs).toEqual(['golang.org/x/net@0.17.0', 'github.com/fork/b@1.0.1', 'stdlib@1.22.5']);
  });

  it('ignores non-ELF files, pre-1.18 layouts and truncated blobs', () => {
    const sink = new GoBuildInfoSink();
    sink.write(Buffer.from('#!/bin/sh\necho \xff Go buildinf: nope\n', 'latin1'));
    expect(sink.end()).toBeUndefined();
    const old = buildInfoBlob('go1.16', 'path\tx\n');
    old[15] = 0;
    expect(parseBuildInfo(old)).toBeUndefined();
    expect(parseBuildInfo(buildInfoBlob('go1.22.5', 'path\tx\n').subarray(0, 40))).toBeUndefined();
    expect(wantsGoBinaryScan('usr/local/bin/app', 5000, 0o755)).toBe(true);
    expect(wantsGoBinaryScan('usr/local/bin/app', 5000, 0o644)).toBe(false);
  });

  it("lists a Go binary's modules from an image layer, with its layer", async () => {
    const dir = await makeOciImage([
      { entries: [{ name: 'etc/alpine-release', content: '3.18.0\n' }], createdBy: 'ADD base' },
      {
        entries: [{ name: 'usr/local/bin/umoci', content: await readFile('/usr/bin/umoci'), mode: 0o755 }],
        createdBy: 'COPY umoci /usr/local/bin/',
      },
    ]);
    dirs.push(dir);
    const report = await scanImage(await openImage(`oci:${dir}:test`));
    expect(report.packages.find((p) => p.ecosystem === 'Go' && p.name === 'stdlib')).toMatchObject({
      source: 'usr/local/bin/umoci',
      layer: { index: 1, createdBy: 'COPY umoci /usr/local/bin/' },
    });
  });

  describe('search bounded to writable PT_LOAD segments', () => {
    const marker = Buffer.from('\xff Go buildinf:', 'latin1');
    const blob = buildInfoBlob('go1.22.5', 'path\texample.com/app\ndep\tgolang.org/x/net\tv0.17.0\th1:x=\n');

    it('reads real Go binaries (umoci, skopeo) cut around segment and marker boundaries, and in small chunks', async () => {
      for (const [file, path] of [
        ['/usr/bin/umoci', 'github.com/opencontainers/umoci/cmd/umoci'],
        ['/usr/bin/skopeo', 'github.com/containers/skopeo/cmd/skopeo'],
      ] as const) {
        const binary = await readFile(file);
        const ranges = writableSegments(binary.subarray(0, 4096));
        expect(Array.isArray(ranges) && ranges.length, file).toBeTruthy();
        const at = binary.indexOf(marker);
        const edges = (ranges as { start: number; end: number }[]).flatMap((r) => [r.start, r.end]);
        for (const edge of [...edges, at, at + 8, at + 16])
          for (const d of [-1, 0, 1]) {
            const cut = edge + d;
            expect(streamed(binary, [3, 70, cut])?.path, `${file} cut at ${cut}`).toBe(path);
          }
        expect(streamed(binary, every(binary, 1021))?.path, `${file} in 1021-byte chunks`).toBe(path);
      }
    });

    it('finds the marker only inside a writable segment, 16-byte aligned (32/64-bit, both byte orders)', () => {
      for (const wide of [true, false])
        for (const le of [true, false]) {
          const segments = [
            { offset: 0, filesz: 0x1000, flags: R | 1 },
            { offset: 0x1000, filesz: 0x1000, flags: R },
            { offset: 0x2000, filesz: 0x2000, flags: W },
          ];
          const label = `${wide ? 64 : 32}-bit ${le ? 'LE' : 'BE'}`;
          const inData = elfFile({ wide, le, segments, size: 0x4000, put: [[0x2100, blob]] });
          expect(streamed(inData, every(inData, 7))?.path, label).toBe('example.com/app');
          expect(streamed(inData, [0x2100 + 5])?.path, label).toBe('example.com/app');
          const inRodata = elfFile({ wide, le, segments, size: 0x4000, put: [[0x1100, blob]] });
          expect(streamed(inRodata, []), label).toBeUndefined();
          // An unaligned copy before the real one is skipped, as debug/buildinfo skips it.
          const unaligned = elfFile({
            wide,
            le,
            segments,
            size: 0x4000,
            put: [
              [0x2003, marker],
              [0x2100, blob],
            ],
          });
          expect(streamed(unaligned, [0x2008])?.path, label).toBe('example.com/app');
        }
    });

    it('searches overlapping segments once and segments whose range starts inside the header chunk', () => {
      const segments = [
        { offset: 0, filesz: 0x800, flags: W },
        { offset: 0x400, filesz: 0x800, flags: W },
      ];
      expect(writableSegments(elfFile({ wide: true, le: true, segments, size: 0x1000 }))).toEqual([
        { start: 0, end: 0xc00 },
      ]);
      const data = elfFile({ wide: true, le: true, segments, size: 0x1000, put: [[0x200, blob]] });
      expect(streamed(data, [])?.path).toBe('example.com/app');
    });

    it('treats a truncated ELF header as not a Go binary', async () => {
      const umoci = await readFile('/usr/bin/umoci');
      for (const n of [3, 5, 40, 63, 100])
        expect(streamed(umoci.subarray(0, n), [1]), `${n} bytes`).toBeUndefined();
      expect(writableSegments(umoci.subarray(0, 40))).toBe('more');
    });

    it('quietly gives up on hostile program headers (past the end, overflowing, malformed)', () => {
      const wide = true;
      const le = true;
      const withMarker = (segments: Segment[], extra: Partial<Parameters<typeof elfFile>[0]> = {}) =>
        elfFile({ wide, le, segments, size: 0x4000, put: [[0x2000, blob]], ...extra });
      const data = { offset: 0x2000, filesz: 0x1000, flags: W };
      const hostile: [string, Buffer][] = [
        ['segment past the end', withMarker([{ ...data, offset: 0x100000 }])],
        ['segment at 2^63', withMarker([{ ...data, offset: 2n ** 63n }])],
        [
          'offset + filesz overflows 64 bits',
          withMarker([{ offset: 2n ** 64n - 16n, filesz: 0x100, flags: W }]),
        ],
        ['program headers at 2^63', withMarker([data], { phoff: 2n ** 63n })],
        ['program headers past MAX_HEADERS', withMarker([data], { phoff: 0x10000n })],
        ['65,534 program headers of 65,535 bytes', withMarker([data], { phnum: 0xfffe, phentsize: 0xffff })],
        ['program header entries too small', withMarker([data], { phentsize: 8 })],
        ['PN_XNUM program header count', withMarker([data], { phnum: 0xffff })],
        ['no program headers', withMarker([], { phnum: 0 })],
        ['only a read-only segment', withMarker([{ ...data, flags: R }])],
        ['not PT_LOAD', withMarker([{ ...data, type: 2 }])],
      ];
      const badClass = withMarker([data]);
      badClass[4] = 3;
      const badOrder = withMarker([data]);
      badOrder[5] = 0;
      hostile.push(['unknown ELF class', badClass], ['unknown byte order', badOrder]);
      for (const [label, bytes] of hostile) {
        expect(() => streamed(bytes, every(bytes, 512)), label).not.toThrow();
        expect(streamed(bytes, every(bytes, 512)), label).toBeUndefined();
      }
      // The same file with sane headers is found: the cases above fail for their headers alone.
      expect(streamed(withMarker([data]), [])?.path).toBe('example.com/app');
      expect(writableSegments(withMarker([{ ...data, offset: 2n ** 63n }]))).toEqual([]);
      expect(writableSegments(withMarker([data], { phoff: 2n ** 63n }))).toBeUndefined();
    });

    it("gives no packages for ELF files without build info (/bin/ls; esbuild's binary, built without it)", async () => {
      for (const file of ['/bin/ls', 'node_modules/@esbuild/linux-x64/bin/esbuild']) {
        const binary = await readFile(file);
        expect(Array.isArray(writableSegments(binary.subarray(0, 4096))), file).toBe(true);
        expect(streamed(binary, every(binary, 65536)), file).toBeUndefined();
      }
    });
  });
});
