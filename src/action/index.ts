import { runAction } from './main.ts';

// The bundle's entry (dist/index.js): GitHub runs it with `node` and reads the exit code.
process.exitCode = await runAction();
