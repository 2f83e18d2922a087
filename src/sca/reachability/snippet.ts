import { offsetLocator } from '../../sast/source-text.ts';

/** Longest evidence snippet kept: a minified line would otherwise fill a report. */
const MAX_SNIPPET = 160;

/** Line numbers and trimmed line texts of offsets in one text, lines counted once. */
export function lineReader(text: string): { line(offset: number): number; snippet(line: number): string } {
  const locate = offsetLocator(text);
  let lines: string[] | undefined;
  return {
    line: (offset) => locate(offset).line,
    snippet(line) {
      lines ??= text.split(/\r\n?|[\n\u2028\u2029]/);
      const raw = (lines[line - 1] ?? '').trim();
      return raw.length > MAX_SNIPPET ? `${raw.slice(0, MAX_SNIPPET - 1)}…` : raw;
    },
  };
}
