import type { Flag, FrameworkModel, SourceModel } from '../taint/spec.ts';

/** Parts that are always text; those read raw from the request line or Host header hold no line break. */
const TEXT_ONLY = new Set([
  'params',
  'url',
  'originalUrl',
  'path',
  'querystring',
  'host',
  'hostname',
  'href',
]);
const NO_LINE_BREAK = new Set(['url', 'originalUrl', 'path', 'querystring', 'host', 'hostname', 'href']);

function textFlags(part: string): { flags?: Flag[] } {
  if (!TEXT_ONLY.has(part)) return {};
  return { flags: NO_LINE_BREAK.has(part) ? ['string', 'crlf'] : ['string'] };
}

/** Koa: the context object is the request and the response. */
export const koa: FrameworkModel = {
  framework: 'koa',
  // A first parameter named ctx (see handlers), or typed as a context.
  hints: ['\\(\\s*ctx\\b', '\\bctx\\s*=>', ':\\s*(Parameterized|Router)?Context\\b'],
  handlers: [
    { framework: 'koa', paramNames: ['^ctx$'], params: ['@KoaContext', '@Next'] },
    {
      framework: 'koa',
      paramType: ['Context', 'ParameterizedContext', 'RouterContext'],
      params: ['@KoaContext'],
    },
  ],
  sources: [
    ...[
      'query',
      'params',
      'headers',
      'header',
      'url',
      'originalUrl',
      'path',
      'querystring',
      'host',
      'hostname',
      'href',
    ].flatMap((p): SourceModel[] => [
      { path: `@KoaContext.${p}`, kind: 'remote', label: `ctx.${p}`, ...textFlags(p) },
      { path: `@KoaContext.request.${p}`, kind: 'remote', label: `ctx.request.${p}`, ...textFlags(p) },
    ]),
    { path: '@KoaContext.request.body', kind: 'remote', label: 'ctx.request.body' },
    { path: '@KoaContext.request.files', kind: 'remote', label: 'ctx.request.files', flags: ['upload'] },
    { path: '@KoaContext.get', call: true, kind: 'remote', label: 'ctx.get()', flags: ['string'] },
    {
      path: '@KoaContext.cookies.get',
      call: true,
      kind: 'remote',
      label: 'ctx.cookies.get()',
      flags: ['string'],
    },
  ],
};
