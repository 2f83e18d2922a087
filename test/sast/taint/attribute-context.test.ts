import { describe, expect, it } from 'vitest';
import { endsInAttributeValue } from '../../../src/sast/taint/attribute-context.ts';

describe('endsInAttributeValue', () => {
  it('is inside a quoted, single-quoted or unquoted value', () => {
    expect(endsInAttributeValue('<a href="')).toBe(true);
    expect(endsInAttributeValue("<img class='a' alt='photo of ")).toBe(true);
    expect(endsInAttributeValue('<img alt=')).toBe(true);
    expect(endsInAttributeValue('<img alt= ')).toBe(true);
    expect(endsInAttributeValue('<a title="x" data-id=user-')).toBe(true);
  });

  it('is outside: text, a closed value, between attributes, no tag', () => {
    expect(endsInAttributeValue('<p>')).toBe(false);
    expect(endsInAttributeValue('<p title="a">hello ')).toBe(false);
    expect(endsInAttributeValue('<a href="/u" ')).toBe(false);
    expect(endsInAttributeValue('<input disabled ')).toBe(false);
    expect(endsInAttributeValue('plain = text "')).toBe(false);
  });

  it('reads a huge hostile tag in one pass', () => {
    const text = `<a ${'="'.repeat(200_000)}`;
    const started = process.hrtime.bigint();
    endsInAttributeValue(text);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });
});
