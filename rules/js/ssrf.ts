import { SSRF_SINKS } from '../../src/sast/models/http-clients.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/ssrf',
    kind: 'sast',
    title: 'Server-side request forgery: untrusted data chooses where the server connects',
    severity: 'high',
    cwe: ['CWE-918'],
    owasp: ['A10:2021-Server-Side Request Forgery'],
    help:
      'A URL (or its host) from the request reaches an outgoing HTTP call (`fetch`, axios, got, ' +
      '`http.request`, undici, request, needle, superagent, ky, bent), a socket `connect`, or a ' +
      'headless browser or renderer (`page.goto`, `page.setContent` of HTML whose links it fetches, phantom `page.open`, wkhtmltopdf, html-pdf). The server then reaches what the attacker cannot: cloud metadata at ' +
      '169.254.169.254, admin ports on localhost, the internal network. Fix the host and let input ' +
      'choose only a path segment, or parse the URL and check its host against an allow-list: ' +
      '`const u = new URL(input); if (!ALLOWED_HOSTS.has(u.hostname)) throw …; await fetch(u);`',
    fixHint: 'Fix the host in code, or check new URL(input).hostname against an allow-list.',
  },
  {
    sources: ['remote'],
    sinks: SSRF_SINKS,
    sanitisedBy: ['numeric', 'prefixed', 'url'],
    guards: ['allow', 'lookup', 'url-prefix'],
  },
);
