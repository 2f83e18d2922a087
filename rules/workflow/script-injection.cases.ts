import type { RuleCases } from '../../src/sast/rule.ts';

const head = `on: pull_request\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n`;

export default {
  valid: [
    {
      name: 'through env',
      code: `${head}      - env:\n          TITLE: \${{ github.event.pull_request.title }}\n        run: echo "$TITLE"`,
    },
    {
      name: 'safe contexts: number, sha, env, inputs',
      code: `${head}      - run: |\n          echo \${{ github.event.pull_request.number }}\n          git checkout \${{ github.event.pull_request.head.sha }}\n          echo "\${{ env.X }} \${{ inputs.name }} \${{ github.repository }}"`,
    },
    {
      name: 'untrusted context in if: and with: of other actions',
      code: `${head}      - if: contains(github.event.pull_request.title, 'WIP')\n        uses: some/action@0123456789abcdef0123456789abcdef01234567\n        with:\n          title: \${{ github.event.pull_request.title }}`,
    },
    {
      name: 'github-script reading the context object',
      code: `${head}      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea\n        with:\n          script: console.log(context.payload.pull_request.title)`,
    },
    {
      name: 'not a context: a property named github',
      code: `${head}      - run: echo \${{ steps.x.outputs.github }}`,
    },
  ],
  invalid: [
    {
      name: 'PR title in run',
      code: `${head}      - run: echo "\${{ github.event.pull_request.title }}" # vigil-expect`,
    },
    {
      name: 'head_ref on a line inside a block scalar',
      code: `${head}      - run: |\n          set -e\n          git push origin HEAD:\${{ github.head_ref }} # vigil-expect`,
    },
    {
      name: 'comment body into github-script',
      code: `on: issue_comment\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/github-script@v7\n        with:\n          script: |\n            const body = \`\${{ github.event.comment.body }}\` # vigil-expect`,
    },
    {
      name: 'commit message by index and whole event as JSON',
      code: `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "\${{ github.event.commits[0].message }}" # vigil-expect\n      - run: echo '\${{ toJSON(github.event) }}' > e.json # vigil-expect`,
    },
  ],
} satisfies RuleCases;
