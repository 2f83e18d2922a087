import type { RuleCases } from '../../src/sast/rule.ts';

const sha = '11bd71901bbe5b1630ceea73d27597364c9af683';

export default {
  valid: [
    {
      name: 'pull_request trigger may run PR code',
      code: `on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${sha}\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n      - run: npm test`,
    },
    {
      name: 'pull_request_target checking out the base only',
      code: `on: pull_request_target\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${sha}\n      - run: ./label.sh`,
    },
    {
      name: 'head checkout with nothing run afterwards',
      code: `on: pull_request_target\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo start\n      - uses: actions/checkout@${sha}\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n      - uses: actions/upload-artifact@${sha}\n        with:\n          path: docs`,
    },
    {
      name: 'ref with the PR number only as a label',
      code: `on: pull_request_target\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${sha}\n        with:\n          ref: main\n      - run: echo \${{ github.event.pull_request.number }}`,
    },
  ],
  invalid: [
    {
      name: 'head sha then npm install',
      code: `on: pull_request_target\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${sha}\n        with:\n          ref: \${{ github.event.pull_request.head.sha }} # vigil-expect\n      - run: npm ci && npm test`,
    },
    {
      name: 'workflow_run head branch then a local action',
      code: `on:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: \${{ github.event.workflow_run.head_branch }} # vigil-expect\n      - uses: ./.github/actions/build`,
    },
    {
      name: 'refs/pull merge ref then docker build',
      code: `on: [pull_request_target]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${sha}\n        with:\n          ref: refs/pull/\${{ github.event.number }}/merge # vigil-expect\n      - uses: docker/build-push-action@${sha}`,
    },
    {
      name: 'gh pr checkout on a comment command',
      code: `on: issue_comment\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gh pr checkout \${{ github.event.issue.number }} # vigil-expect\n      - run: make test`,
    },
  ],
} satisfies RuleCases;
