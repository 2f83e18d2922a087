import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode } from '../../src/sast/naming.ts';
import { findProperty, memberName, resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';
import { defineRule } from '../../src/sast/rule.ts';
import { pushChildren } from '../../src/sast/taint/key-writes.ts';

type Node = TSESTree.Node;

/** Rate limiters whose options name the function that keys a client: `keyGenerator`, koa's `id`. */
const LIMITERS: Record<string, string> = {
  'express-rate-limit': 'keyGenerator',
  'express-rate-limit.rateLimit': 'keyGenerator',
  'express-rate-limit.default': 'keyGenerator',
  'express-slow-down': 'keyGenerator',
  'express-slow-down.slowDown': 'keyGenerator',
  '@fastify/rate-limit': 'keyGenerator',
  'koa-ratelimit': 'id',
};
/** Headers any client may send with any value, which only a proxy that overwrites them makes true. */
const CLIENT_SET = /^(?:x-forwarded-for|forwarded|x-real-ip|x-client-ip|x-cluster-client-ip)$/i;
/** Nodes of a key function read for header names. */
const MAX_NODES = 2000;

/**
 * A header a node reads by a constant name: `headers['x-forwarded-for']`, `req.get('X-Real-IP')`.
 * Node gives `headers` its keys in lower case: `headers['X-Forwarded-For']` reads nothing.
 */
function headerRead(resolver: Resolver, n: Node): string | undefined {
  if (n.type === 'MemberExpression' && n.computed) {
    const name = resolver.staticValue(n.property)?.value;
    const object = unwrap(n.object);
    const holder =
      object.type === 'Identifier'
        ? object.name
        : object.type === 'MemberExpression'
          ? memberName(object)
          : '';
    return typeof name === 'string' && holder === 'headers' && name === name.toLowerCase() ? name : undefined;
  }
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') {
    const method = memberName(n.callee);
    if (method !== 'get' && method !== 'header') return undefined;
    const name = n.arguments[0] && resolver.staticValue(n.arguments[0])?.value;
    return typeof name === 'string' ? name : undefined;
  }
  return undefined;
}

/** `app.enable('trust proxy')`, `app.set('trust proxy', true)`: every hop trusted. */
function trustAll(resolver: Resolver, call: TSESTree.CallExpression): boolean {
  if (call.callee.type !== 'MemberExpression') return false;
  const method = memberName(call.callee);
  const [name, value] = call.arguments;
  if (!name || resolver.staticValue(name)?.value !== 'trust proxy') return false;
  if (method === 'enable') return call.arguments.length === 1;
  return method === 'set' && value !== undefined && resolver.staticValue(value)?.value === true;
}

export default defineRule({
  meta: {
    id: 'js/spoofable-rate-limit-key',
    kind: 'sast',
    title: 'Rate limit keyed by an address the client chooses',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-348', 'CWE-307'],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    help:
      'A rate limiter that tells clients apart by `X-Forwarded-For`, `Forwarded` or `X-Real-IP` ' +
      '(`keyGenerator: (req) => req.headers["x-forwarded-for"] || req.ip`) counts each value of that ' +
      'header as a new client: an attacker sends a different one with every request and is never ' +
      'limited, so a password-reset or login limit stops nobody. The same holds for `req.ip` when ' +
      "Express trusts every proxy (`app.set('trust proxy', true)`, `app.enable('trust proxy')`): the " +
      "address is then the header's first one; vigil reports the limiters of such a file. Key by " +
      "`req.ip` with `trust proxy` set to your own proxy hops (`app.set('trust proxy', 1)`), or by the " +
      'account the request targets.',
    fixHint: 'Key by req.ip with `trust proxy` set to your proxy hops, not by a forwarding header.',
  },
  hint: /keyGenerator|ratelimit|rate-limit|slow-down/i,
  create(context) {
    const resolver = resolverFor(context.ast);
    let trustsEveryProxy = false;
    const limiters: Array<{ call: TSESTree.CallExpression; key?: TSESTree.Property }> = [];
    const check = (node: TSESTree.CallExpression) => {
      if (trustAll(resolver, node)) trustsEveryProxy = true;
      const limiter = resolver.resolve(node.callee);
      const option = limiter && LIMITERS[limiter];
      if (!option) return;
      const options = node.arguments[0];
      const prop = options?.type === 'ObjectExpression' ? findProperty(options, option) : undefined;
      const fn = prop ? unwrap(prop.value) : undefined;
      if (fn && isFunctionNode(fn)) {
        const stack: Node[] = [fn.body];
        for (let seen = 0; stack.length && seen < MAX_NODES; seen++) {
          const n = stack.pop()!;
          const header = headerRead(resolver, n);
          if (header !== undefined && CLIENT_SET.test(header)) {
            context.report({
              node: n,
              message: `The rate limit keys clients by the \`${header}\` header, which a client sets to a new value with each request.`,
            });
            return;
          }
          pushChildren(n, stack);
        }
      }
      limiters.push({ call: node, ...(prop ? { key: prop } : {}) });
    };
    return {
      CallExpression: check,
      'Program:exit'() {
        if (!trustsEveryProxy) return;
        for (const { call, key } of limiters)
          context.report({
            node: key ?? call,
            message:
              "Express trusts every proxy ('trust proxy' is true), so req.ip, which keys this rate limit, is the first address of the X-Forwarded-For header any client sends.",
          });
      },
    };
  },
});
