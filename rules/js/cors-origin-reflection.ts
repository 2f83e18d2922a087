import { HEADER_SETTERS } from '../../src/sast/models/responses.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';

const ACAO_KEYS = ['Access-Control-Allow-Origin', 'access-control-allow-origin'];

export default defineTaintRule(
  {
    id: 'js/cors-origin-reflection',
    kind: 'sast',
    title: 'CORS misconfiguration: the request Origin is reflected as allowed',
    severity: 'high',
    cwe: ['CWE-942', 'CWE-346'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      '`Access-Control-Allow-Origin` is set from the request (usually its `Origin` header), so every ' +
      "site may read responses — with `Access-Control-Allow-Credentials: true`, using the victim's " +
      'cookies. Compare the origin with an allow-list before echoing it: ' +
      "`if (ALLOWED_ORIGINS.has(origin)) res.setHeader('Access-Control-Allow-Origin', origin);`",
    fixHint: 'Echo the Origin only after checking it against an allow-list of trusted origins.',
  },
  {
    sources: ['remote'],
    sinks: [
      {
        call: HEADER_SETTERS,
        args: [1],
        firstLiteral: '^access-control-allow-origin$',
        label: 'Access-Control-Allow-Origin',
      },
      // res.set({ 'Access-Control-Allow-Origin': origin, … }), res.header({…}), ctx.set({…})
      ...ACAO_KEYS.map((key) => ({
        call: HEADER_SETTERS,
        args: [0],
        when: [{ arg: 0, key, present: true }],
        keys: [key],
        label: 'Access-Control-Allow-Origin',
      })),
      {
        call: ['@Response.writeHead'],
        args: [1, 2],
        keys: ['Access-Control-Allow-Origin', 'access-control-allow-origin'],
        label: 'Access-Control-Allow-Origin',
      },
    ],
    sanitisedBy: [],
    guards: ['allow', 'lookup'],
  },
);
