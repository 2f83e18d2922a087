import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction } from '../../src/action/main.ts';
import { example, git } from '../support/fixtures.ts';

/**
 * The Action in-process over a real git repository, as a pull request's workflow runs it: checked
 * out at `sha`, with `inputs` as INPUT_* variables and no token, so everything lands in the job
 * summary, the outputs, the workflow commands on stdout and the exit code.
 */
export async function runActionAt(
  work: string,
  dir: string,
  sha: string,
  event: string,
  inputs: Record<string, string> = {},
) {
  git(dir, 'checkout', '-q', '--detach', sha);
  const runDir = mkdtempSync(join(work, 'run-'));
  writeFileSync(join(runDir, 'event.json'), event);
  writeFileSync(join(runDir, 'summary.md'), '');
  writeFileSync(join(runDir, 'output'), '');
  const env: NodeJS.ProcessEnv = {
    GITHUB_EVENT_PATH: join(runDir, 'event.json'),
    GITHUB_REPOSITORY: 'acme/web',
    GITHUB_SHA: sha,
    GITHUB_WORKSPACE: dir,
    GITHUB_STEP_SUMMARY: join(runDir, 'summary.md'),
    GITHUB_OUTPUT: join(runDir, 'output'),
    RUNNER_TEMP: runDir,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  const stdout: string[] = [];
  const code = await runAction(env, { stdout: (l) => stdout.push(l), stderr: () => undefined });
  const outputs = readFileSync(join(runDir, 'output'), 'utf8');
  return {
    code,
    stdout: stdout.join('\n'),
    summary: readFileSync(join(runDir, 'summary.md'), 'utf8'),
    /** A step output, as written with the heredoc syntax. */
    output: (name: string) => new RegExp(`^${name}<<(\\S+)\\n(.*)\\n\\1$`, 'm').exec(outputs)?.[2],
  };
}

/** A real `pull_request` `opened` payload with the fixture repository's head and base. */
export function pullEvent(head: string, base: string): string {
  const event = example('pull_request', (e) => e.action === 'opened') as {
    pull_request: { number: number; head: { sha: string }; base: { sha: string } };
  };
  event.pull_request.head.sha = head;
  event.pull_request.base.sha = base;
  return JSON.stringify(event);
}
