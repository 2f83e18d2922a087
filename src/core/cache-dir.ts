import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where vigil keeps what it can reuse between runs (advisory database and API cache, SAST summaries,
 * image layer results): `$VIGIL_CACHE_DIR`, else `$XDG_CACHE_HOME/vigil`, else `~/.cache/vigil`.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VIGIL_CACHE_DIR) return env.VIGIL_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'vigil');
}
