import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/tainted-regexp',
    kind: 'sast',
    title: 'Regular expression injection: untrusted data becomes a regex (ReDoS)',
    severity: 'medium',
    cwe: ['CWE-1333', 'CWE-730'],
    owasp: ['A03:2021-Injection'],
    help:
      'Untrusted text is compiled into a regular expression (`new RegExp(q)`, `str.match(q)`, `str.search(q)`). ' +
      'A pattern such as `(a+)+$` takes exponential time and blocks the event loop for every user; ' +
      'metacharacters also change what matches. Escape the text first ' +
      "(`_.escapeRegExp(q)` or `q.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&')`) or use `includes` for plain substring search.",
    fixHint: 'Escape the input (escapeRegExp) or search with includes/indexOf instead.',
  },
  {
    sinks: [
      { call: ['RegExp'], args: [0], label: 'a regular expression' },
      {
        call: ['*.match', '*.search', '*.matchAll'],
        args: [0],
        label: 'a regular expression built from a string',
      },
    ],
    sources: ['remote', 'cli', 'dom', 'storage', 'library'],
    sanitisedBy: ['numeric', 'regex'],
    guards: ['allow'],
    supersedes: ['js/regexp-non-literal'],
  },
);
