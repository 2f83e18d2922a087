import type { Scanner } from '../../../../src/core/scanner.ts';

/** A scanner whose callback throws outside any promise: an uncaught exception in the scan's thread. */
export const scanners: Scanner[] = [
  {
    id: 'sast',
    description: 'throws from a timer',
    run() {
      setTimeout(() => {
        throw new Error('boom: the parser state is corrupt');
      }, 0);
      return new Promise(() => {});
    },
  },
];
