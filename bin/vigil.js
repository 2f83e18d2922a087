#!/usr/bin/env node
// Runs the TypeScript sources directly (Node >= 22.18 strips types); a published build uses build/.
import { existsSync } from 'node:fs';
const built = new URL('../build/src/cli/main.js', import.meta.url);
const { main } = await import(
  existsSync(built) ? built.href : new URL('../src/cli/main.ts', import.meta.url).href
);
process.exitCode = await main(process.argv.slice(2));
