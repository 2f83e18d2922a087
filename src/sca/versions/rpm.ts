import type { VersionScheme } from '../types.ts';
import { compareDigits } from './dpkg.ts';

/**
 * RPM version order: epoch (absent = 0), then version, then release, each compared by rpm's
 * rpmvercmp — runs of digits (as integers) and of letters (as strings), other characters only
 * separate; a digit run is newer than a letter run; `~` sorts before anything (pre-releases),
 * `^` after the end but before anything else (snapshots).
 */
const isAlnum = (c: string) => /[A-Za-z0-9]/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]!) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j]!) && b[j] !== '~' && b[j] !== '^') j++;
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (!(i < a.length && j < b.length)) break;
    const numeric = isDigit(a[i]);
    const test = numeric ? isDigit : isAlpha;
    let x = i;
    while (test(a[x])) x++;
    let y = j;
    while (test(b[y])) y++;
    const sa = a.slice(i, x);
    const sb = b.slice(j, y);
    if (sa === '') return -1; // cannot happen: a[i] started this run
    if (sb === '') return numeric ? 1 : -1;
    const r = numeric ? compareDigits(sa, sb) : sa < sb ? -1 : sa > sb ? 1 : 0;
    if (r) return Math.sign(r);
    i = x;
    j = y;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i < a.length ? 1 : -1;
}

export interface Evr {
  epoch: string;
  version: string;
  release: string;
}

/** `[epoch:]version[-release]`; the release is what follows the last hyphen. */
export function parseEvr(evr: string): Evr {
  const colon = evr.indexOf(':');
  const epoch = colon > 0 && /^\d+$/.test(evr.slice(0, colon)) ? evr.slice(0, colon) : '0';
  const rest = colon > 0 ? evr.slice(colon + 1) : evr;
  const dash = rest.lastIndexOf('-');
  return dash < 0
    ? { epoch, version: rest, release: '' }
    : { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) };
}

export function compareRpm(a: string, b: string): number {
  const pa = parseEvr(a);
  const pb = parseEvr(b);
  const e = compareDigits(pa.epoch, pb.epoch);
  if (e) return Math.sign(e);
  const v = rpmvercmp(pa.version, pb.version);
  if (v) return v;
  return rpmvercmp(pa.release, pb.release);
}

export const rpm: VersionScheme = {
  compare: compareRpm,
  isValid: (v) => /^(\d+:)?[A-Za-z0-9._+~^]+(-[A-Za-z0-9._+~^]+)?$/.test(v),
};
