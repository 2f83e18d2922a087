import type { RuleCases } from '../../src/sast/rule.ts';

const head = `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n`;

export default {
  valid: [
    {
      name: 'SHA with a version comment',
      code: `${head}      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2`,
    },
    { name: 'local action', code: `${head}      - uses: ./.github/actions/setup` },
    {
      name: 'docker image by digest',
      code: `${head}      - uses: docker://alpine@sha256:4b1c3e7a0f0d1e2c3b4a59687766554433221100ffeeddccbbaa998877665544`,
    },
    {
      name: 'reusable workflow pinned, and run steps',
      code: `on: push\njobs:\n  call:\n    uses: org/shared/.github/workflows/ci.yml@0123456789abcdef0123456789abcdef01234567\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make`,
    },
  ],
  invalid: [
    { name: 'third-party tag', code: `${head}      - uses: tj-actions/changed-files@v45 # vigil-expect` },
    {
      name: 'first-party tag and short SHA',
      code: `${head}      - uses: actions/checkout@v4 # vigil-expect\n      - uses: some/action@11bd719 # vigil-expect`,
    },
    {
      name: 'reusable workflow on a branch, docker tag',
      code: `on: push\njobs:\n  call:\n    uses: org/shared/.github/workflows/ci.yml@main # vigil-expect\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker://alpine:3.20 # vigil-expect`,
    },
  ],
} satisfies RuleCases;
