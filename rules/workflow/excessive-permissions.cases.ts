import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    { name: 'scoped', code: `on: push\npermissions:\n  contents: read\n  pull-requests: write\njobs: {}` },
    { name: 'read-all', code: `on: push\npermissions: read-all\njobs: {}` },
    {
      name: 'job-level contents write on push',
      code: `on: push\npermissions: {}\njobs:\n  release:\n    permissions:\n      contents: write\n    runs-on: ubuntu-latest\n    steps:\n      - run: make release`,
    },
    {
      name: 'pull_request_target with a narrow write scope',
      code: `on: pull_request_target\npermissions:\n  contents: read\n  pull-requests: write\njobs: {}`,
    },
  ],
  invalid: [
    { name: 'top-level write-all', code: `on: push\npermissions: write-all # vigil-expect\njobs: {}` },
    {
      name: 'job-level write-all',
      code: `on: push\npermissions: {}\njobs:\n  a:\n    permissions: write-all # vigil-expect\n    runs-on: ubuntu-latest\n    steps:\n      - run: make`,
    },
    {
      name: 'contents write in a pull_request_target workflow',
      code: `on: pull_request_target\npermissions:\n  contents: write # vigil-expect\n  pull-requests: write\njobs: {}`,
    },
  ],
} satisfies RuleCases;
