import { describe, expect, it } from 'vitest';
import { attributeAt } from '../../../src/sast/taint/attribute-context.ts';

describe('attributeAt', () => {
  it('names the attribute of a quoted, single-quoted or unquoted value, and whether it is empty', () => {
    expect(attributeAt('<a href="')).toEqual({ name: 'href', empty: true });
    expect(attributeAt("<img class='a' alt='photo of ")).toEqual({ name: 'alt', empty: false });
    expect(attributeAt('<img alt=')).toEqual({ name: 'alt', empty: true });
    expect(attributeAt('<img alt= ')).toEqual({ name: 'alt', empty: true });
    expect(attributeAt('<a title="x" data-id=user-')).toEqual({ name: 'data-id', empty: false });
    expect(attributeAt('<a HREF="/users/')).toEqual({ name: 'href', empty: false });
  });

  it('is outside: text, a closed value, between attributes, no tag', () => {
    expect(attributeAt('<p>')).toBeUndefined();
    expect(attributeAt('<p title="a">hello ')).toBeUndefined();
    expect(attributeAt('<a href="/u" ')).toBeUndefined();
    expect(attributeAt('<input disabled ')).toBeUndefined();
    expect(attributeAt('plain = text "')).toBeUndefined();
  });

  it('reads a huge hostile tag in one pass', () => {
    const text = `<a ${'="'.repeat(200_000)}`;
    const started = process.hrtime.bigint();
    attributeAt(text);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });
});
