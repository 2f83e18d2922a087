import type { VersionScheme } from '../types.ts';

/**
 * RubyGems' Gem::Version order: segments split at dots and at digit/letter boundaries; a
 * letter segment marks a prerelease (`1.0.a` < `1.0`), `-` reads as `.pre.`, trailing zero
 * segments do not count (`1.0` = `1`), and any number of segments is allowed (`6.1.7.3`).
 */
// Gem::Version's pattern, tested on the trimmed text: Ruby's anchored `\s*(…)?\s*$` lets two runs
// of spaces share the input and backtracks quadratically on `'   …!'`; `trim` strips what `\s` matches.
const VALID = /^[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

type Segment = number | string;

function segments(version: string): Segment[] {
  const text = version.trim().replace(/-/g, '.pre.');
  const raw: Segment[] = (text.match(/[0-9]+|[a-z]+/gi) ?? []).map((s) => (/^\d/.test(s) ? Number(s) : s));
  // Gem::Version#canonical_segments: strip trailing zeros of the release and prerelease parts.
  const firstString = raw.findIndex((s) => typeof s === 'string');
  const release = firstString === -1 ? raw : raw.slice(0, firstString);
  const pre = firstString === -1 ? [] : raw.slice(firstString);
  const trim = (list: Segment[]) => {
    let end = list.length;
    while (end > 0 && list[end - 1] === 0) end--;
    return list.slice(0, end);
  };
  return [...trim(release), ...trim(pre)];
}

export function compareGem(a: string, b: string): number {
  const sa = segments(a);
  const sb = segments(b);
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const l = sa[i] ?? 0;
    const r = sb[i] ?? 0;
    if (l === r) continue;
    if (typeof l === 'string' && typeof r === 'number') return -1;
    if (typeof l === 'number' && typeof r === 'string') return 1;
    return l < r ? -1 : 1;
  }
  return 0;
}

export const rubygems: VersionScheme = {
  compare: compareGem,
  isValid: (v) => VALID.test(v.trim()),
};
