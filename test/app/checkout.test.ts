import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CheckoutError,
  DEFAULT_LIMITS,
  entryPath,
  unpackTarball,
  type CheckoutLimits,
} from '../../src/app/checkout.ts';
import { tarball, type TarEntry } from './support/fixtures.ts';

let parent: string;
let dir: string;

beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'vigil-checkout-test-'));
  dir = join(parent, 'tree');
  mkdirSync(dir);
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

const T = 'acme-web-1234567';
const unpack = async (entries: TarEntry[] | Buffer, limits: Partial<CheckoutLimits> = {}) =>
  unpackTarball(Readable.from([Buffer.isBuffer(entries) ? entries : await tarball(entries)]), dir, {
    ...DEFAULT_LIMITS,
    ...limits,
  });

describe('entryPath', () => {
  it("strips GitHub's top folder and normalises", () => {
    expect(entryPath(`${T}/`)).toBe('');
    expect(entryPath(`${T}/src/./a.js`)).toBe('src/a.js');
  });
  it.each([
    [`${T}/../../etc/passwd`, 'path traversal'],
    ['/etc/passwd', 'absolute path'],
    ['C:/x', 'absolute path'],
    [`${T}\\..\\x`, 'absolute path'],
    [`${T}/a\0b`, 'NUL byte'],
  ])('refuses %j (%s)', (name, why) => {
    expect(() => entryPath(name)).toThrow(CheckoutError);
    expect(() => entryPath(name)).toThrow(why);
  });
});

describe('unpackTarball', () => {
  it('unpacks files and folders without the top folder, never executable', async () => {
    const notes = await unpack([
      { name: `${T}/`, type: 'directory' },
      { name: `${T}/src/`, type: 'directory' },
      { name: `${T}/src/a.js`, content: 'a\n' },
      { name: `${T}/README.md`, content: '# r\n' },
    ]);
    expect(notes).toEqual([]);
    expect(readFileSync(join(dir, 'src/a.js'), 'utf8')).toBe('a\n');
    expect(lstatSync(join(dir, 'src/a.js')).mode & 0o111).toBe(0);
  });

  it('refuses path traversal before writing anything outside', async () => {
    const name = `escape-${process.pid}.txt`;
    await expect(
      unpack([{ name: `${T}/ok.js` }, { name: `${T}/../../${name}`, content: 'x' }]),
    ).rejects.toThrow(/unsafe entry .* \(path traversal\)/);
    expect(existsSync(join(parent, name))).toBe(false);
    expect(existsSync(join(parent, '..', name))).toBe(false);
  });

  it('keeps links inside the tree and leaves out links that point outside, directly or through other links', async () => {
    const notes = await unpack([
      { name: `${T}/lib/real.js`, content: 'x' },
      { name: `${T}/inside`, type: 'symlink', linkname: 'lib/real.js' },
      { name: `${T}/abs`, type: 'symlink', linkname: '/etc/passwd' },
      { name: `${T}/up`, type: 'symlink', linkname: '../../etc' },
      // Each lexically inside, together outside: s → ".", e → "s/.." (the parent of the tree).
      { name: `${T}/e`, type: 'symlink', linkname: 's/..' },
      { name: `${T}/s`, type: 'symlink', linkname: '.' },
      { name: `${T}/e/evil/x`, type: 'symlink', linkname: 'y' },
      { name: `${T}/hard`, type: 'link', linkname: `${T}/lib/real.js` },
    ]);
    expect(readlinkSync(join(dir, 'inside'))).toBe('lib/real.js');
    expect(readFileSync(join(dir, 'hard'), 'utf8')).toBe('x');
    for (const gone of ['abs', 'up', 'e']) expect(existsSync(join(dir, gone))).toBe(false);
    expect(existsSync(join(parent, 'evil'))).toBe(false);
    expect(notes[0]).toMatch(/^\d+ links pointing outside the repository \(or nowhere\) left out\.$/);
  });

  it('bounds entries, total size and file size', async () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ name: `${T}/f${i}`, content: 'x' }));
    await expect(unpack(many, { maxEntries: 10 })).rejects.toThrow('more than 10 entries');
    const big = [
      { name: `${T}/a`, content: 'x'.repeat(600) },
      { name: `${T}/b`, content: 'x'.repeat(600) },
    ];
    await expect(unpack(big, { maxBytes: 1000 })).rejects.toThrow('more than 1000 bytes');
    const notes = await unpack(
      [
        { name: `${T}/huge`, content: 'x'.repeat(5000) },
        { name: `${T}/ok`, content: 'y' },
      ],
      {
        maxFileBytes: 1000,
      },
    );
    expect(existsSync(join(dir, 'huge'))).toBe(false);
    expect(notes).toEqual(['1 file over 1000 bytes left out.']);
  });

  it('bounds the download and refuses what is not gzip', async () => {
    const payload = gzipSync(Buffer.alloc(200_000, 1));
    await expect(unpack(payload, { maxCompressedBytes: 100 })).rejects.toThrow('larger than 100 bytes');
    await expect(unpack(Buffer.from('not a tarball at all'))).rejects.toThrow(/not valid gzip/);
  });

  it('a truncated tarball is an error, not a partial scan', async () => {
    const whole = await tarball([{ name: `${T}/a.js`, content: 'x'.repeat(10_000) }]);
    await expect(unpack(whole.subarray(0, whole.length - 40))).rejects.toThrow(CheckoutError);
  });
});
