import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultWorkerCount } from '../../../src/sast/workers/pool.ts';

describe('defaultWorkerCount', () => {
  it('honours $VIGIL_WORKERS, capped at 64, and ignores a value that is not a whole number', () => {
    expect(defaultWorkerCount(10, { VIGIL_WORKERS: '3' })).toBe(3);
    expect(defaultWorkerCount(10, { VIGIL_WORKERS: '0' })).toBe(0);
    expect(defaultWorkerCount(10, { VIGIL_WORKERS: '999' })).toBe(64);
    expect(defaultWorkerCount(10, { VIGIL_WORKERS: 'many' })).toBe(defaultWorkerCount(10, {}));
  });

  it('uses no worker for a few files, or on a machine with two cores or fewer', () => {
    expect(defaultWorkerCount(10, {})).toBe(0);
    const many = defaultWorkerCount(100_000, {});
    if (availableParallelism() <= 2) expect(many).toBe(0);
    else expect(many).toBe(Math.min(availableParallelism(), 8));
  });
});
