import type { Progress } from '../core/scanner.ts';
import type { CliIO, OutputStream } from './io.ts';

export interface ProgressBarOptions {
  /** Show the bar once a phase has run this long… */
  delayMs?: number;
  /** …or at once when a phase has at least this many items. */
  minItems?: number;
  /** Redraw at most this often. */
  intervalMs?: number;
  now?: () => number;
}

/** A progress bar only where someone watches: stderr is a terminal, not CI, not `--quiet`. */
export function shouldShowProgress(io: CliIO, quiet: boolean): boolean {
  return !quiet && io.stderr.isTTY === true && !io.env.CI && io.env.TERM !== 'dumb';
}

/**
 * A one-line bar on `stream`, redrawn in place. It stays hidden for short phases so quick scans
 * print nothing, and clears itself when done so the report starts on a clean line.
 */
export function createProgressBar(stream: OutputStream, options: ProgressBarOptions = {}): Progress {
  const delayMs = options.delayMs ?? 1000;
  const minItems = options.minItems ?? 200;
  const intervalMs = options.intervalMs ?? 100;
  const now = options.now ?? Date.now;
  let label = '';
  let total = 0;
  let count = 0;
  let startedAt = 0;
  let visible = false;
  let lastDraw = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  const draw = (force = false) => {
    const t = now();
    if (!visible) {
      if (total < minItems && t - startedAt < delayMs) return; // measured from the first phase
      visible = true;
    }
    if (!force && t - lastDraw < intervalMs) return;
    lastDraw = t;
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 30));
    const line =
      total > 0
        ? `${label} [${bar(Math.min(count, total) / total, width)}] ${Math.min(count, total)}/${total}`
        : `${label}… ${count > 0 ? count : ''}`;
    stream.write(`\r\x1b[2K${line}`);
  };

  return {
    start(nextLabel, nextTotal) {
      label = nextLabel;
      total = nextTotal;
      count = 0;
      startedAt ||= now();
      // Long phases with no ticks still show up after the delay.
      timer ??= setInterval(() => draw(), intervalMs);
      timer.unref?.();
      draw(true);
    },
    tick(n = 1) {
      count += n;
      draw();
    },
    done() {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (visible) stream.write('\r\x1b[2K');
      visible = false;
    },
  };
}

function bar(fraction: number, width: number): string {
  const filled = Math.round(fraction * width);
  return '#'.repeat(filled) + '-'.repeat(width - filled);
}
