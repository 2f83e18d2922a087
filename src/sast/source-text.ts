import type { Diagnostic } from '../core/finding.ts';

/** Characters inspected for a NUL to tell a binary file that merely has a source extension. */
const BINARY_PROBE = 8192;

export function isBinaryText(text: string): boolean {
  return text.slice(0, BINARY_PROBE).includes('\u0000');
}

/** The note for a file left out because it is binary. */
export function binaryNote(path: string): Diagnostic {
  return { level: 'note', source: 'sast', path, message: 'skipped: binary content' };
}

/** The error for a file that could not be read. */
export function unreadable(path: string, error: unknown): Diagnostic {
  const e = error as NodeJS.ErrnoException;
  return { level: 'error', source: 'sast', path, message: `cannot read: ${e.code ?? e.message}` };
}

/**
 * 1-based line and column of every offset, lines counted in one pass over the text. Line breaks
 * are ECMAScript's (\r\n, \n, \r, U+2028, U+2029), as ESLint and TypeScript count them: a
 * finding's line is the same from the CLI and from the editor.
 */
export function offsetLocator(text: string): (offset: number) => { line: number; column: number } {
  return locatorOf(lineStarts(text));
}

/** offsetLocator over line starts already counted (lineStarts). */
export function locatorOf(starts: readonly number[]): (offset: number) => { line: number; column: number } {
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/** The offset at which each line starts (ECMAScript line breaks, as offsetLocator counts them). */
export function lineStarts(text: string): number[] {
  // A scan by character code: a regex's match objects, one per line, were a share of the scan's garbage.
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 || c === 0x2028 || c === 0x2029) starts.push(i + 1);
  }
  return starts;
}
