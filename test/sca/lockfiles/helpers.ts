import { readFileSync } from 'node:fs';
import { extractLockfile, extractorFor } from '../../../src/sca/lockfiles/index.ts';
import type { LockfileExtractor, LockfileInventory, Package } from '../../../src/sca/types.ts';
import { corpusPath } from '../support/corpus.ts';

/** Reads corpus/lockfiles/<dir>/<file> as if it were named `as` (corpus files carry their origin in their name). */
export function extractCorpus(
  dir: string,
  file: string,
  as: string,
  siblings: Record<string, string> = {},
): LockfileInventory {
  const text = readFileSync(corpusPath('lockfiles', dir, file), 'utf8');
  return extractText(as, text, siblings);
}

export function extractText(
  path: string,
  text: string,
  siblings: Record<string, string> = {},
): LockfileInventory {
  const extractor = extractorFor(path) as LockfileExtractor;
  if (!extractor) throw new Error(`no extractor for ${path}`);
  return extractLockfile(extractor, path, text, {
    readFile: (p) => (Object.hasOwn(siblings, p) ? siblings[p] : undefined),
    files: Object.keys(siblings),
  });
}

export function find(inv: LockfileInventory, name: string, version?: string): Package {
  const p = inv.packages.find((x) => x.name === name && (version === undefined || x.version === version));
  if (!p) throw new Error(`${name}@${version ?? '*'} not in ${inv.path}`);
  return p;
}

/** `name@version` of every package, sorted: compared with osv-scanner's expected package lists. */
export function ids(inv: LockfileInventory): string[] {
  return inv.packages.map((p) => `${p.name}@${p.version}`).sort();
}
