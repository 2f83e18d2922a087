import { describe, expect, it } from 'vitest';
import { lineStarts, offsetLocator } from '../../src/sast/source-text.ts';

describe('lineStarts', () => {
  it("counts ECMAScript's line breaks: \\r\\n once, lone \\r, \\n, U+2028 and U+2029", () => {
    expect(lineStarts('a\r\nb\rc\nd\u2028e\u2029f')).toEqual([0, 3, 5, 7, 9, 11]);
  });

  it('has one line for text without a break, and a last empty line after a final break', () => {
    expect(lineStarts('')).toEqual([0]);
    expect(lineStarts('abc')).toEqual([0]);
    expect(lineStarts('abc\n')).toEqual([0, 4]);
    expect(lineStarts('\r\n\r\n')).toEqual([0, 2, 4]);
  });

  it('gives 1-based lines and columns through offsetLocator', () => {
    const locate = offsetLocator('let a;\r\nlet b;\rx');
    expect(locate(0)).toEqual({ line: 1, column: 1 });
    expect(locate(8)).toEqual({ line: 2, column: 1 });
    expect(locate(12)).toEqual({ line: 2, column: 5 });
    expect(locate(15)).toEqual({ line: 3, column: 1 });
  });
});
