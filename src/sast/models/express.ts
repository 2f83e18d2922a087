import { ERROR_ROLE, type Flag, type FrameworkModel } from '../taint/spec.ts';

/** Request parts that are always text: route parameters, the URL and its pieces, addresses, header values. */
const TEXT_ONLY = new Set(['params', 'url', 'originalUrl', 'path', 'hostname', 'host', 'ip', 'headers']);
/**
 * Parts read raw from the request line or a header: Node's HTTP parser answers 400 to a CR or LF
 * in either (and to a folded header line), so they hold none. Route parameters and cookies are
 * decoded: `%0A` is one.
 */
const NO_LINE_BREAK = new Set(['url', 'originalUrl', 'path', 'hostname', 'host', 'ip', 'headers']);
/** Parts the `Host` header decides. */
const FROM_HOST = new Set(['hostname', 'host']);
/** The request target and its path: a browser starts them with `/` (spec.ts, `target`). */
const TARGET = new Set(['url', 'originalUrl', 'path']);

function textFlags(part: string): Flag[] {
  const flags: Flag[] = NO_LINE_BREAK.has(part) ? ['string', 'crlf'] : ['string'];
  if (FROM_HOST.has(part)) flags.push('requester');
  if (part === 'headers') flags.push('header');
  if (TARGET.has(part)) flags.push('target');
  return flags;
}

/**
 * Request members that are not the sender's data: Express and Node set them from the connection
 * or the route, and session, authentication, logging and i18n middleware from server-side state.
 * Methods are here too: calling them reads nothing untrusted (`req.get()` is a source of its own).
 */
export const SERVER_SIDE = [
  // Express and http.IncomingMessage.
  ...['app', 'res', 'next', 'route', 'baseUrl', 'method', 'protocol', 'secure', 'xhr', 'fresh', 'stale'],
  ...['socket', 'connection', 'httpVersion', 'httpVersionMajor', 'httpVersionMinor', 'aborted'],
  ...['complete', 'statusCode', 'statusMessage', 'readable', 'destroyed', 'closed', 'errored'],
  ...['accepts', 'acceptsCharsets', 'acceptsEncodings', 'acceptsLanguages', 'is', 'range'],
  ...['get', 'header'],
  ...['on', 'once', 'off', 'pipe', 'unpipe', 'read', 'setEncoding', 'pause', 'resume', 'destroy'],
  ...['emit', 'addListener', 'removeListener', 'removeAllListeners', 'setTimeout', 'listeners'],
  // Sessions, authentication, CSRF, flash messages.
  ...['session', 'sessionID', 'sessionStore', 'user', 'auth', 'authInfo', 'account', 'isAuthenticated'],
  ...['isUnauthenticated', 'login', 'logIn', 'logout', 'logOut', 'csrfToken', 'flash', 'permissions'],
  // Logging, tracing, i18n, dependency containers and per-request state the server keeps.
  ...['id', 'requestId', 'log', 'logger', 'span', 'startTime', '_startAt', '_startTime', 'timedout'],
  ...['t', 'i18n', 'locale', 'locals', 'context', 'services', 'container', 'config', 'db', 'models'],
];

/** Router methods that register middleware and handlers (`router.post(path, ...handlers)`). */
export const ROUTE_METHODS = [
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'all',
  'options',
  'head',
  'use',
];

/** Express (and anything shaped like it: Connect, raw `http.createServer`, Next.js API routes). */
export const express: FrameworkModel = {
  framework: 'express',
  // The shapes that give a function the request's role (see handlers): parameters named as a request
  // and a response, a first parameter typed as a request, a function passed to a route call.
  hints: [
    '\\b(req|request)\\b[^,()]{0,80},\\s*_?(res|response|reply)\\b',
    '\\b(Request|IncomingMessage|NextApiRequest)\\b',
    '\\.(get|post|put|patch|delete|del|all|options|head)\\s*\\(\\s*([\'"`][^\'"`\\n]{0,200}[\'"`]|/[^\\n]{0,200}?/[a-z]*|\\[)\\s*,',
    '\\.(route|use)\\s*\\(',
  ],
  handlers: [
    // Error middleware: Express tells it by its four parameters, the first being what was thrown.
    ...ROUTE_METHODS.map((m) => ({
      framework: 'express',
      call: `*.${m}`,
      arity: 4,
      params: [ERROR_ROLE, '@Request', '@Response', '@Next'],
    })),
    {
      framework: 'express',
      paramNames: ['^err(or)?$', '^req(uest)?$', '^res(ponse)?$'],
      params: [ERROR_ROLE, '@Request', '@Response', '@Next'],
    },
    ...ROUTE_METHODS.map((m) => ({
      framework: 'express',
      call: `*.${m}`,
      route: m !== 'use',
      params: ['@Request', '@Response', '@Next'],
    })),
    {
      framework: 'express',
      paramNames: ['^req(uest)?$', '^res(ponse)?$'],
      params: ['@Request', '@Response'],
    },
    {
      framework: 'express',
      paramType: ['Request', 'IncomingMessage', 'NextApiRequest'],
      params: ['@Request', '@Response'],
    },
  ],
  // Express's setters return the response (`res.status(404).send(…)`); so do Node's `writeHead`
  // and `setHeader` since Node 11 and 16.
  returnsSelf: [
    {
      role: '@Response',
      methods: [
        ...['status', 'set', 'header', 'append', 'type', 'contentType', 'cookie', 'clearCookie'],
        ...['location', 'vary', 'links', 'attachment', 'writeHead', 'setHeader'],
      ],
    },
  ],
  sources: [
    ...[
      'query',
      'params',
      'body',
      'headers',
      'cookies',
      'signedCookies',
      'url',
      'originalUrl',
      'path',
      'files',
      'file',
      'rawHeaders',
      'hostname',
      'host',
      'ip',
    ].map((p) => ({
      path: `@Request.${p}`,
      kind: 'remote' as const,
      label: `request ${p}`,
      ...(TEXT_ONLY.has(p)
        ? { flags: textFlags(p) }
        : p === 'files' || p === 'file'
          ? { flags: ['upload' as const] }
          : {}),
    })),
    {
      // Middleware hangs what it parsed on the request (`req.data`, `req.fields`, `req.rawBody`):
      // request data more often than not, so a source, at medium precision (remote-extra).
      path: '@Request.*',
      kind: 'remote-extra',
      label: 'a request property set by middleware',
      except: SERVER_SIDE,
    },
    ...['get', 'header', 'param'].map((m) => ({
      path: `@Request.${m}`,
      call: true,
      kind: 'remote' as const,
      label: `request ${m}()`,
      // req.param() also reads the body, which can hold objects; a header value holds no line break.
      ...(m !== 'param' ? { flags: ['string' as const, 'crlf' as const, 'header' as const] } : {}),
    })),
  ],
};
