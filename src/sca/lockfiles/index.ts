import type { ExtractContext, LockfileExtractor, LockfileInventory } from '../types.ts';
import { LockfileError } from '../types.ts';
import { bunLock } from './bun.ts';
import { cargoLock } from './cargo.ts';
import { composerLock } from './composer.ts';
import { gemfileLock } from './gemfile.ts';
import { goMod } from './gomod.ts';
import { packageLock } from './npm.ts';
import { pipfileLock } from './pipfile.ts';
import { pnpmLock } from './pnpm.ts';
import { poetryLock } from './poetry.ts';
import { requirementsTxt } from './requirements.ts';
import { MAX_LOCKFILE_BYTES } from './text.ts';
import { uvLock } from './uv.ts';
import { yarnLock } from './yarn.ts';

/** Every lockfile format vigil reads; adding one is adding a file and a line here. */
export const extractors: readonly LockfileExtractor[] = [
  packageLock,
  yarnLock,
  pnpmLock,
  bunLock,
  requirementsTxt,
  poetryLock,
  pipfileLock,
  uvLock,
  goMod,
  cargoLock,
  gemfileLock,
  composerLock,
];

export function extractorFor(path: string): LockfileExtractor | undefined {
  return extractors.find((e) => e.matches(path));
}

/**
 * Runs one extractor with the guarantees every caller relies on: sizes bounded, and any failure
 * (including a parser's own exception or a stack overflow on hostile nesting) becomes a
 * LockfileError naming the file.
 */
export function extractLockfile(
  extractor: LockfileExtractor,
  path: string,
  text: string,
  context?: ExtractContext,
): LockfileInventory {
  if (text.length > MAX_LOCKFILE_BYTES) {
    throw new LockfileError(path, `larger than ${MAX_LOCKFILE_BYTES / 1024 / 1024} MiB; not read`);
  }
  try {
    return extractor.extract(path, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, context);
  } catch (e) {
    if (e instanceof LockfileError) throw e;
    if (e instanceof RangeError) throw new LockfileError(path, `too deeply nested to read (${e.message})`);
    throw new LockfileError(
      path,
      `could not be read as ${extractor.format}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
