import type { VersionScheme } from '../types.ts';
import { compareDigits } from './dpkg.ts';

/**
 * Alpine (and Wolfi) version order, as apk-tools' version.c defines it for
 * `digit{.digit}...{letter}{_suf{#}}...{~hash}{-r#}`: components compare token by token;
 * a number with a leading zero compares as a string (Gentoo's rule); suffixes rank
 * alpha < beta < pre < rc < (none) < cvs < svn < git < hg < p; when one version runs out
 * first, it is older, unless the other continues with a pre-release suffix.
 */
const enum_ = {
  initialDigit: 0,
  digit: 1,
  letter: 2,
  suffix: 3,
  suffixNo: 4,
  commitHash: 5,
  revisionNo: 6,
  end: 7,
  invalid: 8,
} as const;
type TokenKind = (typeof enum_)[keyof typeof enum_];

const SUFFIXES = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p'];
const SUFFIX_NONE = SUFFIXES.indexOf('');

interface Token {
  kind: TokenKind;
  value: string;
  suffix: number;
}

class Tokenizer {
  private pos = 0;
  private readonly s: string;
  token: Token;
  constructor(s: string) {
    this.s = s;
    this.token = { kind: enum_.initialDigit, value: '', suffix: -1 };
    this.digits(enum_.initialDigit);
  }

  private digits(kind: TokenKind) {
    const start = this.pos;
    while (this.pos < this.s.length && this.s[this.pos]! >= '0' && this.s[this.pos]! <= '9') this.pos++;
    const value = this.s.slice(start, this.pos);
    this.token = { kind: value ? kind : enum_.invalid, value, suffix: -1 };
  }

  next(): void {
    const s = this.s;
    const prev = this.token.kind;
    if (this.pos >= s.length) {
      this.token = { kind: enum_.end, value: '', suffix: -1 };
      return;
    }
    const c = s[this.pos]!;
    const invalid = () => (this.token = { kind: enum_.invalid, value: '', suffix: -1 });
    if (c >= 'a' && c <= 'z') {
      if (prev > enum_.digit) return void invalid();
      this.pos++;
      this.token = { kind: enum_.letter, value: c, suffix: -1 };
    } else if (c === '.' || (c >= '0' && c <= '9')) {
      if (c === '.') {
        if (prev > enum_.digit) return void invalid();
        this.pos++;
      }
      if (prev === enum_.initialDigit || prev === enum_.digit) this.digits(enum_.digit);
      else if (prev === enum_.suffix) this.digits(enum_.suffixNo);
      else invalid();
    } else if (c === '_') {
      if (prev > enum_.suffixNo) return void invalid();
      const start = ++this.pos;
      while (this.pos < s.length && s[this.pos]! >= 'a' && s[this.pos]! <= 'z') this.pos++;
      const value = s.slice(start, this.pos);
      const suffix = value ? SUFFIXES.indexOf(value) : -1;
      if (suffix < 0 || suffix === SUFFIX_NONE) return void invalid();
      this.token = { kind: enum_.suffix, value, suffix };
    } else if (c === '~') {
      if (prev >= enum_.commitHash) return void invalid();
      const start = ++this.pos;
      while (this.pos < s.length && /[0-9a-f]/.test(s[this.pos]!)) this.pos++;
      const value = s.slice(start, this.pos);
      if (!value) return void invalid();
      this.token = { kind: enum_.commitHash, value, suffix: -1 };
    } else if (c === '-') {
      if (prev >= enum_.revisionNo || s[this.pos + 1] !== 'r') return void invalid();
      this.pos += 2;
      this.digits(enum_.revisionNo);
    } else invalid();
  }
}

function stringSort(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function tokenCompare(a: Token, b: Token): number {
  switch (a.kind) {
    case enum_.digit:
      if (a.value[0] === '0' || b.value[0] === '0') return stringSort(a.value, b.value);
      return compareDigits(a.value, b.value);
    case enum_.initialDigit:
    case enum_.suffixNo:
    case enum_.revisionNo:
      return compareDigits(a.value, b.value);
    case enum_.letter:
      return stringSort(a.value, b.value);
    case enum_.suffix:
      return a.suffix - b.suffix;
    default:
      return stringSort(a.value, b.value);
  }
}

export function compareApk(a: string, b: string): number {
  const ta = new Tokenizer(a);
  const tb = new Tokenizer(b);
  while (ta.token.kind === tb.token.kind && ta.token.kind < enum_.end) {
    const r = tokenCompare(ta.token, tb.token);
    if (r) return Math.sign(r);
    ta.next();
    tb.next();
  }
  const ka = ta.token;
  const kb = tb.token;
  if (ka.kind === kb.kind) return 0;
  if (ka.kind === enum_.suffix && ka.suffix < SUFFIX_NONE) return -1;
  if (kb.kind === enum_.suffix && kb.suffix < SUFFIX_NONE) return 1;
  return ka.kind > kb.kind ? -1 : 1;
}

export function isValidApk(version: string): boolean {
  const t = new Tokenizer(version);
  while (t.token.kind < enum_.end) t.next();
  return t.token.kind === enum_.end;
}

export const apk: VersionScheme = { compare: compareApk, isValid: isValidApk };
