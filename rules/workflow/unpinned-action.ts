import { FIRST_PARTY_OWNERS, FULL_SHA, parseUses } from '../../src/iac/workflow/contexts.ts';
import { spanOf, str } from '../../src/iac/workflow/parse.ts';
import { defineWorkflowRule } from '../../src/iac/rule.ts';
import type { Node } from 'yaml';

export default defineWorkflowRule({
  meta: {
    id: 'workflow/unpinned-action',
    kind: 'config',
    title: 'Action not pinned to a full commit SHA',
    severity: 'medium',
    cwe: ['CWE-829', 'CWE-1357'],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    help:
      'A tag or branch (`@v4`, `@main`) can be moved by whoever controls the action repository, so a ' +
      'compromised maintainer account or a malicious release runs in your workflow with its token and ' +
      'secrets (as happened with tj-actions/changed-files in 2025). Only a full 40-character commit SHA ' +
      'is immutable; keep the version in a comment so updaters (Dependabot, Renovate) can follow it:\n\n' +
      '```yaml\n- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n```\n\n' +
      'Local actions (`./…`) and `docker://` images pinned by digest are fine. Actions owned by GitHub ' +
      '(`actions/*`, `github/*`) are reported at low severity: the same risk, a much smaller chance. ' +
      'Reusable workflows called with `jobs.<id>.uses` are checked too.',
    fixHint: 'Pin to the full commit SHA of the release and keep the tag in a comment (`@<sha> # v4.2.2`).',
  },
  check(workflow, report) {
    const check = (node: Node | undefined) => {
      const value = str(node);
      if (!node || value === undefined) return;
      const uses = parseUses(value);
      if (uses.kind === 'local') return;
      if (uses.kind === 'docker') {
        if (uses.ref?.startsWith('sha256:')) return;
        report({ at: spanOf(workflow, node), message: `Docker image ${uses.name} is not pinned by digest.` });
        return;
      }
      if (uses.ref && FULL_SHA.test(uses.ref)) return;
      const firstParty = FIRST_PARTY_OWNERS.has(uses.owner ?? '');
      report({
        at: spanOf(workflow, node),
        message: uses.ref
          ? `${uses.name} is pinned to ${/^[0-9a-f]{7,39}$/.test(uses.ref) ? 'a short SHA' : `the movable ref ${uses.ref}`}, not a full commit SHA.`
          : `${uses.name} has no ref at all.`,
        ...(firstParty ? { severity: 'low' as const } : {}),
      });
    };
    for (const job of workflow.jobs) {
      check(job.uses);
      for (const step of job.steps) check(step.uses);
    }
  },
});
