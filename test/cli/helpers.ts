import { main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/io.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run the CLI in-process with captured streams; `env` replaces the process environment, except that
 * the test run's cache dir is kept (the CLI must never touch the user's own cache from a test).
 */
export async function runCli(
  argv: string[],
  options: { cwd?: string; env?: Record<string, string>; stdoutTTY?: boolean; stderrTTY?: boolean } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.stdoutTTY ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.stderrTTY ?? false, columns: 100 },
    env: { ...testCacheEnv(), ...options.env },
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** The fresh cache dir test/support/global-setup.ts made for this run. */
export function testCacheEnv(): Record<string, string> {
  const dir = process.env['VIGIL_CACHE_DIR'];
  return dir ? { VIGIL_CACHE_DIR: dir } : {};
}
