import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberName, resolverFor, type Resolver, unwrap } from '../../src/sast/resolve.ts';
import { defineRule } from '../../src/sast/rule.ts';

type Node = TSESTree.Node;

/** Headers through which a client names the host: `Host` and the proxy forwarding headers. */
const HOST_HEADERS = new Set(['host', 'x-forwarded-host', 'x-forwarded-server', 'x-host', 'forwarded']);
/** Request properties Express, Koa and Fastify derive from those headers. */
const HOST_PROPERTIES = new Set(['host', 'hostname']);
const REQUEST_NAME = /^(?:req|request|ctx|context)$/;
/** Hops through `const url = req.host` initialisers. */
const MAX_HOPS = 4;

/** `req`, `request`, `ctx`, `ctx.request`, `this.request`. */
function isRequest(node: Node): boolean {
  const n = unwrap(node);
  if (n.type === 'Identifier') return REQUEST_NAME.test(n.name);
  return (
    n.type === 'MemberExpression' &&
    memberName(n) === 'request' &&
    (n.object.type === 'ThisExpression' || isRequest(n.object))
  );
}

/** Does this expression read the host the client sent? */
function hostRead(node: Node, r: Resolver, hops: number): boolean {
  const n = unwrap(node);
  if (n.type === 'MemberExpression') {
    const name = memberName(n)?.toLowerCase();
    if (name === undefined) return false;
    if (HOST_PROPERTIES.has(name) && isRequest(n.object)) return true;
    const headers = unwrap(n.object);
    return (
      HOST_HEADERS.has(name) &&
      headers.type === 'MemberExpression' &&
      memberName(headers) === 'headers' &&
      isRequest(headers.object)
    );
  }
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') {
    const method = memberName(n.callee);
    const arg = n.arguments[0];
    return (
      (method === 'get' || method === 'header' || method === 'getHeader') &&
      isRequest(n.callee.object) &&
      arg?.type === 'Literal' &&
      typeof arg.value === 'string' &&
      HOST_HEADERS.has(arg.value.toLowerCase())
    );
  }
  if (n.type === 'Identifier' && hops < MAX_HOPS) {
    const init = r.constantInit(n);
    // Only a declaration before the use: a hoisted `var` assigned later is undefined here.
    return init !== undefined && init.range[1] <= n.range[0] && hostRead(init, r, hops + 1);
  }
  return false;
}

/** The operands of a `+` chain, left to right. */
function operands(node: Node, out: Node[] = []): Node[] {
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    operands(node.left, out);
    operands(node.right, out);
  } else out.push(node);
  return out;
}

const ENDS_WITH_SCHEME = /:\/\/$/;

function endsWithScheme(node: Node): boolean {
  return node.type === 'Literal' && typeof node.value === 'string' && ENDS_WITH_SCHEME.test(node.value);
}

export default defineRule({
  meta: {
    id: 'js/host-header-url',
    kind: 'sast',
    title: 'Absolute URL built from the Host header the client sent',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-640', 'CWE-20'],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    help:
      "`'https://' + req.host + '/reset/' + token`: the `Host` (or `X-Forwarded-Host`) header is whatever " +
      'the client sends. A link built from it (a password-reset or invitation e-mail, a redirect, a ' +
      "cache key) points at the attacker's server when the attacker asks for it, and the victim hands " +
      'the token over (host header poisoning). Build absolute URLs from a configured origin: ' +
      "`new URL('/reset/' + token, process.env.PUBLIC_ORIGIN)`, or check the host against an allow-list.",
    fixHint: 'Use a configured public origin for absolute URLs, not the request Host header.',
  },
  hint: /:\/\//,
  create(context) {
    const r = resolverFor(context.ast);
    const report = (node: Node) =>
      context.report({
        node,
        message:
          'An absolute URL takes its host from the request Host header: the client chooses where it points.',
      });
    return {
      BinaryExpression(node: TSESTree.BinaryExpression) {
        if (node.operator !== '+') return;
        const parent = node.parent;
        if (parent?.type === 'BinaryExpression' && parent.operator === '+') return;
        const parts = operands(node);
        for (let i = 0; i + 1 < parts.length; i++) {
          if (endsWithScheme(parts[i]!) && hostRead(parts[i + 1]!, r, 0)) return report(node);
        }
      },
      TemplateLiteral(node: TSESTree.TemplateLiteral) {
        for (let i = 0; i < node.expressions.length; i++) {
          const before = node.quasis[i]?.value.cooked ?? '';
          if (ENDS_WITH_SCHEME.test(before) && hostRead(node.expressions[i]!, r, 0)) return report(node);
        }
      },
    };
  },
});
