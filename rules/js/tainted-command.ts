import { defineTaintRule } from '../../src/sast/taint/rule.ts';

const SHELL = [
  'child_process.exec',
  'child_process.execSync',
  'shelljs.exec',
  'execa.command',
  'execa.commandSync',
  'execa.execaCommand',
];
const PROGRAM = [
  'child_process.spawn',
  'child_process.spawnSync',
  'child_process.execFile',
  'child_process.execFileSync',
  'child_process.fork',
];

export default defineTaintRule(
  {
    id: 'js/tainted-command',
    kind: 'sast',
    title: 'Command injection: untrusted data reaches a shell command',
    severity: 'critical',
    cwe: ['CWE-78'],
    owasp: ['A03:2021-Injection'],
    help:
      'Request data, command-line arguments or page input flows into a command that a shell interprets ' +
      '(`exec`, `execSync`, `spawn` with `shell: true`) or chooses the program to run. An attacker adds ' +
      '`; rm -rf ~` or `$(curl …)`. Run a fixed program with an argument array and no shell, and check ' +
      "the value against an allow-list: `execFile('git', ['log', '--', file])`.",
    fixHint: 'Use execFile/spawn with a fixed program, an argument array and no shell.',
  },
  {
    sources: ['remote', 'cli', 'dom', 'storage', 'env', 'library'],
    sinks: [
      { call: SHELL, label: 'a shell command' },
      { call: PROGRAM, label: 'the program to run' },
      {
        call: PROGRAM.slice(0, 4),
        args: [1],
        when: [{ arg: 2, key: 'shell', present: true }],
        label: 'arguments of a command run by a shell',
      },
    ],
    sanitisedBy: ['numeric', 'shell'],
    guards: ['allow', 'type'],
    supersedes: ['js/command-injection'],
  },
);
