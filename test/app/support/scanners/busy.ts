import { BroadcastChannel } from 'node:worker_threads';
import type { Scanner } from '../../../../src/core/scanner.ts';
import { SCANNER_CHANNEL } from './channel.ts';

/**
 * A scanner stuck in a synchronous loop, as a backtracking regex over hostile text would be: no
 * abort signal reaches it, only terminating its thread stops it. It says when it starts spinning.
 */
export const scanners: Scanner[] = [
  {
    id: 'sast',
    description: 'spins on the CPU',
    async run() {
      const channel = new BroadcastChannel(SCANNER_CHANNEL);
      channel.postMessage('spinning');
      channel.close();
      // Bounded, so a thread that terminate() failed to stop cannot outlive the test run by much.
      const end = Date.now() + 120_000;
      while (Date.now() < end) {
        // spin
      }
      throw new Error('the busy scanner ran to its end: nothing stopped it');
    },
  },
];
