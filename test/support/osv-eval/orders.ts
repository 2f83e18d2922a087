/**
 * Version orders for the OSV stand-in, written from the specifications and sharing no code with
 * vigil's src/sca/versions, so a test that compares vigil with the stand-in compares two
 * implementations. Each order throws a `VersionSyntaxError` on a version it cannot read instead
 * of guessing: a stand-in that cannot answer must fail the test, not answer "not affected".
 */

export class VersionSyntaxError extends Error {
  constructor(order: string, version: string, why: string) {
    super(`${order}: cannot read version ${JSON.stringify(version)}: ${why}`);
    this.name = 'VersionSyntaxError';
  }
}

export type Order = (a: string, b: string) => number;

const DIGITS = /^[0-9]+$/;
const IDENTIFIER = /^[0-9A-Za-z-]+$/;

function compareDigits(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

interface SemVer {
  core: [string, string, string];
  pre: string[];
}

/**
 * SemVer 2.0.0 §2, §9, §10: MAJOR.MINOR.PATCH, optional `-pre.release` and `+build`. Read the
 * way OSV.dev reads SEMVER data (its semver_index `coerce`): a leading `v` is dropped, a missing
 * minor or patch counts as 0 (real records say `introduced: "1.0"`), leading zeros of numbers do
 * not count. Anything else outside the grammar is refused.
 */
function readSemver(input: string, order: string): SemVer {
  const version = input.startsWith('v') ? input.slice(1) : input;
  const plus = version.indexOf('+');
  const withoutBuild = plus === -1 ? version : version.slice(0, plus);
  if (
    plus !== -1 &&
    !version
      .slice(plus + 1)
      .split('.')
      .every((id) => IDENTIFIER.test(id))
  )
    throw new VersionSyntaxError(order, input, 'bad build metadata');
  const dash = withoutBuild.indexOf('-');
  const core = (dash === -1 ? withoutBuild : withoutBuild.slice(0, dash)).split('.');
  if (core.length > 3 || !core.every((n) => DIGITS.test(n)))
    throw new VersionSyntaxError(order, input, 'the core must be MAJOR[.MINOR[.PATCH]] in digits');
  while (core.length < 3) core.push('0');
  const pre = dash === -1 ? [] : withoutBuild.slice(dash + 1).split('.');
  for (const id of pre) {
    if (!IDENTIFIER.test(id))
      throw new VersionSyntaxError(order, input, `bad prerelease identifier ${JSON.stringify(id)}`);
  }
  return { core: core as SemVer['core'], pre };
}

/** SemVer 2.0.0 §11 precedence. */
function semverPrecedence(a: SemVer, b: SemVer): number {
  for (let i = 0; i < 3; i++) {
    const c = compareDigits(a.core[i]!, b.core[i]!);
    if (c !== 0) return c;
  }
  // §11.3: a version without prerelease outranks one with
  if (a.pre.length === 0 || b.pre.length === 0) return Math.sign(b.pre.length - a.pre.length);
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i]!;
    const y = b.pre[i]!;
    const xNum = DIGITS.test(x);
    const yNum = DIGITS.test(y);
    if (xNum && yNum) {
      const c = compareDigits(x, y);
      if (c !== 0) return c;
    } else if (xNum !== yNum) {
      return xNum ? -1 : 1; // §11.4.3: numeric identifiers sort below alphanumeric ones
    } else if (x !== y) {
      return x < y ? -1 : 1; // §11.4.2: ASCII order
    }
  }
  return Math.sign(a.pre.length - b.pre.length); // §11.4.4: more fields rank higher
}

/** SemVer precedence; also Go's order (module versions are SemVer with a `v`, OSV's Go records drop it). */
export const semver: Order = (a, b) => semverPrecedence(readSemver(a, 'SemVer'), readSemver(b, 'SemVer'));

// ---------------------------------------------------------------------------------------------
// PEP 440 (the PyPI order), normalised per the spec's "Normalization" section.

interface Pep440 {
  epoch: bigint;
  release: bigint[];
  pre?: [number, bigint]; // a=0, b=1, rc=2
  post?: bigint;
  dev?: bigint;
  local: Array<bigint | string>;
}

const PRE_TAGS: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

/**
 * Reads a PEP 440 version by scanning, not one big pattern: each part is tried in the spec's
 * order (epoch, release, pre, post, dev, local) with the separators it allows.
 */
function readPep440(input: string): Pep440 {
  const fail = (why: string): never => {
    throw new VersionSyntaxError('PEP 440', input, why);
  };
  let s = input.trim().toLowerCase();
  if (s.startsWith('v')) s = s.slice(1);
  let local: Array<bigint | string> = [];
  const plus = s.indexOf('+');
  if (plus !== -1) {
    const parts = s.slice(plus + 1).split(/[._-]/);
    if (!parts.every((p) => /^[a-z0-9]+$/.test(p))) fail('bad local version label');
    local = parts.map((p) => (DIGITS.test(p) ? BigInt(p) : p));
    s = s.slice(0, plus);
  }
  let epoch = 0n;
  const bang = s.indexOf('!');
  if (bang !== -1) {
    const e = s.slice(0, bang);
    if (!DIGITS.test(e)) fail('bad epoch');
    epoch = BigInt(e);
    s = s.slice(bang + 1);
  }
  const releaseMatch = /^[0-9]+(?:\.[0-9]+)*/.exec(s);
  if (!releaseMatch) fail('no release number');
  const release = releaseMatch![0].split('.').map(BigInt);
  s = s.slice(releaseMatch![0].length);
  const result: Pep440 = { epoch, release, local };
  // pre: [-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?N?
  const pre = /^[-_.]?(alpha|beta|preview|pre|rc|a|b|c)[-_.]?([0-9]*)/.exec(s);
  if (pre) {
    result.pre = [PRE_TAGS[pre[1]!]!, BigInt(pre[2] || '0')];
    s = s.slice(pre[0].length);
  }
  // post: -N, or [-_.]?(post|rev|r)[-_.]?N?
  const post = /^(?:-([0-9]+)|[-_.]?(?:post|rev|r)[-_.]?([0-9]*))/.exec(s);
  if (post) {
    result.post = BigInt(post[1] ?? (post[2] || '0'));
    s = s.slice(post[0].length);
  }
  const dev = /^[-_.]?dev[-_.]?([0-9]*)/.exec(s);
  if (dev) {
    result.dev = BigInt(dev[1] || '0');
    s = s.slice(dev[0].length);
  }
  if (s !== '') fail(`unexpected ${JSON.stringify(s)}`);
  return result;
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lists of numbers compared with trailing zeros ignored (PEP 440: 1.0 == 1.0.0). */
function compareRelease(a: bigint[], b: bigint[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = compareBig(a[i] ?? 0n, b[i] ?? 0n);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * PEP 440 "Summary of permitted suffixes and relative ordering": within a release,
 * `.devN` < `aN` < `bN` < `rcN` < (final) < `.postN`; a pre-release's own `.devN` sorts before it,
 * and a post-release's `.devN` before that post-release.
 */
function comparePep440(x: Pep440, y: Pep440): number {
  let c = compareBig(x.epoch, y.epoch) || compareRelease(x.release, y.release);
  if (c !== 0) return c;
  // the pre-release slot: a bare `.devN` of the final release sorts below every pre-release
  const preKey = (v: Pep440): [number, bigint] =>
    v.pre ?? (v.dev !== undefined && v.post === undefined ? [-1, 0n] : [3, 0n]);
  const [px, pxn] = preKey(x);
  const [py, pyn] = preKey(y);
  c = px - py || compareBig(pxn, pyn);
  if (c !== 0) return Math.sign(c);
  const postKey = (v: Pep440) => (v.post === undefined ? -1n : v.post);
  c = compareBig(postKey(x), postKey(y));
  if (c !== 0) return c;
  // no `.dev` sorts above any `.devN`
  if (x.dev === undefined || y.dev === undefined) {
    if (x.dev !== y.dev) return x.dev === undefined ? 1 : -1;
  } else {
    c = compareBig(x.dev, y.dev);
    if (c !== 0) return c;
  }
  return compareLocal(x.local, y.local);
}

/** PEP 440 local versions: more segments win on a tie; numbers above strings, strings in ASCII order. */
function compareLocal(a: Array<bigint | string>, b: Array<bigint | string>): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (typeof x !== typeof y) return typeof x === 'bigint' ? 1 : -1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return Math.sign(a.length - b.length);
}

export const pep440: Order = (a, b) => comparePep440(readPep440(a), readPep440(b));

// ---------------------------------------------------------------------------------------------
// RubyGems: Gem::Version's documented order.

/**
 * Gem::Version: a version is a run of dot-separated segments of digits or letters; `-` stands for
 * `.pre.`; a segment holding a letter makes it a prerelease. Segments compare pairwise, a missing
 * one counting as 0; letters sort below numbers; trailing zeros of the release part and of the
 * prerelease part do not count (`1.0` == `1`, `1.0.a` == `1.a`).
 */
function readGem(input: string): Array<bigint | string> {
  const text = input.trim();
  if (!/^[0-9]+(?:[.-][0-9A-Za-z]+)*$/.test(text))
    throw new VersionSyntaxError('RubyGems', input, 'not a gem version');
  const parts: Array<bigint | string> = [];
  for (const piece of text.replaceAll('-', '.pre.').split('.')) {
    // digits and letters within one dot-piece are separate segments (`1.0a1` = 1, 0, a, 1)
    for (const m of piece.matchAll(/[0-9]+|[A-Za-z]+/g)) parts.push(DIGITS.test(m[0]) ? BigInt(m[0]) : m[0]);
  }
  const firstLetter = parts.findIndex((p) => typeof p === 'string');
  const release = firstLetter === -1 ? parts : parts.slice(0, firstLetter);
  const pre = firstLetter === -1 ? [] : parts.slice(firstLetter);
  const dropZeros = (list: Array<bigint | string>) => {
    let end = list.length;
    while (end > 0 && list[end - 1] === 0n) end--;
    return list.slice(0, end);
  };
  return [...dropZeros(release), ...dropZeros(pre)];
}

export const gem: Order = (a, b) => {
  const x = readGem(a);
  const y = readGem(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const l = x[i] ?? 0n;
    const r = y[i] ?? 0n;
    if (l === r) continue;
    if (typeof l !== typeof r) return typeof l === 'string' ? -1 : 1;
    return l < r ? -1 : 1;
  }
  return 0;
};

/**
 * The `ECOSYSTEM` order of each ecosystem the stand-in can evaluate. npm and crates.io publish
 * SemVer 2.0 versions; Go module versions are SemVer with a `v`.
 */
export const ECOSYSTEM_ORDERS: Record<string, Order> = {
  npm: semver,
  'crates.io': semver,
  Go: semver,
  PyPI: pep440,
  RubyGems: gem,
};
