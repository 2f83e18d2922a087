import type { Flag, FrameworkModel, SourceModel } from '../taint/spec.ts';

/** Parts read raw from the request line or a header: text, and no line break in it (see express.ts). */
const RAW_TEXT = [
  'url',
  'originalUrl',
  'path',
  'querystring',
  'host',
  'hostname',
  'href',
  'headers',
  'header',
];
/** Parts that are always text (route parameters are decoded: `%0A` is a line break), and header values. */
const TEXT_ONLY = new Set(['params', ...RAW_TEXT]);
const NO_LINE_BREAK = new Set(RAW_TEXT);
/** Parts the `Host` header decides (`href` starts with it). */
const FROM_HOST = new Set(['host', 'hostname', 'href']);

/** The request target and its path: a browser starts them with `/` (spec.ts, `target`). */
const TARGET = new Set(['url', 'originalUrl', 'path']);

function textFlags(part: string): { flags?: Flag[] } {
  if (!TEXT_ONLY.has(part)) return {};
  const flags: Flag[] = NO_LINE_BREAK.has(part) ? ['string', 'crlf'] : ['string'];
  if (FROM_HOST.has(part)) flags.push('requester');
  if (part === 'headers' || part === 'header') flags.push('header');
  if (TARGET.has(part)) flags.push('target');
  return { flags };
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
    ...['query', ...TEXT_ONLY].flatMap((p): SourceModel[] => [
      { path: `@KoaContext.${p}`, kind: 'remote', label: `ctx.${p}`, ...textFlags(p) },
      { path: `@KoaContext.request.${p}`, kind: 'remote', label: `ctx.request.${p}`, ...textFlags(p) },
    ]),
    { path: '@KoaContext.request.body', kind: 'remote', label: 'ctx.request.body' },
    { path: '@KoaContext.request.files', kind: 'remote', label: 'ctx.request.files', flags: ['upload'] },
    {
      path: '@KoaContext.get',
      call: true,
      kind: 'remote',
      label: 'ctx.get()',
      flags: ['string', 'crlf', 'header'],
    },
    {
      path: '@KoaContext.cookies.get',
      call: true,
      kind: 'remote',
      label: 'ctx.cookies.get()',
      flags: ['string'],
    },
  ],
};
