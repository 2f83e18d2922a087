import type { FrameworkModel } from '../taint/spec.ts';

/** Request parts that are always text: route parameters, the URL and its pieces, addresses. */
const TEXT_ONLY = new Set(['params', 'url', 'originalUrl', 'path', 'hostname', 'host', 'ip']);

const ROUTE_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head', 'use'];

/** Express (and anything shaped like it: Connect, raw `http.createServer`, Next.js API routes). */
export const express: FrameworkModel = {
  framework: 'express',
  hints: [
    '\\breq\\b',
    '\\brequest\\b',
    '\\bRequest\\b',
    'IncomingMessage',
    '\\.(get|post|put|patch|delete|del|all|options|head|route)\\s*\\(\\s*[\'"`/\\[]',
  ],
  handlers: [
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
      ...(TEXT_ONLY.has(p) ? { flags: ['string' as const] } : {}),
    })),
    ...['get', 'header', 'param'].map((m) => ({
      path: `@Request.${m}`,
      call: true,
      kind: 'remote' as const,
      label: `request ${m}()`,
      // req.param() also reads the body, which can hold objects.
      ...(m !== 'param' ? { flags: ['string' as const] } : {}),
    })),
  ],
};
