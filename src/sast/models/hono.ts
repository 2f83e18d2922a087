import {
  ERROR_ROLE,
  type Flag,
  type FrameworkModel,
  type HandlerModel,
  type SourceModel,
} from '../taint/spec.ts';

/**
 * The roles a Hono context (`c`) gets. Its own, `@HonoContext`, where a function is given to an
 * app's route methods or a factory helper. Koa's, `@KoaContext`, where the first parameter is named
 * `ctx` or typed `Context`: Koa's model claims those whatever the function is passed to (a name or a
 * type decides, and `Context` is both frameworks' type), and Hono code writes both (`(ctx) => …`,
 * `(c: Context) => …` in a controller file). What Hono reads and writes through the context means
 * nothing on a Koa one — Koa's `ctx.req` is Node's IncomingMessage, with no `query()`, `param()`,
 * `json()`, `path` or `raw`, and Koa has no `ctx.html()` or `ctx.header()` — so sources and sinks
 * are written against both (`ctx.req.url` is Koa's request target: request data there too).
 */
export const HONO_CONTEXTS = ['@HonoContext', '@KoaContext'] as const;

/** `c.<member>` on every role a Hono context gets: sink patterns for the rules (`c.html`). */
export function honoContext(member: string): string[] {
  return HONO_CONTEXTS.map((role) => `${role}.${member}`);
}

/**
 * Hono applications: `new Hono()` (also from the `hono/tiny` and `hono/quick` presets), Zod OpenAPI
 * Hono's subclass, and the factory helper's `createApp()`.
 */
const APPS = [
  'hono.Hono()',
  'hono/tiny.Hono()',
  'hono/quick.Hono()',
  '@hono/zod-openapi.OpenAPIHono()',
  'hono/factory.createFactory().createApp()',
];

/**
 * App methods taking handlers and middleware (`app.get(path, ...handlers)`, `app.on(method, path,
 * handler)`, `app.use(mw)`, a path-less `.post(handler)` chained after a route, OpenAPIHono's
 * `openapi(route, handler)`): every function argument is one, whatever comes first.
 */
const APP_METHODS = [
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'options',
  'all',
  'on',
  'use',
  'notFound',
  'openapi',
];

/** Methods that return the app (`new Hono().basePath('/api').get(…).post(…)`). */
const CHAINED = [...APP_METHODS, 'route', 'basePath', 'onError'];

/** `(c, next)`: the context and the next middleware. */
const HANDLER_PARAMS = ['@HonoContext', '@Next'];

const HANDLERS: HandlerModel[] = [
  ...APPS.flatMap((app) => [
    ...APP_METHODS.map((m) => ({ framework: 'hono', call: `${app}.${m}`, params: HANDLER_PARAMS })),
    // `app.onError((err, c) => …)`: what was thrown, then the context.
    { framework: 'hono', call: `${app}.onError`, params: [ERROR_ROLE, '@HonoContext'] },
  ]),
  // `validator(target, (value, c) => …)` (hono/validator): the request part as sent, then the context.
  { framework: 'hono', call: 'hono/validator.validator', params: ['@HonoValidatorValue', '@HonoContext'] },
  // The factory helper: handlers and middleware defined away from `app.get(…)`.
  ...['createFactory().createHandlers', 'createFactory().createMiddleware', 'createMiddleware'].map((f) => ({
    framework: 'hono',
    call: `hono/factory.${f}`,
    params: HANDLER_PARAMS,
  })),
];

/**
 * HonoRequest (`c.req`) methods that read what the client sent. Route parameters and query values
 * are decoded text, header values and `text()` text: `string`; a header value holds no line break
 * (the Fetch API's `Headers` and Node's parser refuse one). A parsed JSON or form body can be
 * an object of any shape, and `arrayBuffer()`/`blob()` are bytes.
 *
 * `valid(target)` returns what a validator middleware (`zValidator('json', schema)`,
 * `validator('form', fn)`) let through: still the client's choice, only shaped by a schema. As
 * for express-validator or zod middleware in front of an Express handler, it stays a source for
 * every rule; src/sast/routes/validated.ts lowers the NoSQL and mass assignment findings of a
 * handler registered behind a validator of the part it reads (the target names it).
 */
const REQUEST_METHODS: ReadonlyArray<readonly [string, Flag[]]> = [
  ['param', ['string']],
  ['query', ['string']],
  ['queries', ['string']],
  ['header', ['string', 'crlf', 'header']],
  ['text', ['string']],
  ['json', []],
  ['parseBody', []],
  ['formData', []],
  ['arrayBuffer', []],
  ['blob', []],
  ['valid', []],
];

/**
 * HonoRequest properties. `url` is the whole URL the runtime parsed (no line break); its host is
 * the `Host` header's, yet it carries no `requester`: the engine keeps that flag on what is read
 * from it (`new URL(c.req.url).searchParams.get('next')`, its path), the client's choice in a link.
 * A redirect to the request's own URL in a route with a fixed first segment is pinned by that
 * route (src/sast/taint/route-paths.ts). `path` is decoded (`%0A` is a line break); `raw` is the
 * Fetch Request.
 */
const REQUEST_PROPERTIES: ReadonlyArray<readonly [string, Flag[]]> = [
  ['url', ['string', 'crlf']],
  ['path', ['string']],
  ['raw', []],
];

function requestSources(role: string): SourceModel[] {
  // Named alike on both roles: the code may call the context `c` or `ctx`.
  const source = (member: string, flags: Flag[], call: boolean): SourceModel => ({
    path: `${role}.req.${member}`,
    kind: 'remote',
    label: `Hono request ${member}${call ? '()' : ''}`,
    ...(call ? { call } : {}),
    ...(flags.length ? { flags } : {}),
  });
  return [
    ...REQUEST_METHODS.map(([m, flags]) => source(m, flags, true)),
    ...REQUEST_PROPERTIES.map(([p, flags]) => source(p, flags, false)),
  ];
}

/** Hono (hono.dev): handlers take a context `c` whose `req` reads the request. */
export const hono: FrameworkModel = {
  framework: 'hono',
  // An import of Hono or one of its middleware packages; `ctx` and `Context` are Koa's hints.
  hints: ['\\b(?:from|require\\s*\\()\\s*[\'"](?:hono[\'"/]|@hono/)'],
  handlers: HANDLERS,
  returnsSelf: APPS.map((role) => ({ role, methods: CHAINED })),
  sources: [
    ...HONO_CONTEXTS.flatMap(requestSources),
    { path: '@HonoValidatorValue', kind: 'remote', label: 'a Hono validator value' },
    // The cookie helper: `getCookie(c, name)`, `getSignedCookie(c, secret, name)` (values decoded).
    ...['getCookie', 'getSignedCookie'].map((f): SourceModel => ({
      path: `hono/cookie.${f}`,
      call: true,
      kind: 'remote',
      label: `Hono ${f}()`,
      flags: ['string'],
    })),
  ],
};
