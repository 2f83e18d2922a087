import { enableCompileCache } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { Scanner } from '../../core/scanner.ts';
import type { InventoryResult } from '../../sca/inventory.ts';
import {
  configSourceFrom,
  type ThreadData,
  type WorkerScanMessage,
  type WorkerScanRequest,
} from './request.ts';

/**
 * A scan thread's entry: it loads the scanners once, then runs one runScan per request and posts
 * the result back as JSON. What runScan throws is answered as an error (the thread stays usable);
 * anything else it throws reaches the App as the worker's `error` event and ends the thread.
 */
const data = workerData as ThreadData;
// Before the scanners load the TypeScript compiler: later threads read its compiled code from disk.
if (data.compileCache) enableCompileCache(data.compileCache);
const { runScan } = await import('../../core/scan.ts');
const { planOutcome } = await import('../../sca/plan/make-plan.ts');
const { defaultCacheDir } = await import('../../core/cache-dir.ts');
const scanners = data.scannersModule
  ? ((await import(data.scannersModule)) as { scanners: Scanner[] }).scanners
  : undefined;

async function answer(request: WorkerScanRequest): Promise<WorkerScanMessage> {
  try {
    let inventory: InventoryResult | undefined;
    const config = request.config;
    const cacheDir = request.cacheDir ?? defaultCacheDir();
    const result = await runScan({
      root: request.root,
      config,
      ...(request.configSource ? { configSource: configSourceFrom(request.configSource) } : {}),
      options: {
        ...(request.cacheDir ? { cacheDir: request.cacheDir } : {}),
        ...(request.trustedIgnoreFiles ? { trustedIgnoreFiles: request.trustedIgnoreFiles } : {}),
        ...(request.upgradePlan ? { onInventory: (read: InventoryResult) => (inventory = read) } : {}),
      },
      select: { scanners: request.scanners },
      ...(scanners ? { scanners } : {}),
      // The tarball holds committed files only: a PR's .gitignore must not hide any of them.
      gitignore: false,
    });
    // In this thread too, so the scan's timeout stops a plan that takes too long.
    const upgradePlan =
      request.upgradePlan && inventory
        ? await planOutcome({
            findings: result.findings,
            inventories: inventory.inventories,
            root: request.root,
            config,
            cacheDir,
            registry: request.upgradePlan.registry,
          })
        : undefined;
    // JSON, not structured clone: a finding's free-form `properties` could hold what clone refuses.
    return {
      result: JSON.stringify(result),
      ...(upgradePlan ? { upgradePlan: JSON.stringify(upgradePlan) } : {}),
    };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { error: { name: e.name, message: e.message } };
  }
}

parentPort!.on('message', (request: WorkerScanRequest) => {
  void answer(request).then((message) => parentPort!.postMessage(message));
});
