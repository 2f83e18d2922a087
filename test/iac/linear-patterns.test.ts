import { describe, it } from 'vitest';
import { iacRules } from '../../rules/iac-index.ts';
import { parseSuppressions } from '../../src/core/suppressions.ts';
import { runIacRules } from '../../src/iac/engine.ts';
import { expectLinear, fill, shaped, type Adversary } from '../support/linear-time.ts';

const BENIGN_DOCKERFILE = [
  '# build stage\n',
  'FROM node:20-bookworm AS build\n',
  'ARG VERSION=1.2.3\n',
  'ENV NODE_ENV=production PATH=/app/node_modules/.bin:$PATH\n',
  'RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 \\\n',
  '    && rm -rf /var/lib/apt/lists/*\n',
  'COPY --chown=node:node package.json package-lock.json ./\n',
  'RUN npm ci && npm run build -- --mode ${VERSION:-dev}\n',
  'USER node\n',
].join('');

/** Each shape aims at a pattern of the Dockerfile parser or a Dockerfile rule. */
const DOCKERFILE_ADVERSARIES: Adversary[] = [
  shaped('a parser directive padded with blanks', '# syntax=a', ' ', 'b\nFROM a\n'),
  shaped('a parser directive padded with tabs', '# escape=\\', '\t', '\\\nFROM a\n'),
  shaped('an ARG word without =', 'FROM a\nARG ', 'a', '\nUSER root\n'),
  shaped('ARG words glued by digits', 'FROM a\nARG ', '1a', '\nUSER root\n'),
  shaped('a chmod clause of o', 'FROM a\nRUN chmod ,', 'o', ' x\n'),
  shaped('chmod clauses', 'FROM a\nRUN chmod ', ',uo', ' x\n'),
  shaped('chmod clause of ug then +', 'FROM a\nRUN chmod ', 'ug', '+r x\n'),
  shaped('backticks', 'FROM a\nRUN echo ', '`'),
  shaped('$( openers', 'FROM a\nRUN echo ', '$( '),
  shaped('a path before curl', 'FROM a\nRUN echo $(', 'a/', 'curlx\n'),
  shaped('blanks in a RUN', 'FROM a\nRUN echo', ' ', 'x\n'),
  shaped('heredoc openers', 'FROM a\nRUN ', '<<a '),
  shaped('ENV words', 'FROM a\nENV ', 'a '),
  shaped('ENV a=a=', 'FROM a\nENV ', 'a='),
  shaped('unclosed ${VAR:- in ARG', 'FROM a\nARG ', '${a:-'),
  shaped('unclosed ${VAR:- in USER', 'FROM a\nUSER ', '${a:-'),
  shaped('flags', 'FROM a\nCOPY --', 'a-', ' x y\n'),
  shaped('continuations', 'FROM a\nRUN a ', '\\ \n'),
  shaped('install lines', 'FROM a\n', 'RUN apt-get install -y a\n'),
  shaped('query marks in an ADD URL', 'FROM a\nADD http://x/', '?', ' /\n'),
  shaped('FROM tags', 'FROM ', 'a:'),
];

const WORKFLOW_HEAD = 'on: pull_request_target\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ';
const BENIGN_WORKFLOW =
  'on: push\npermissions:\n  contents: read\njobs:\n' +
  fill(
    '  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@8f4b7f84864484a7bf31766abe9204da3cbe65b3\n      - run: npm ci && npm test -- --shard ${{ matrix.shard }}\n',
    1024,
  );

/** Each shape aims at the expression and context scanning of the workflow parser and rules. */
const WORKFLOW_ADVERSARIES: Adversary[] = [
  shaped('expression openers', WORKFLOW_HEAD, '${{ '),
  shaped('a long context path', `${WORKFLOW_HEAD}\${{ github`, '.a', ' }}\n'),
  shaped('unclosed index brackets', `${WORKFLOW_HEAD}\${{ github`, '['),
  shaped('quote pairs', `${WORKFLOW_HEAD}\${{ github['`, "''", ' }}\n'),
  shaped('git fetch near-misses', `${WORKFLOW_HEAD}git fetch `, 'pull'),
  shaped('gh near-misses', WORKFLOW_HEAD, 'gh '),
  shaped('blanks in a run line', `${WORKFLOW_HEAD}echo`, ' ', 'x\n'),
  // YAML structure, for the parser under the rules
  shaped('lines of explicit keys 128 deep', 'on: push\njobs:\n', `  ${'? '.repeat(128)}a\n`),
  shaped('explicit keys nested to the end', 'on: push\njobs:\n  ', '? '),
  shaped(
    'aliases of one anchor',
    'on: push\nenv: &e {A: "${{ github.head_ref }}"}\njobs:\n  a:\n    env:\n',
    '      - *e\n',
  ),
  shaped('one key repeated', 'on: push\njobs:\n', '  a:\n    runs-on: x\n'),
  shaped('a long flow sequence', 'on: [', 'push, ', 'push]\n'),
];

describe('Dockerfile and workflow parsing and rules run in time linear in the file', () => {
  const kinds = [
    {
      kind: 'dockerfile',
      path: 'Dockerfile',
      benign: BENIGN_DOCKERFILE,
      adversaries: DOCKERFILE_ADVERSARIES,
    },
    {
      kind: 'workflow',
      path: '.github/workflows/ci.yml',
      benign: BENIGN_WORKFLOW,
      adversaries: WORKFLOW_ADVERSARIES,
    },
  ] as const;
  for (const { kind, path, benign, adversaries } of kinds) {
    it(`${kind}: 1 MiB of adversarial text stays within budget`, () => {
      expectLinear(
        kind,
        (text) => runIacRules(path, text, iacRules, kind),
        (n) => fill(benign, n),
        adversaries,
      );
    }, 300_000);
  }
});

describe('suppression comments are parsed in time linear in the file', () => {
  const directive = '// vigil-ignore-line js/eval -- reviewed';
  it('1 MiB of adversarial text stays within budget', () => {
    expectLinear(
      'suppressions',
      (text) => parseSuppressions('a.ts', text),
      (n) => fill(`const a = 1;\n${directive}\n`, n),
      [
        shaped('blanks before the end of a directive', directive, ' ', 'x'),
        shaped('stars before the end of a directive', directive, '*', 'x'),
        shaped('stars and blanks before a close', `/* ${directive.slice(3)}`, '* ', '*/'),
        shaped('dashes before the end of a directive', directive, '-', '>x'),
        shaped('slashes before a marker', '', '/', 'vigil-ignore-x'),
        shaped('openers after a marker', 'vigil-ignore- ', ' //'),
        shaped('directives', '', `${directive}\n`),
        shaped('rule ids', '// vigil-ignore-line ', 'a, '),
      ],
    );
  }, 300_000);
});
