import { HEADER_SETTERS } from '../../src/sast/models/responses.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';

/**
 * Headers whose value alone decides how the browser or a proxy treats the response: the document's
 * type, name and disposition, a timed redirect, cookies, the page's security policies, files a
 * proxy serves (nginx's `X-Accel-Redirect`, `X-Sendfile`).
 */
const POTENT_HEADERS = [
  'content-type',
  'content-disposition',
  'refresh',
  'set-cookie',
  'content-security-policy(?:-report-only)?',
  // The allowed origin is js/cors-origin-reflection's (as `Location` is js/open-redirect's).
  'access-control-allow-(?!origin$)[a-z-]+',
  'x-frame-options',
  'x-content-type-options',
  'x-xss-protection',
  'strict-transport-security',
  'x-accel-redirect',
  'x-sendfile',
  'x-lighttpd-send-file',
].join('|');

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
      '`Content-Type`, `Content-Disposition`, `Refresh`, `Set-Cookie` or `X-Accel-Redirect` under ' +
      'attacker control changes how the browser or a proxy treats the page. Other headers (`Link`, ' +
      '`X-Request-Id`) are medium precision: Node rejects line breaks in header values. ' +
      "Encode the value or strip line breaks: `res.setHeader('Content-Disposition', 'attachment; filename=' + encodeURIComponent(name))`.",
    fixHint: 'Encode header values (encodeURIComponent) or strip \\r and \\n; prefer fixed values.',
  },
  {
    sources: ['remote'],
    sinks: [
      {
        call: [...HEADER_SETTERS, '@Response.append', '@KoaContext.append'],
        args: [1],
        firstLiteral: `^(?:${POTENT_HEADERS})$`,
        label: 'a response header',
      },
      {
        // Node rejects CR and LF in header values, so the value of any other header stays that
        // header's (`Link`, `Surrogate-Key`, `X-Request-Id`): worth a look, not a gate.
        call: [...HEADER_SETTERS, '@Response.append', '@KoaContext.append'],
        args: [1],
        firstLiteral: `^(?!(?:${POTENT_HEADERS}|location|access-control-allow-origin)$)`,
        precision: 'medium',
        label: 'a response header whose value alone changes little',
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
