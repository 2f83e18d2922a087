import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'top-level read',
      code: `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make`,
    },
    {
      name: 'top-level empty',
      code: `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make`,
    },
    {
      name: 'every job declares its own',
      code: `on: push\njobs:\n  a:\n    permissions:\n      contents: read\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  b:\n    permissions: {}\n    runs-on: ubuntu-latest\n    steps:\n      - run: make`,
    },
    { name: 'no jobs at all', code: `on: push\nname: empty` },
    {
      name: 'reusable workflow: the caller grants the token',
      code: `on:\n  workflow_call:\n    inputs:\n      v:\n        type: string\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make`,
    },
  ],
  invalid: [
    {
      name: 'no permissions anywhere',
      code: `on: push\njobs:\n  build: # vigil-expect\n    runs-on: ubuntu-latest\n    steps:\n      - run: make`,
    },
    {
      name: 'one job of two lacks them',
      code: `on: push\njobs:\n  a:\n    permissions:\n      contents: read\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  b: # vigil-expect\n    runs-on: ubuntu-latest\n    steps:\n      - run: make`,
    },
    {
      name: 'reusable workflow call',
      code: `on: pull_request\njobs:\n  call: # vigil-expect\n    uses: ./.github/workflows/ci.yml`,
    },
  ],
} satisfies RuleCases;
