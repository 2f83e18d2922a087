import { LOG_LEVELS } from '../../src/sast/models/loggers.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/tainted-format-string',
    kind: 'sast',
    title: 'Format string from untrusted data',
    severity: 'low',
    cwe: ['CWE-134'],
    owasp: ['A03:2021-Injection'],
    help:
      'Untrusted text is the format string of `util.format` or of a `console` call with further ' +
      'arguments. `%s`, `%o` and `%j` in it consume and misplace the other arguments, so log lines lie ' +
      "and can leak objects. Keep the format constant: `console.log('%s: %s', user, message)`.",
    fixHint: 'Use a constant format string and pass untrusted text as an argument.',
  },
  {
    sources: ['remote'],
    sinks: [
      { call: ['util.format'], args: [0], label: 'a format string' },
      { call: ['util.formatWithOptions'], args: [1], label: 'a format string' },
      // A console call formats its first argument only when more follow it.
      { call: LOG_LEVELS.map((l) => `console.${l}`), args: [0], minArgs: 2, label: 'a format string' },
    ],
    sanitisedBy: ['numeric', 'json', 'word'],
    guards: ['allow', 'lookup'],
  },
);
