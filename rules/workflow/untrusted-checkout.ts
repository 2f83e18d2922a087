import { executingSteps, prHeadCheckout, privilegedTriggers } from '../../src/iac/workflow/contexts.ts';
import { spanOf, str } from '../../src/iac/workflow/parse.ts';
import { defineWorkflowRule } from '../../src/iac/rule.ts';

export default defineWorkflowRule({
  meta: {
    id: 'workflow/untrusted-checkout',
    kind: 'config',
    title: 'Privileged workflow checks out and runs pull request code',
    severity: 'critical',
    cwe: ['CWE-829', 'CWE-94'],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    help:
      '`pull_request_target`, `workflow_run` and `issue_comment` workflows run in the base repository ' +
      'with its secrets and a token that can write. Checking out the pull request head there ' +
      '(`ref: ${{ github.event.pull_request.head.sha }}`, `refs/pull/N/merge`, `gh pr checkout`) and ' +
      "then building, testing or installing it runs the contributor's code — their `package.json` " +
      'scripts, Makefile or test files — with those privileges (a "pwn request"). Run untrusted code in a ' +
      '`pull_request` workflow (no secrets, read-only token) and pass results to a privileged workflow ' +
      'as artifacts it only reads:\n\n' +
      '```yaml\non: pull_request   # not pull_request_target\npermissions:\n  contents: read\n```\n\n' +
      'A checkout of the head with no later step that runs code is not reported.',
    fixHint:
      'Build and test pull requests in a `pull_request` workflow; keep privileged workflows to trusted code.',
  },
  check(workflow, report) {
    const privileged = privilegedTriggers(workflow);
    if (privileged.length === 0) return;
    for (const job of workflow.jobs) {
      const checkout = prHeadCheckout(workflow, job);
      if (!checkout) continue;
      const runs = executingSteps(job, checkout.step);
      // A `run:` that fetches the PR is itself the first step to run code on it only if another follows.
      if (runs.length === 0) continue;
      const first = runs[0]!;
      const what = first.run ? 'a run step' : `${str(first.uses)}`;
      report({
        at: spanOf(workflow, checkout.node),
        message: `Job ${job.id} checks out the pull request head in a ${privileged.join('/')} workflow, then ${what} (step ${first.index + 1}) runs that code with the base repository's secrets and token.`,
      });
    }
  },
});
