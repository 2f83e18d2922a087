import type { RuleCases } from '../../src/sast/rule.ts';

const sha = '11bd71901bbe5b1630ceea73d27597364c9af683';
const checkoutHead = `      - uses: actions/checkout@${sha}\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n`;

export default {
  valid: [
    {
      name: 'named secrets to a pinned remote reusable workflow',
      code: `on: push\njobs:\n  d:\n    uses: org/shared/.github/workflows/deploy.yml@${sha}\n    secrets: inherit`,
    },
    {
      name: 'inherit to a local reusable workflow',
      code: `on: push\njobs:\n  d:\n    uses: ./.github/workflows/deploy.yml\n    secrets: inherit`,
    },
    {
      name: 'secrets in a pull_request_target job that runs only base code',
      code: `on: pull_request_target\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${sha}\n      - run: ./label.sh\n        env:\n          TOKEN: \${{ secrets.LABEL_TOKEN }}`,
    },
    {
      name: 'secret used before the head checkout',
      code: `on: pull_request_target\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./comment.sh\n        env:\n          TOKEN: \${{ secrets.BOT_TOKEN }}\n${checkoutHead}      - run: npm test`,
    },
  ],
  invalid: [
    {
      name: 'inherit to an unpinned remote reusable workflow',
      code: `on: push\njobs:\n  d:\n    uses: org/shared/.github/workflows/deploy.yml@v1\n    secrets: inherit # vigil-expect`,
    },
    {
      name: 'secret in env of a step running PR code',
      code: `on: pull_request_target\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n${checkoutHead}      - run: npm test\n        env:\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN }} # vigil-expect`,
    },
    {
      name: 'job env secret and a with: secret to a build action',
      code: `on: pull_request_target\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n      API_KEY: \${{ secrets.API_KEY }} # vigil-expect\n    steps:\n${checkoutHead}      - uses: docker/build-push-action@${sha}\n        with:\n          secrets: token=\${{ secrets.REGISTRY_TOKEN }} # vigil-expect`,
    },
  ],
} satisfies RuleCases;
