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

/**
 * Median wall time of `runs` read+parse passes, after one warm-up, and the median CPU time (less
 * sensitive to other processes on a busy machine).
 */
export function timeReadAndParse(
  path: string,
  runs = 15,
  as = basename(path),
): { medianMs: number; minMs: number; cpuMedianMs: number; packages: number } {
  let packages = readAndParse(path, as).packages.length;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    packages = readAndParse(path, as).packages.length;
    const used = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  return { medianMs: median(wall), minMs: Math.min(...wall), cpuMedianMs: median(cpu), packages };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2] ?? benchLockfile();
  const { medianMs, minMs, cpuMedianMs, packages } = timeReadAndParse(path, 15, process.argv[3]);
  console.log(
    `${path}: ${packages} packages, read + parse median ${medianMs.toFixed(1)} ms wall ` +
      `(min ${minMs.toFixed(1)} ms), ${cpuMedianMs.toFixed(1)} ms CPU`,
  );
}
