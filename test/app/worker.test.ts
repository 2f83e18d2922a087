import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config/loader.ts';
import { runScan } from '../../src/core/scan.ts';
import type { ScanResult } from '../../src/core/scanner.ts';
import {
  liveScanWorkers,
  ScanThreads,
  ScanWorkerError,
  type ScanWorkerOptions,
} from '../../src/app/worker/index.ts';
import { portableSource } from '../../src/app/worker/request.ts';
import { SCANNER_CHANNEL } from './support/scanners/channel.ts';

/** One scan in its own worker thread: the same result as in-process, and stopped for real. */

const dir = mkdtempSync(join(tmpdir(), 'vigil-scan-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONFIG = [
  'rules:',
  '  js/no-such-rule: off',
  'ignore:',
  '  - id: js/code-injection',
  '    reason: accepted until the rewrite',
  '    expires: 2020-01-01',
  '',
].join('\n');
writeFileSync(join(dir, 'a.js'), 'const x = process.argv[2];\neval(x);\n');
writeFileSync(join(dir, '.vigil.yml'), CONFIG);

const scanners = ['sast', 'config'] as const;
const module = (name: string) => new URL(`./support/scanners/${name}.ts`, import.meta.url).href;
const request = { root: dir, config: {}, scanners: [...scanners] };
/** One scan on a pool of its own, closed afterwards. */
async function scanInWorker(
  req: Parameters<ScanThreads['run']>[0],
  options: ScanWorkerOptions & { signal?: AbortSignal } = {},
): Promise<ScanResult> {
  const threads = new ScanThreads(options);
  try {
    return (await threads.run(req, options.signal)).result;
  } finally {
    await threads.close();
  }
}
/** Stable across two runs of the same scan: everything but the time taken. */
const timeless = (r: ScanResult) => ({ ...r, stats: { ...r.stats, durationMs: 0 } });

describe('ScanThreads', () => {
  it('returns what runScan returns in this thread, line numbers from the configuration included', async () => {
    const loaded = parseConfig(CONFIG, '.vigil.yml', { pathInRoot: '.vigil.yml' });
    const here = await runScan({
      root: dir,
      config: loaded.config,
      configSource: loaded.configSource!,
      select: { scanners: [...scanners] },
      gitignore: false,
    });
    const there = await scanInWorker({
      ...request,
      config: loaded.config,
      configSource: portableSource(loaded.configSource!, loaded.config),
    });
    expect(timeless(there)).toEqual(timeless(here));
    // The configuration's lines crossed: the expired ignore and the unknown rule point at them.
    expect(there.findings.find((f) => f.location.path === '.vigil.yml')?.location.startLine).toBe(4);
    expect(there.diagnostics.some((d) => d.message.includes('js/no-such-rule'))).toBe(true);
    expect(there.findings.map((f) => f.ruleId)).toContain('js/code-injection');
    expect(liveScanWorkers()).toBe(0);
  });

  it('an abort terminates a thread stuck in a synchronous loop, and settles once it has exited', async () => {
    const channel = new BroadcastChannel(SCANNER_CHANNEL);
    const spinning = new Promise((resolve) => (channel.onmessage = resolve));
    const stop = new AbortController();
    const started = performance.now();
    const scan = scanInWorker(request, { scannersModule: module('busy'), signal: stop.signal });
    await spinning;
    channel.close();
    stop.abort(new Error('stopped by the test'));
    await expect(scan).rejects.toThrow('stopped by the test');
    expect(liveScanWorkers()).toBe(0);
    // The loop would have run for two minutes.
    expect(performance.now() - started).toBeLessThan(60_000);
  });

  it('an uncaught exception in the thread rejects with the reason', async () => {
    const scan = scanInWorker(request, { scannersModule: module('crash') });
    await expect(scan).rejects.toThrow(ScanWorkerError);
    await expect(scan).rejects.toThrow('the scan crashed: boom: the parser state is corrupt');
    expect(liveScanWorkers()).toBe(0);
  });

  it('a thread that exits before it answers rejects with its exit code', async () => {
    await expect(scanInWorker(request, { scannersModule: module('exits') })).rejects.toThrow(
      'the scan worker exited with code 7 before it finished',
    );
    expect(liveScanWorkers()).toBe(0);
  });

  it('a scan that fills its heap ends with an out-of-memory error, not the process', async () => {
    await expect(scanInWorker(request, { scannersModule: module('hoard'), heapMb: 256 })).rejects.toThrow(
      'the scan ran out of memory (its heap is limited to 256 MB)',
    );
    expect(liveScanWorkers()).toBe(0);
  });

  it("a thread serves the next scan once it has answered, and the pool reports runScan's own errors", async () => {
    const threads = new ScanThreads();
    try {
      threads.warm();
      expect(liveScanWorkers()).toBe(1);
      const { result: first, upgradePlan } = await threads.run(request);
      const { result: second } = await threads.run(request);
      expect(upgradePlan).toBeUndefined(); // none asked for
      expect(timeless(second)).toEqual(timeless(first));
      expect(liveScanWorkers()).toBe(1);
      // The thread survives a scan that fails the ordinary way.
      await expect(threads.run({ ...request, root: join(dir, 'missing') })).rejects.toThrow(/path not found/);
      expect(liveScanWorkers()).toBe(1);
    } finally {
      await threads.close();
    }
    expect(liveScanWorkers()).toBe(0);
  });

  it('an abort before the start never starts a thread', async () => {
    await expect(scanInWorker(request, { signal: AbortSignal.abort(new Error('already')) })).rejects.toThrow(
      'already',
    );
    expect(liveScanWorkers()).toBe(0);
  });
});
