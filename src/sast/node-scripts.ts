import { closeSync, openSync, readSync } from 'node:fs';
import { posix } from 'node:path';
import type { WalkedFile } from '../core/scanner.ts';

/** Enough of a file to hold its `#!` line. */
const HEAD_BYTES = 256;
/** `#!/usr/bin/env node`, `#!/usr/local/bin/node --harmony`, `#!/usr/bin/env -S nodejs …`. */
const NODE_SHEBANG = /^#![^\n]*\bnode(?:js)?(?:\s|$)/;

/**
 * Extension-less executables that run on Node — the `bin/` scripts of many packages, which are
 * often a library's entry points. Only their first bytes are read.
 */
export function nodeScripts(files: readonly WalkedFile[]): Set<string> {
  const found = new Set<string>();
  const head = Buffer.alloc(HEAD_BYTES);
  for (const file of files) {
    if (posix.basename(file.path).includes('.') || file.size < 3) continue;
    let fd: number | undefined;
    try {
      fd = openSync(file.absPath, 'r');
      const n = readSync(fd, head, 0, HEAD_BYTES, 0);
      if (NODE_SHEBANG.test(head.toString('latin1', 0, n))) found.add(file.path);
    } catch {
      // Unreadable: the walker's other readers report it.
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
  return found;
}
