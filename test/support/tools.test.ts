import { describe, expect, it } from 'vitest';
import { inCi, runs, skipWithout } from './tools.ts';

describe('tests that need a program of the machine', () => {
  it('run when the program is there, in CI or not', () => {
    expect(skipWithout('redis-server', true, {})).toBe(false);
    expect(skipWithout('redis-server', true, { CI: 'true' })).toBe(false);
  });

  it('skip off CI when it is missing', () => {
    expect(skipWithout('redis-server', false, {})).toBe(true);
    expect(skipWithout('redis-server', false, { CI: 'false' })).toBe(true);
    expect(skipWithout('redis-server', false, { CI: '' })).toBe(true);
  });

  it('fail in CI when it is missing, naming it (as .ci/run sets CI=true)', () => {
    expect(() => skipWithout('umoci', false, { CI: 'true' })).toThrow(
      /umoci is not installed, and CI is set/,
    );
    expect(() => skipWithout('skopeo', false, { CI: '1' })).toThrow(/skopeo/);
  });

  it('read CI the way CI services set it', () => {
    expect(inCi({ CI: 'true' })).toBe(true);
    expect(inCi({ CI: 'TRUE' })).toBe(true);
    expect(inCi({ CI: '0' })).toBe(false);
    expect(inCi({})).toBe(false);
  });

  it('find out whether a program runs by running it', () => {
    expect(runs(process.execPath, ['--version'])).toBe(true);
    expect(runs('vigil-no-such-program-here')).toBe(false);
    expect(runs(process.execPath, ['-e', 'process.exit(3)'])).toBe(false);
  });
});
