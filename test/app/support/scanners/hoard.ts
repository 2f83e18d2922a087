import type { Scanner } from '../../../../src/core/scanner.ts';

/** A scanner that keeps everything it allocates, as a parse of a hostile input might: it runs out of heap. */
export const scanners: Scanner[] = [
  {
    id: 'sast',
    description: 'allocates until the heap is full',
    async run() {
      const hoard: number[][] = [];
      for (;;) hoard.push(new Array<number>(1 << 20).fill(hoard.length));
    },
  },
];
