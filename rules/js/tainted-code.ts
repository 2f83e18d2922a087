import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/tainted-code',
    kind: 'sast',
    title: 'Code injection: untrusted data is evaluated as JavaScript',
    severity: 'critical',
    cwe: ['CWE-94', 'CWE-95'],
    owasp: ['A03:2021-Injection'],
    help:
      'Untrusted data reaches `eval`, `new Function`, `vm.run*`, or a string `setTimeout`/`setInterval`, ' +
      'and runs as code with the full rights of the process (or the page). Parse data instead of ' +
      'evaluating it: `JSON.parse(body)`, or map names to functions with a fixed table ' +
      '`const ops = { add, sub }; ops[name]?.(a, b)` after an allow-list check.',
    fixHint: 'Never evaluate input: parse it (JSON.parse) or dispatch through a fixed table.',
  },
  {
    sinks: [
      { call: ['eval', 'Function'], args: 'all', label: 'code evaluation' },
      { call: ['setTimeout', 'setInterval', 'setImmediate'], label: 'a timer given code as a string' },
      {
        call: [
          'vm.runInNewContext',
          'vm.runInThisContext',
          'vm.runInContext',
          'vm.compileFunction',
          'vm.Script',
          'vm.SourceTextModule',
        ],
        label: 'code run by the vm module',
      },
    ],
    sanitisedBy: ['numeric', 'json'],
    guards: ['allow'],
    supersedes: ['js/code-injection'],
  },
);
