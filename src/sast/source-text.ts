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
