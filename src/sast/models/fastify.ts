import type { FrameworkModel } from '../taint/spec.ts';

/** Fastify: `(request, reply)` handlers; the request's sources are Express's. */
export const fastify: FrameworkModel = {
  framework: 'fastify',
  hints: ['\\breply\\b', 'FastifyRequest'],
  handlers: [
    { framework: 'fastify', paramNames: ['^req(uest)?$', '^reply$'], params: ['@Request', '@Reply'] },
    { framework: 'fastify', paramType: ['FastifyRequest'], params: ['@Request', '@Reply'] },
    { framework: 'fastify', call: '*.route', params: ['@Request', '@Reply'] },
  ],
  sources: [{ path: '@Request.raw', kind: 'remote', label: 'request.raw' }],
};
