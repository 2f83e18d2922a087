import type { FrameworkModel } from '../taint/spec.ts';

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
    ].flatMap((p) => [
      { path: `@KoaContext.${p}`, kind: 'remote' as const, label: `ctx.${p}` },
      { path: `@KoaContext.request.${p}`, kind: 'remote' as const, label: `ctx.request.${p}` },
    ]),
    { path: '@KoaContext.request.body', kind: 'remote', label: 'ctx.request.body' },
    { path: '@KoaContext.request.files', kind: 'remote', label: 'ctx.request.files' },
    { path: '@KoaContext.get', call: true, kind: 'remote', label: 'ctx.get()' },
    { path: '@KoaContext.cookies.get', call: true, kind: 'remote', label: 'ctx.cookies.get()' },
  ],
};
