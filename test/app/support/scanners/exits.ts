import type { Scanner } from '../../../../src/core/scanner.ts';

/** A scanner that ends its thread (process.exit in a worker ends the thread only). */
export const scanners: Scanner[] = [
  {
    id: 'sast',
    description: 'exits',
    async run() {
      process.exit(7);
    },
  },
];
