import { createRequire } from 'node:module';
import type * as Estree from '@typescript-eslint/typescript-estree';

let estree: typeof Estree | undefined;

/**
 * typescript-estree, loaded on first use: it brings the TypeScript compiler (9 MB of JavaScript,
 * 0.15–0.3 s to load per thread), and with Oxc parsing most scans never need it. The Action's
 * bundle has no node_modules to load from: src/action/build.ts swaps this module for a static
 * import there.
 */
export function loadEstree(): typeof Estree {
  return (estree ??= createRequire(import.meta.url)('@typescript-eslint/typescript-estree') as typeof Estree);
}
