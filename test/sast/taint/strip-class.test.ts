import { describe, expect, it } from 'vitest';
import { stripClassFlags } from '../../../src/sast/taint/strip-class.ts';

describe('stripClassFlags', () => {
  it('clears every injection when only letters and digits are kept', () => {
    expect(stripClassFlags('[^a-z0-9]', 'gi', '').sort()).toEqual(
      ['crlf', 'html', 'path', 'regex', 'shell', 'sql', 'url', 'word'].sort(),
    );
  });

  it('keeps the flags the kept characters allow', () => {
    // `.` and `/` kept: a path can climb, a regex can match anything.
    const flags = stripClassFlags('[^\\w./-]+', 'g', '_');
    expect(flags).toContain('shell');
    expect(flags).toContain('html');
    expect(flags).not.toContain('path');
    expect(flags).not.toContain('regex');
    // A space kept: no SQL and no shell.
    expect(stripClassFlags('[^a-z ]', 'g', '')).not.toContain('sql');
    expect(stripClassFlags('[^a-z\\s]', 'g', '')).not.toContain('shell');
  });

  it('counts the replacement among the kept characters', () => {
    expect(stripClassFlags('[^a-z]', 'g', '<')).not.toContain('html');
  });

  it('marks digits-only text numeric', () => {
    expect(stripClassFlags('[^0-9]', 'g', '')).toContain('numeric');
    expect(stripClassFlags('[^\\d]', 'g', '')).toContain('numeric');
  });

  it('says nothing of a replace that is not global, not one negated class, or unreadable', () => {
    expect(stripClassFlags('[^a-z]', 'i', '')).toEqual([]);
    expect(stripClassFlags('[a-z]', 'g', '')).toEqual([]);
    expect(stripClassFlags('[^a-z]|x', 'g', '')).toEqual([]);
    expect(stripClassFlags('[^\\u0041-\\u005a]', 'g', '')).toEqual([]);
    expect(stripClassFlags('[^z-a]', 'g', '')).toEqual([]);
    // A class keeping non-ASCII or control characters keeps nothing safe.
    expect(stripClassFlags('[^a-z\u00e9]', 'g', '')).toEqual([]);
    expect(stripClassFlags('[^\\x00-\\x7f]', 'g', '')).toEqual([]);
  });

  it('reads letters and digits of any script (`\\p{Letter}` with `u`) as no quote, space or slash', () => {
    expect(stripClassFlags('[^\\p{Letter}_0-9]*', 'gu', '').sort()).toEqual(
      ['crlf', 'html', 'path', 'regex', 'shell', 'sql', 'url'].sort(),
    );
    expect(stripClassFlags('[^\\p{L}\\p{N} ]', 'gu', '')).not.toContain('sql');
    // Not a word or a number: other scripts' letters and digits are neither.
    expect(stripClassFlags('[^\\p{Nd}]', 'gu', '')).not.toContain('numeric');
    // Without `u`, `\p` is a `p`; other properties (`\p{P}`, punctuation) say nothing.
    expect(stripClassFlags('[^\\p{L}]', 'g', '')).toEqual([]);
    expect(stripClassFlags('[^\\p{L}\\p{P}]', 'gu', '')).toEqual([]);
  });

  it('reads a huge class in linear time', () => {
    const body = 'a-z'.repeat(200_000);
    const start = performance.now();
    expect(stripClassFlags(`[^${body}]`, 'g', '')).toContain('sql');
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});
