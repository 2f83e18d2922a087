import { readFile } from 'node:fs/promises';
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import {
  GoBuildInfoSink,
  goPackages,
  parseBuildInfo,
  wantsGoBinaryScan,
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
});
