import { createRequire } from 'node:module';

type RemoveTypes = (source: string, options?: { all?: boolean }) => { toString(): string };

let removeTypes: RemoveTypes | undefined;

/**
 * flow-remove-types, loaded on first use: its Flow parser is 2 MB of JavaScript (0.3–0.4 s to
 * load) and only files no other parser accepts need it. The Action's bundle swaps this module for
 * a lazily evaluated bundled require (src/action/build.ts).
 */
export function loadFlowRemoveTypes(): RemoveTypes {
  return (removeTypes ??= createRequire(import.meta.url)('flow-remove-types') as RemoveTypes);
}
