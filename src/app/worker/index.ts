import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { defaultCacheDir } from '../../core/cache-dir.ts';
import {
  parseResult,
  type ThreadData,
  type ThreadScan,
  type WorkerScanMessage,
  type WorkerScanRequest,
} from './request.ts';

/**
 * The App's scans run in worker threads, never in the thread that answers webhooks and /healthz.
 * Threads rather than child processes: `terminate()` stops one at once even inside a synchronous
 * loop or a regex, `resourceLimits` caps its heap so a hostile input ends that scan with an
 * out-of-memory error instead of the App, results come back without a pipe protocol, and no other
 * Node process is started (the SAST pool beneath is threads too). A thread runs one scan at a time
 * and is kept for the next (loading the scanners costs seconds); one that is stopped, crashes or
 * exits is dropped and the next scan gets a new one.
 */
export interface ScanWorkerOptions {
  /** Old-generation heap of one scan thread, in MB (VIGIL_SCAN_HEAP_MB). */
  heapMb?: number;
  /** A module (file URL) exporting `scanners: Scanner[]` in place of vigil's registry: tests only. */
  scannersModule?: string;
}

export const DEFAULT_SCAN_HEAP_MB = 2048;

/** thread.ts from the sources, thread.js from a build. */
const THREAD_URL = new URL(import.meta.url.endsWith('.ts') ? './thread.ts' : './thread.js', import.meta.url);

/** A scan whose thread crashed, ran out of memory or exited before it answered. */
export class ScanWorkerError extends Error {
  override name = 'ScanWorkerError';
}

const live = new Set<Worker>();

/** Scan threads of this process that have not exited yet, busy or idle. */
export const liveScanWorkers = (): number => live.size;

/** A pool of scan threads: as many as scans run at once, each reused until it is stopped. */
export class ScanThreads {
  private readonly idle = new Set<Worker>();
  private readonly all = new Set<Worker>();
  private readonly heapMb: number;
  private readonly data: ThreadData;
  private closed = false;

  constructor(options: ScanWorkerOptions = {}, cacheDir = defaultCacheDir()) {
    this.heapMb = options.heapMb ?? DEFAULT_SCAN_HEAP_MB;
    this.data = {
      compileCache: join(cacheDir, 'node-compile-cache'),
      ...(options.scannersModule ? { scannersModule: options.scannersModule } : {}),
    };
  }

  /** Start a thread now, so that the first scan finds the scanners loaded. */
  warm(): void {
    if (!this.closed && this.idle.size === 0) this.idle.add(this.spawn());
  }

  /**
   * runScan (and the upgrade plan, when asked for) on a thread of the pool. Aborting `signal` terminates the thread, whatever it is
   * running, and rejects with the signal's reason once it has exited (so a caller that removes
   * the checkout next is safe); a crash rejects with a ScanWorkerError.
   */
  run(request: WorkerScanRequest, signal?: AbortSignal): Promise<ThreadScan> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (this.closed) return Promise.reject(new ScanWorkerError('the scan threads are closed'));
    const worker = this.take();
    return new Promise<ThreadScan>((resolve, reject) => {
      const settle = () => {
        signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      const fail = (error: unknown) => {
        settle();
        void this.drop(worker).then(() => reject(error as Error));
      };
      const onAbort = () => fail(signal!.reason);
      const onMessage = (message: WorkerScanMessage) => {
        settle();
        this.release(worker);
        if ('error' in message) return reject(Object.assign(new Error(message.error.message), message.error));
        try {
          resolve(parseResult(message));
        } catch (error) {
          reject(new ScanWorkerError(`the scan's result could not be read: ${(error as Error).message}`));
        }
      };
      const onError = (error: Error & { code?: string }) =>
        fail(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ScanWorkerError(`the scan ran out of memory (its heap is limited to ${this.heapMb} MB)`, {
                cause: error,
              })
            : new ScanWorkerError(`the scan crashed: ${error.message}`, { cause: error }),
        );
      const onExit = (code: number) =>
        fail(new ScanWorkerError(`the scan worker exited with code ${code} before it finished`));
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(request);
    });
  }

  /** Terminate every thread; a scan still running rejects as crashed. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.all].map((w) => this.drop(w)));
  }

  private spawn(): Worker {
    const worker = new Worker(THREAD_URL, {
      workerData: this.data,
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
    live.add(worker);
    this.all.add(worker);
    // An idle thread that fails (its scanners would not load) is dropped; a busy one's scan says why.
    worker.on('error', () => this.forget(worker));
    worker.once('exit', () => {
      live.delete(worker);
      this.forget(worker);
    });
    // Idle threads never keep the process alive; a busy one does, like any pending work.
    worker.unref();
    return worker;
  }

  private take(): Worker {
    const [worker = this.spawn()] = this.idle;
    this.idle.delete(worker);
    worker.ref();
    return worker;
  }

  private release(worker: Worker): void {
    worker.unref();
    if (this.closed) void this.drop(worker);
    else this.idle.add(worker);
  }

  private forget(worker: Worker): void {
    this.idle.delete(worker);
    this.all.delete(worker);
  }

  /** Terminate a thread and wait until it has exited. */
  private async drop(worker: Worker): Promise<void> {
    this.forget(worker);
    await worker.terminate();
  }
}
