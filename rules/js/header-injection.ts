import { HEADER_SETTERS } from '../../src/sast/models/responses.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/header-injection',
    kind: 'sast',
    title: 'HTTP header injection: untrusted data is written into a response header',
    severity: 'medium',
    cwe: ['CWE-113', 'CWE-644'],
    owasp: ['A03:2021-Injection'],
    help:
      'Request data becomes a response header name or value. Where CR/LF get through (older Node, ' +
      'proxies, other runtimes) the attacker splits the response; even without them, a header such as ' +
      '`Content-Disposition` or `Link` under attacker control changes how the browser treats the page. ' +
      "Encode the value or strip line breaks: `res.setHeader('Content-Disposition', 'attachment; filename=' + encodeURIComponent(name))`.",
    fixHint: 'Encode header values (encodeURIComponent) or strip \\r and \\n; prefer fixed values.',
  },
  {
    sources: ['remote'],
    sinks: [
      {
        call: [...HEADER_SETTERS, '@Response.append', '@KoaContext.append'],
        args: [1],
        firstLiteral: '^(?!location$|access-control-allow-origin$)',
        label: 'a response header',
      },
      {
        // The header's name (the client picks `Set-Cookie` or `Refresh`), or Express's
        // `res.set({ name: value })` / Fastify's `reply.headers({...})` object form.
        call: [...HEADER_SETTERS, '@Response.append', '@KoaContext.append', '@Reply.headers'],
        args: [0],
        label: 'a response header name or header set',
      },
      // Not cookie values: Express's res.cookie encodes them (encodeURIComponent) and Koa's
      // cookies.set throws on one with a line break.
      {
        call: ['@Response.writeHead'],
        args: [1, 2],
        exceptKeys: ['Location', 'location', 'Access-Control-Allow-Origin', 'access-control-allow-origin'],
        label: 'response headers',
      },
    ],
    sanitisedBy: ['numeric', 'crlf', 'url'],
    guards: ['allow', 'lookup', 'type'],
  },
);
