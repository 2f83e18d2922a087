import type { VersionScheme } from '../types.ts';

/**
 * Packagist (Composer) order, which follows PHP's `version_compare`: a leading `v` is dropped,
 * `-`, `_` and `+` separate like dots, digits and letters split into parts, and the special
 * words rank `dev` < `alpha`/`a` < `beta`/`b` < `RC`/`rc` < a number < `pl`/`p`; unknown words
 * rank below `dev`. Where one version runs out, it loses to a further number (`1.0` < `1.0.1`)
 * and reads as `#` against a further word (`1.0` > `1.0rc1`).
 */
const SPECIAL: Record<string, number> = {
  dev: 0,
  alpha: 1,
  a: 1,
  beta: 2,
  b: 2,
  rc: 3,
  '#': 4,
  pl: 5,
  p: 5,
};

/**
 * A digit, then alphanumeric runs joined by single separators (`v1.0.0-beta2`, `2.1_p1`). Every
 * run after the first starts with a separator, so each character has one way to match: the test
 * is linear (an optional separator inside a starred group, `(?:[.\-_+]?[0-9A-Za-z]+)*`, backtracks
 * exponentially on `1aaaa…!`).
 */
const VALID = /^[vV]?\d[0-9A-Za-z]*(?:[.\-_+][0-9A-Za-z]+)*$/;

function canonical(version: string): string[] {
  const text = version
    .trim()
    .replace(/^[vV]/, '')
    .replace(/[-_+]/g, '.')
    .replace(/(\d)(?=[^\d.])|([^\d.])(?=\d)/g, '$1$2.');
  return text.split('.').filter((p) => p !== '');
}

function rankWord(part: string): number {
  return SPECIAL[part.toLowerCase()] ?? -1;
}

function comparePart(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const ra = an ? SPECIAL['#']! : rankWord(a);
  const rb = bn ? SPECIAL['#']! : rankWord(b);
  return Math.sign(ra - rb);
}

export function comparePackagist(a: string, b: string): number {
  const pa = canonical(a);
  const pb = canonical(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    // a missing part loses to a number and reads as `#` against a word
    if (x === undefined) return /^\d+$/.test(y!) ? -1 : comparePart('#', y!);
    if (y === undefined) return /^\d+$/.test(x) ? 1 : comparePart(x, '#');
    const c = comparePart(x, y);
    if (c) return c;
  }
  return 0;
}

export const packagist: VersionScheme = {
  compare: comparePackagist,
  isValid: (v) => VALID.test(v.trim()),
};
