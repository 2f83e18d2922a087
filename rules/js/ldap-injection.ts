import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/ldap-injection',
    kind: 'sast',
    title: 'LDAP injection: untrusted data is built into an LDAP filter or DN',
    severity: 'high',
    cwe: ['CWE-90'],
    owasp: ['A03:2021-Injection'],
    help:
      'Request data is concatenated into an LDAP search filter (`client.search(base, { filter })`) or a ' +
      'bind DN. `*)(uid=*))(|(uid=*` widens the search; in a bind it can bypass authentication. Escape ' +
      "filter values (ldapjs's `EqualityFilter`, or escape `*()\\\\` and NUL) or validate the value strictly.",
    fixHint: 'Build filters with ldapjs filter objects or escape the value; validate user names strictly.',
  },
  {
    sinks: [
      {
        call: ['*.search'],
        args: [1],
        objectValues: true,
        receiver: '^(ldap|client|ldapClient|ad|directory)$',
        modules: ['ldapjs'],
        label: 'an LDAP search filter',
      },
      {
        call: ['*.bind'],
        args: [0],
        receiver: '^(ldap|client|ldapClient|ad|directory)$',
        modules: ['ldapjs'],
        label: 'an LDAP bind DN',
      },
    ],
    sanitisedBy: ['numeric', 'word'],
    guards: ['allow', 'lookup'],
  },
);
