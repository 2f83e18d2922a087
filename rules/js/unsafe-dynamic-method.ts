import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/unsafe-dynamic-method',
    kind: 'sast',
    title: 'Unvalidated dynamic method call: the request chooses which function runs',
    severity: 'high',
    cwe: ['CWE-470', 'CWE-754'],
    owasp: ['A03:2021-Injection'],
    help:
      'A method name from the request selects a function (`handlers[req.query.action](…)`). Besides the ' +
      'intended handlers the caller reaches inherited ones — `constructor`, `__defineGetter__`, ' +
      '`toString` — and anything else on the object, and a missing name throws. Check the name ' +
      'against an own-property allow-list first: `if (Object.hasOwn(handlers, action)) handlers[action](req);` ' +
      'or use a Map.',
    fixHint: 'Look the name up in a Map, or check Object.hasOwn / an allow-list before calling.',
  },
  {
    sources: ['remote', 'dom'],
    sinks: [],
    // A name that starts with `/`, `?` or `#` (a request target, a URL's path, query or fragment)
    // names no inherited member: those are all identifiers.
    sanitisedBy: ['numeric', 'target', 'delimited'],
    guards: ['allow', 'deny-proto'],
    taintedMethodCall: true,
  },
);
