#!/usr/bin/env node
import { existsSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { join } from 'node:path';

// A reader that stops early (`vigil scan | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// In a checkout the TypeScript sources run directly (Node >= 22.18 strips types); a published
// package, where Node will not strip types under node_modules, ships the compiled build/ instead.
const fromSource = existsSync(new URL('../src/cli/main.ts', import.meta.url));
const load = (path) =>
  import(new URL(fromSource ? `../src/${path}.ts` : `../build/src/${path}.js`, import.meta.url).href);

// V8's compiled code for this thread's modules, beside the worker threads' in vigil's default cache
// (half of the start-up before a scan begins); where it cannot be written, modules compile as ever.
const { defaultCacheDir } = await load('core/cache-dir');
nodeModule.enableCompileCache?.(join(defaultCacheDir(), 'node-compile-cache'));
const { main } = await load('cli/main');
process.exitCode = await main(process.argv.slice(2));
