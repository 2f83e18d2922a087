import { isMap, isScalar, type Node } from 'yaml';
import { privilegedTriggers } from '../../src/iac/workflow/contexts.ts';
import { spanOf, str } from '../../src/iac/workflow/parse.ts';
import { defineWorkflowRule } from '../../src/iac/rule.ts';

export default defineWorkflowRule({
  meta: {
    id: 'workflow/excessive-permissions',
    kind: 'config',
    title: 'Workflow token granted write-all',
    severity: 'high',
    cwe: ['CWE-250', 'CWE-732'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      '`permissions: write-all` gives the GITHUB_TOKEN write access to contents, packages, pull requests, ' +
      'actions, deployments and more. Any step that is compromised — a hijacked action, an injected ' +
      'script — can then push to protected branches through workflows, publish packages or tamper with ' +
      'releases. Grant each scope the job actually needs:\n\n' +
      '```yaml\npermissions:\n  contents: read\n  pull-requests: write\n```\n\n' +
      'In `pull_request_target`/`workflow_run`/`issue_comment` workflows, top-level `write` grants on ' +
      '`contents`, `packages` or `actions` are reported as well.',
    fixHint: 'Replace write-all with the specific scopes the job needs, read-only by default.',
  },
  check(workflow, report) {
    const privileged = privilegedTriggers(workflow).length > 0;
    const check = (node: Node | undefined, where: string, top: boolean) => {
      if (!node) return;
      if (isScalar(node) && str(node) === 'write-all') {
        report({ at: spanOf(workflow, node), message: `${where} grants the token write-all.` });
        return;
      }
      if (!top || !privileged || !isMap(node)) return;
      for (const pair of node.items) {
        const scope = isScalar(pair.key) ? String(pair.key.value) : '';
        if (['contents', 'packages', 'actions'].includes(scope) && str(pair.value as Node) === 'write') {
          report({
            at: spanOf(workflow, pair.value as Node),
            message: `${where} grants ${scope}: write to a workflow triggered by outsiders' events.`,
            severity: 'medium',
          });
        }
      }
    };
    check(workflow.permissions, 'The workflow', true);
    for (const job of workflow.jobs) check(job.permissions, `Job ${job.id}`, false);
  },
});
