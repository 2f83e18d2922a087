import { describe, expect, it } from 'vitest';
import { containerScanner } from '../../src/container/run.ts';
import { runScan } from '../../src/core/scan.ts';
import { scanners } from '../../src/scanners.ts';
import { useCorpusImagesWithAdvisories } from './helpers.ts';

const corpus = useCorpusImagesWithAdvisories();

describe('the container scanner in the scan pipeline (what the Action runs with its image input)', () => {
  it('is registered, and does nothing without an image', async () => {
    expect(scanners.map((s) => s.id)).toContain('container');
    const result = await runScan({ root: corpus.fixtures, scanners: [containerScanner] });
    expect(result.findings).toEqual([]);
    expect(result.diagnostics.filter((d) => d.source === 'container')).toEqual([]);
  });

  it('scans an image archive under the root, fingerprinted like every finding', async () => {
    const result = await runScan({
      root: corpus.fixtures,
      scanners: [containerScanner],
      options: { image: 'docker-archive/apk-alpine.tar', offline: true, cacheDir: corpus.cacheDir },
    });
    const hits = result.findings.filter((f) => f.advisoryIds?.includes('ALPINE-CVE-2025-26519'));
    expect(hits.map((f) => f.package?.name).sort()).toEqual(['musl', 'musl-utils']);
    expect(hits.every((f) => /^[0-9a-f]{32}$/.test(f.fingerprint))).toBe(true);
    expect(hits[0]?.image?.os).toBe('Alpine Linux v3.18');
  });

  it('turns an unreachable image into an error diagnostic, not a failed scan', async () => {
    const result = await runScan({
      root: corpus.fixtures,
      scanners: [containerScanner],
      options: { image: 'docker-archive:missing.tar', offline: true, cacheDir: corpus.cacheDir },
    });
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        level: 'error',
        source: 'container',
        message: expect.stringMatching(/^image scan skipped: missing\.tar: no such file/),
      }),
    );
  });
});
