import type { VersionScheme } from '../types.ts';

/**
 * Debian version order, Debian Policy §5.6.12: `[epoch:]upstream[-revision]`. Epochs compare as
 * integers; upstream and revision each compare by alternating runs of non-digits (character
 * by character, letters before non-letters, `~` before everything, even the end of the string)
 * and digits (as integers).
 */
export interface DpkgVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

const VALID = /^(?:(\d+):)?([0-9][A-Za-z0-9.+~:-]*?)(?:-([A-Za-z0-9.+~]+))?$/;

export function parseDpkgVersion(version: string): DpkgVersion {
  const v = version.trim();
  const colon = v.indexOf(':');
  const hasEpoch = colon > 0 && /^\d+$/.test(v.slice(0, colon));
  const epoch = hasEpoch ? v.slice(0, colon) : '0';
  const rest = hasEpoch ? v.slice(colon + 1) : v;
  const dash = rest.lastIndexOf('-');
  return dash < 0
    ? { epoch, upstream: rest, revision: '' }
    : { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) };
}

function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  const code = c.charCodeAt(0);
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return code;
  return code + 256;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** Compare two decimal digit strings as integers without overflow. */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** dpkg's verrevcmp over one part (upstream or revision). */
export function compareDpkgPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const ac = isDigit(a[i]) ? 0 : order(a[i]);
      const bc = isDigit(b[j]) ? 0 : order(b[j]);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    let x = i;
    while (isDigit(a[x])) x++;
    let y = j;
    while (isDigit(b[y])) y++;
    const diff = compareDigits(a.slice(i, x) || '0', b.slice(j, y) || '0');
    if (diff) return diff;
    i = x;
    j = y;
  }
  return 0;
}

export function compareDpkg(a: string, b: string): number {
  const pa = parseDpkgVersion(a);
  const pb = parseDpkgVersion(b);
  return (
    compareDigits(pa.epoch, pb.epoch) ||
    compareDpkgPart(pa.upstream, pb.upstream) ||
    compareDpkgPart(pa.revision, pb.revision)
  );
}

export const dpkg: VersionScheme = {
  compare: (a, b) => Math.sign(compareDpkg(a, b)),
  isValid: (v) => VALID.test(v),
};
