/**
 * Tests that need a program of the machine (redis-server, Chromium, umoci, skopeo,
 * docker-registry, podman). On a developer's machine without it they are skipped; where CI is
 * set (.ci/run installs every one of them) a missing program fails the file instead, so a CI run
 * can never pass by skipping.
 */
import { execFileSync } from 'node:child_process';

/** True when `command args` runs and exits 0 (the program is installed and starts). */
export function runs(command: string, args: readonly string[] = ['--version']): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Whether CI is set the way CI services and .ci/run set it (any value but empty, "0", "false"). */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env['CI']?.trim().toLowerCase();
  return v !== undefined && v !== '' && v !== '0' && v !== 'false';
}

/**
 * The `skipIf` condition for tests that need `tool`: true (skip) only off CI. In CI a missing
 * tool throws here, at the test file's load, naming the tool, so the file fails.
 */
export function skipWithout(tool: string, present: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (present) return false;
  if (inCi(env))
    throw new Error(
      `${tool} is not installed, and CI is set: these tests must run in CI (.ci/run installs ${tool})`,
    );
  return true;
}
