import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { useCorpusImagesWithAdvisories } from './helpers.ts';

const corpus = useCorpusImagesWithAdvisories();

function captureIO(): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env: { NO_COLOR: '1' },
    cwd: corpus.fixtures,
    out: () => out,
    err: () => err,
  };
}

/** `vigil image` on the corpus's Alpine OCI layout, offline, against `database`. */
const offlineAlpine = (database: string, cacheDir: string) => [
  'image',
  'apk-alpine',
  '--input',
  'oci',
  '--offline',
  '--database',
  database,
  '--cache-dir',
  cacheDir,
];

describe('vigil image', () => {
  it('scans an OCI layout offline, reports JSON and fails on the threshold', async () => {
    const io = captureIO();
    const code = await main(
      [
        'image',
        'apk-alpine',
        '--input',
        'oci',
        '--offline',
        '--cache-dir',
        corpus.cacheDir,
        '--format',
        'json',
        '--fail-on',
        'medium',
      ],
      io,
    );
    expect(code).toBe(1);
    const report = JSON.parse(io.out()) as {
      findings: { advisoryIds: string[]; package: { name: string }; image: { layerIndex: number } }[];
    };
    expect(report.findings.map((f) => f.package.name).sort()).toEqual(['musl', 'musl-utils']);
    expect(report.findings[0]?.advisoryIds).toContain('ALPINE-CVE-2025-26519');
    expect(report.findings[0]?.image.layerIndex).toBe(0);
  });

  it('reads a docker-archive given as a transport reference; text report names the layer', async () => {
    const io = captureIO();
    const code = await main(
      [
        'image',
        `docker-archive:${join(corpus.fixtures, 'docker-archive/apk-alpine.tar')}`,
        '--offline',
        '--cache-dir',
        corpus.cacheDir,
        '--fail-on',
        'critical',
      ],
      io,
    );
    expect(code).toBe(0);
    expect(io.out()).toMatch(/ALPINE-CVE-2025-26519/);
    expect(io.out()).toMatch(/layer 1: 2 finding\(s\)/);
  });

  it('takes --database and --cache-dir as vigil scan does, relative to the working directory', async () => {
    // The database sits beside the images, not in the cache dir, which starts empty.
    await copyFile(join(corpus.cacheDir, 'osv.db'), join(corpus.fixtures, 'advisories.db'));
    const cwdCache = 'fresh-cache';
    const io = captureIO();
    const code = await main([...offlineAlpine('advisories.db', cwdCache), '--format', 'json'], io);
    expect(io.err()).not.toMatch(/error|no advisor/i);
    expect(io.err()).toMatch(/^vigil: 2 findings, \d+ packages in /);
    expect(code).toBe(1);
    const report = JSON.parse(io.out()) as { findings: { advisoryIds: string[] }[] };
    expect(report.findings.flatMap((f) => f.advisoryIds)).toContain('ALPINE-CVE-2025-26519');
    // Layer results went to the named cache dir, resolved against the working directory.
    expect((await readdir(join(corpus.fixtures, cwdCache))).length).toBeGreaterThan(0);
  });

  it('says which database is missing rather than scanning without advisories', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'vigil-nocache-'));
    try {
      const io = captureIO();
      const code = await main(offlineAlpine('nowhere.db', empty), io);
      expect(code).not.toBe(0);
      expect(io.err() + io.out()).toMatch(/nowhere\.db/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('exits 2 with a clear message for a missing input or no reference', async () => {
    const io = captureIO();
    expect(
      await main(['image', '--input', 'missing.tar', '--offline', '--cache-dir', corpus.cacheDir], io),
    ).toBe(2);
    expect(io.err()).toMatch(/missing\.tar: no such file or directory/);
    const io2 = captureIO();
    expect(await main(['image'], io2)).toBe(2);
    expect(io2.err()).toMatch(/give an image reference or --input/);
  });
});
