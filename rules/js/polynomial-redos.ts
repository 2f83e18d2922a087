import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/polynomial-redos',
    kind: 'sast',
    title: 'Polynomial ReDoS: untrusted text runs through a regex that backtracks',
    severity: 'medium',
    cwe: ['CWE-1333', 'CWE-730'],
    owasp: ['A06:2021-Vulnerable and Outdated Components'],
    help:
      'A regex such as `/\\s+$/`, `/a+b/` or `/^\\s*(.*?)\\s*$/` takes time quadratic (or worse) in ' +
      'the length of the text when it fails: the engine retries from every start position in a long ' +
      'run of spaces, or tries every way to split the run between two loops. Run over request data or ' +
      "a library caller's argument, a string of some 50,000 spaces blocks the event loop for seconds. " +
      'Anchor the search (`/^…/`), make adjacent loops match disjoint characters, trim with ' +
      '`String.prototype.trimEnd`, or bound the input length first (`if (s.length > 1000) …`).',
    fixHint:
      'Bound the input length, anchor the regex, or rewrite it so no two adjacent loops share a character.',
  },
  {
    sinks: [],
    sources: ['remote', 'library'],
    sanitisedBy: ['numeric'],
    guards: ['allow', 'bound', 'type'],
    slowRegexInput: true,
  },
);
