import { isScalar } from 'yaml';
import {
  executingSteps,
  FULL_SHA,
  parseUses,
  prHeadCheckout,
  privilegedTriggers,
  secretReferences,
} from '../../src/iac/workflow/contexts.ts';
import { spanOf, spanOfRange, str } from '../../src/iac/workflow/parse.ts';
import { defineWorkflowRule } from '../../src/iac/rule.ts';

export default defineWorkflowRule({
  meta: {
    id: 'workflow/secrets-to-untrusted',
    kind: 'config',
    title: 'Secrets passed to untrusted code',
    severity: 'high',
    cwe: ['CWE-200', 'CWE-829'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      'Two ways a workflow hands its secrets to code it does not control: (1) in a ' +
      '`pull_request_target`/`workflow_run`/`issue_comment` job that checks out the pull request head, ' +
      "secrets given to the steps that run that code (in their `env`/`with`, or the job's `env`) are " +
      "readable by the contributor's scripts; (2) `secrets: inherit` to a reusable workflow in another " +
      'repository that is not pinned to a commit SHA hands every secret to whatever that ref points at ' +
      'tomorrow. Give untrusted code no secrets, and pass reusable workflows only the secrets they need:\n\n' +
      '```yaml\njobs:\n  deploy:\n    uses: org/shared/.github/workflows/deploy.yml@<40-hex sha>\n    secrets:\n      DEPLOY_KEY: ${{ secrets.DEPLOY_KEY }}\n```',
    fixHint:
      'Do not expose secrets to pull request code; pass named secrets (not `inherit`) to SHA-pinned reusable workflows.',
  },
  check(workflow, report) {
    const privileged = privilegedTriggers(workflow).length > 0;
    for (const job of workflow.jobs) {
      if (job.uses && isScalar(job.secrets) && str(job.secrets) === 'inherit') {
        const callee = parseUses(str(job.uses) ?? '');
        if (callee.kind === 'remote' && !(callee.ref && FULL_SHA.test(callee.ref))) {
          report({
            at: spanOf(workflow, job.secrets),
            message: `Job ${job.id} passes every secret to ${callee.name}@${callee.ref ?? ''}, a reusable workflow in another repository that is not pinned to a commit SHA.`,
          });
        }
      }
      if (!privileged) continue;
      const checkout = prHeadCheckout(workflow, job);
      if (!checkout) continue;
      const runs = executingSteps(job, checkout.step);
      if (runs.length === 0) continue;
      const refs = [
        ...secretReferences(workflow, job.env),
        ...runs.flatMap((s) => [
          ...secretReferences(workflow, s.env),
          ...secretReferences(workflow, s.with),
          ...secretReferences(workflow, s.run),
        ]),
      ];
      for (const ref of refs) {
        report({
          at: spanOfRange(workflow, ref.offset, ref.end),
          message: `${ref.name} is given to steps of job ${job.id} that run the pull request's code.`,
          severity: 'critical',
        });
      }
    }
  },
});
