import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Tests must not read or write the developer's own cache (~/.cache/vigil): every run gets a fresh
 * one, inherited by the test processes and the CLIs they start, and removed at the end.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-test-cache-'));
  process.env['VIGIL_CACHE_DIR'] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
