import { CODE_SINKS } from '../../src/sast/models/code.ts';
import { BROWSER_SCRIPT_SINKS } from '../../src/sast/models/http-clients.ts';
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
      'Untrusted data reaches `eval`, `new Function`, `vm.run*`, vm2, `safe-eval`, a headless browser ' +
      "page's `evaluate`, or a string `setTimeout`/`setInterval`, and runs as code with the full rights " +
      'of the process (or the page). Parse data instead of ' +
      'evaluating it: `JSON.parse(body)`, or map names to functions with a fixed table ' +
      '`const ops = { add, sub }; ops[name]?.(a, b)` after an allow-list check.',
    fixHint: 'Never evaluate input: parse it (JSON.parse) or dispatch through a fixed table.',
  },
  {
    sinks: [...CODE_SINKS, ...BROWSER_SCRIPT_SINKS],
    sources: ['remote', 'cli', 'dom', 'storage', 'library'],
    sanitisedBy: ['numeric', 'json'],
    guards: ['allow'],
    supersedes: ['js/code-injection'],
  },
);
