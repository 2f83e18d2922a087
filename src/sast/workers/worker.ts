import { enableCompileCache } from 'node:module';
import { workerData } from 'node:worker_threads';

/**
 * A worker thread's entry. Before anything loads the TypeScript compiler (9 MB of JavaScript that
 * typescript-estree parses with), V8's compile cache is turned on in vigil's cache directory, so
 * every worker after the first reads compiled code from disk instead of compiling it again.
 */
const { compileCache } = workerData as { compileCache?: string };
if (compileCache) enableCompileCache(compileCache);
await import(new URL(import.meta.url.endsWith('.ts') ? './serve.ts' : './serve.js', import.meta.url).href);
