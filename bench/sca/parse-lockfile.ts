/**
 * Reading and parsing time of a lockfile: the baseline of the SCA matching benchmark.
 *
 *   npx node bench/sca/parse-lockfile.ts [lockfile [as-name]]   (default: a synthesised 5,000-package v3)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { extractLockfile, extractorFor } from '../../src/sca/lockfiles/index.ts';
import type { LockfileInventory } from '../../src/sca/types.ts';
import { makeLockfile } from './make-lockfile.ts';

/** Reads and parses one lockfile the way the inventory does (no sibling manifests); `as` names its format. */
export function readAndParse(path: string, as = basename(path)): LockfileInventory {
  const extractor = extractorFor(as);
  if (!extractor)
    throw new Error(
      `${path}: not a lockfile name vigil knows; pass the format name (e.g. package-lock.json)`,
    );
  return extractLockfile(extractor, as, readFileSync(path, 'utf8'));
}

/** Writes the synthesised 5,000-package lockfile to a temporary directory and returns its path. */
export function benchLockfile(count = 5000): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vigil-bench-')), 'package-lock.json');
  writeFileSync(path, makeLockfile(count));
  return path;
}

/** Median wall time of `runs` read+parse passes, after one warm-up. */
export function timeReadAndParse(
  path: string,
  runs = 15,
  as = basename(path),
): { medianMs: number; minMs: number; packages: number } {
  let packages = readAndParse(path, as).packages.length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    packages = readAndParse(path, as).packages.length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] as number, minMs: times[0] as number, packages };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2] ?? benchLockfile();
  const { medianMs, minMs, packages } = timeReadAndParse(path, 15, process.argv[3]);
  console.log(
    `${path}: ${packages} packages, read + parse median ${medianMs.toFixed(1)} ms (min ${minMs.toFixed(1)} ms)`,
  );
}
