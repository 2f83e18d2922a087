#!/usr/bin/env node
import { existsSync } from 'node:fs';

// A reader that stops early (`vigil scan | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// In a checkout the TypeScript sources run directly (Node >= 22.18 strips types); a published
// package, where Node will not strip types under node_modules, ships the compiled build/ instead.
const source = new URL('../src/cli/main.ts', import.meta.url);
const built = new URL('../build/src/cli/main.js', import.meta.url);
const { main } = await import(existsSync(source) ? source.href : built.href);
process.exitCode = await main(process.argv.slice(2));
