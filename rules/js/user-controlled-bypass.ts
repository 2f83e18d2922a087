import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/user-controlled-bypass',
    kind: 'sast',
    title: 'User-controlled bypass: a check compares two values the same client sends',
    severity: 'high',
    cwe: ['CWE-807', 'CWE-290'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      'A condition tests one part of the request against another (`if (req.cookies.user === ' +
      'req.params.id)`): the client writes its cookies as freely as the URL, so it sets both to ' +
      'the same value and passes the check as anyone it names. Decide who the user is from what ' +
      'the server holds (a session, a verified token) and compare that with the request. Tokens ' +
      'checked against a cookie (double-submit CSRF tokens, OAuth state, nonces) are a defence, ' +
      'not this flaw, and are not reported.',
    fixHint: "Compare the request with the server's own record of the user (session, verified token).",
  },
  {
    sinks: [],
    sources: ['remote'],
    sanitisedBy: [],
    guards: [],
    comparedRequestParts: true,
  },
);
