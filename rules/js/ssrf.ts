import { defineTaintRule } from '../../src/sast/taint/rule.ts';

const HTTP_CLIENTS = [
  'fetch',
  'axios',
  'axios.get',
  'axios.post',
  'axios.put',
  'axios.patch',
  'axios.delete',
  'axios.head',
  'axios.request',
  'got',
  'got.get',
  'got.post',
  'got.stream',
  'http.get',
  'http.request',
  'https.get',
  'https.request',
  'undici.request',
  'undici.fetch',
  'undici.stream',
  'node-fetch',
  'request',
  'request.get',
  'request.post',
  'needle.get',
  'needle',
  'superagent.get',
  'superagent.post',
  'ky',
  'ky.get',
  'ky.post',
];

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
      '`http.request`, undici). The server then reaches what the attacker cannot: cloud metadata at ' +
      '169.254.169.254, admin ports on localhost, the internal network. Fix the host and let input ' +
      'choose only a path segment, or parse the URL and check its host against an allow-list: ' +
      '`const u = new URL(input); if (!ALLOWED_HOSTS.has(u.hostname)) throw …; await fetch(u);`',
    fixHint: 'Fix the host in code, or check new URL(input).hostname against an allow-list.',
  },
  {
    sources: ['remote'],
    sinks: [{ call: HTTP_CLIENTS, args: [0], label: 'the URL of an outgoing request' }],
    sanitisedBy: ['numeric', 'prefixed', 'url'],
    guards: ['allow'],
  },
);
