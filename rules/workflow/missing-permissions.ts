import { spanOf } from '../../src/iac/workflow/parse.ts';
import { defineWorkflowRule } from '../../src/iac/rule.ts';

export default defineWorkflowRule({
  meta: {
    id: 'workflow/missing-permissions',
    kind: 'config',
    title: 'Workflow token permissions not declared',
    severity: 'medium',
    cwe: ['CWE-250', 'CWE-272'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      'Without a `permissions:` block the GITHUB_TOKEN gets the repository or organisation default, ' +
      'which on older repositories is read and write on everything: any compromised step or action can ' +
      'push code, publish packages or approve pull requests. Declare the least the workflow needs at the ' +
      'top (and widen it per job only where needed):\n\n' +
      '```yaml\npermissions:\n  contents: read\njobs:\n  release:\n    permissions:\n      contents: write\n```\n\n' +
      'vigil reports each job that has no `permissions` of its own when the workflow has none at the top. ' +
      'Jobs that call a reusable workflow are included: the callee gets the token the caller grants. ' +
      'A workflow triggered only by `workflow_call` is not reported: its caller sets the token.',
    fixHint: 'Add `permissions: { contents: read }` at the top of the workflow and widen per job as needed.',
  },
  check(workflow, report) {
    if (workflow.permissions !== undefined) return;
    // A reusable workflow runs with the token its caller grants (it can only narrow it): the caller is checked.
    if (workflow.triggers.size === 1 && workflow.triggers.has('workflow_call')) return;
    for (const job of workflow.jobs) {
      if (job.permissions !== undefined) continue;
      report({
        at: spanOf(workflow, job.key),
        message: `Job ${job.id} declares no permissions and the workflow sets none, so its token gets the repository default.`,
      });
    }
  },
});
