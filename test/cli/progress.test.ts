import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.ts';
import { createProgressBar, shouldShowProgress } from '../../src/cli/progress.ts';

function fakeStream() {
  const stream = { text: '', columns: 80, write: (s: string) => (stream.text += s) };
  return stream;
}

describe('progress bar', () => {
  it('stays hidden for a short, small phase', () => {
    const stream = fakeStream();
    let t = 0;
    const bar = createProgressBar(stream, { now: () => t });
    bar.start('sast', 20);
    for (let i = 0; i < 20; i++) {
      t += 10;
      bar.tick();
    }
    bar.done();
    expect(stream.text).toBe('');
  });

  it('shows at once for many items, throttles redraws, and clears itself', () => {
    const stream = fakeStream();
    let t = 0;
    const bar = createProgressBar(stream, { now: () => t, intervalMs: 100 });
    bar.start('sast', 1000);
    expect(stream.text).toBe('\r\x1b[2Ksast [----------------------------------------] 0/1000');
    bar.tick(500); // within the redraw interval: nothing new
    expect(stream.text.split('\r').length).toBe(2);
    t = 150;
    bar.tick();
    expect(stream.text).toMatch(/sast \[#{20}-{20}\] 501\/1000$/);
    bar.done();
    expect(stream.text.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('appears once a phase runs longer than the delay', () => {
    const stream = fakeStream();
    let t = 0;
    const bar = createProgressBar(stream, { now: () => t, delayMs: 1000 });
    bar.start('sca', 0);
    t = 500;
    bar.tick();
    expect(stream.text).toBe('');
    t = 1200;
    bar.tick();
    expect(stream.text).toBe('\r\x1b[2Ksca… 2');
    bar.done();
  });

  it('is only wanted on a terminal, outside CI, without --quiet', () => {
    const io = (isTTY: boolean, env: Record<string, string> = {}): CliIO => ({
      stdout: { write: () => true },
      stderr: { write: () => true, isTTY },
      env,
      cwd: '/',
    });
    expect(shouldShowProgress(io(true), false)).toBe(true);
    expect(shouldShowProgress(io(true), true)).toBe(false);
    expect(shouldShowProgress(io(false), false)).toBe(false);
    expect(shouldShowProgress(io(true, { CI: 'true' }), false)).toBe(false);
    expect(shouldShowProgress(io(true, { TERM: 'dumb' }), false)).toBe(false);
  });
});
