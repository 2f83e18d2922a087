import { commandSpan, runCommands } from '../../src/iac/dockerfile/run.ts';
import { basename } from '../../src/iac/dockerfile/shell.ts';
import { defineDockerfileRule } from '../../src/iac/rule.ts';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/sudo',
    kind: 'config',
    title: 'sudo used in a RUN instruction',
    severity: 'low',
    cwe: ['CWE-250'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      'Installing and using `sudo` inside an image usually means a non-root user was given a way back to ' +
      'root, which undoes the point of `USER`, and sudo behaves unpredictably without a TTY. Run the ' +
      'steps that need root before switching user, and switch back explicitly if you must:\n\n' +
      '```dockerfile\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\nUSER app\n```',
    fixHint: 'Run root steps before `USER <non-root>` (or with `USER root` … `USER app`) instead of sudo.',
  },
  check(file, report) {
    for (const run of runCommands(file)) {
      if (basename(run.command.words[0]?.value ?? '') !== 'sudo') continue;
      report({ at: commandSpan(run), message: `RUN calls sudo to run ${run.name}; switch USER instead.` });
    }
  },
});
