import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { calleeName, propertyKey, resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';
import { lastProp, objectShape } from '../../src/sast/object-props.ts';

const ACAO = 'access-control-allow-origin';
/** Response methods that set one header by name, or several from an object. */
const NAMED_SETTERS = new Set(['setHeader', 'header', 'set', 'append', 'appendHeader']);
/** CORS middleware factories whose options take `origin` and `credentials` (cors, NestJS, fastify). */
const CORS_FACTORIES = new Set(['cors', '@fastify/cors', 'fastify-cors', 'koa2-cors', '@koa/cors']);

function staticString(resolver: Resolver, node: TSESTree.Node | undefined): string | undefined {
  if (!node || node.type === 'SpreadElement') return undefined;
  const v = resolver.staticValue(node);
  return typeof v?.value === 'string' ? v.value : undefined;
}

/** An `origin` option that allows every origin: '*', true, or a callback that always says yes. */
function originAllowsAll(resolver: Resolver, node: TSESTree.Node): 'wildcard' | 'reflect' | undefined {
  const v = resolver.staticValue(node);
  if (v?.value === '*') return 'wildcard';
  if (v?.value === true) return 'reflect';
  const fn = unwrap(node);
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return undefined;
  // (origin, callback) => callback(null, true): the middleware echoes whatever Origin came.
  const cb = fn.params[1];
  if (cb?.type !== 'Identifier') return undefined;
  const calls: TSESTree.CallExpression[] = [];
  const body =
    fn.body.type === 'BlockStatement' ? fn.body.body : [{ type: 'ExpressionStatement', expression: fn.body }];
  for (const st of body) {
    if (st.type !== 'ExpressionStatement') return undefined; // any branching: it may check
    const e = unwrap(st.expression as TSESTree.Node);
    if (e.type !== 'CallExpression') return undefined;
    calls.push(e);
  }
  const allows = (c: TSESTree.CallExpression) =>
    c.callee.type === 'Identifier' &&
    c.callee.name === cb.name &&
    c.arguments[1] !== undefined &&
    resolver.staticValue(c.arguments[1])?.value === true;
  return calls.length === 1 && allows(calls[0]!) ? 'reflect' : undefined;
}

export default defineRule({
  meta: {
    id: 'js/cors-permissive',
    kind: 'sast',
    title: 'CORS policy lets every origin read responses',
    severity: 'medium',
    precision: 'low',
    cwe: ['CWE-942', 'CWE-346'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      'A CORS middleware configured with `origin: true` or an origin callback that always allows, ' +
      "together with `credentials: true`, lets any web site send the user's cookies and read the " +
      'answers: high precision. `Access-Control-Allow-Origin: *` (set by hand, in a headers object, ' +
      "or by `cors()` / `enableCors()` with their default or `origin: '*'`) lets every site read the " +
      'responses without credentials: fine for public data, a leak for anything protected by network ' +
      'position (an intranet, a VPC, localhost) — reported at low precision for review. Allow only the ' +
      "origins you trust: `cors({ origin: ['https://app.example.com'], credentials: true })`.",
    fixHint: 'List the allowed origins explicitly; never reflect any origin with credentials.',
  },
  hint: /access-control-allow-origin|cors/i,
  create(context) {
    const resolver = resolverFor(context.ast);
    const wildcard = (node: TSESTree.Node, how: string) =>
      context.report({ node, message: `${how}: every site may read these responses.` });
    const checkCorsOptions = (call: TSESTree.CallExpression, options: TSESTree.Node | undefined) => {
      if (!options) {
        wildcard(call, "CORS middleware with its default origin '*'");
        return;
      }
      if (options.type === 'SpreadElement') return;
      const shape = objectShape(resolver, options);
      const origin = lastProp(shape.props, 'origin');
      if (!origin?.value) {
        if (shape.complete) wildcard(call, "CORS middleware with its default origin '*'");
        return;
      }
      const allows = originAllowsAll(resolver, origin.value);
      if (!allows) return;
      const credentials = lastProp(shape.props, 'credentials');
      if (
        allows === 'reflect' &&
        credentials?.value &&
        resolver.staticValue(credentials.value)?.value === true
      ) {
        context.report({
          node: origin.node,
          precision: 'high',
          severity: 'high',
          message: 'CORS reflects every origin with credentials: any site can read authenticated responses.',
        });
        return;
      }
      wildcard(origin.node, allows === 'reflect' ? 'CORS reflects every origin' : "CORS origin '*'");
    };
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const target = resolver.resolve(node.callee);
        if (target && CORS_FACTORIES.has(target)) {
          checkCorsOptions(node, node.arguments[0]);
          return;
        }
        const method = calleeName(node.callee);
        if (method === 'enableCors' && node.callee.type === 'MemberExpression') {
          checkCorsOptions(node, node.arguments[0]);
          return;
        }
        if (!method || !NAMED_SETTERS.has(method) || node.arguments.length < 2) return;
        if (staticString(resolver, node.arguments[0])?.toLowerCase() !== ACAO) return;
        if (staticString(resolver, node.arguments[1])?.trim() === '*') {
          wildcard(node, 'Access-Control-Allow-Origin: *');
        }
      },
      // { 'Access-Control-Allow-Origin': '*' } in writeHead, res.set({…}), Lambda/Next headers…
      Property(node: TSESTree.Property) {
        if (node.parent.type !== 'ObjectExpression') return;
        const key = propertyKey(node);
        if (key?.toLowerCase() === ACAO) {
          if (staticString(resolver, node.value)?.trim() === '*')
            wildcard(node, 'Access-Control-Allow-Origin: *');
          return;
        }
        // next.config.js headers(): { key: 'Access-Control-Allow-Origin', value: '*' }
        if (key !== 'key' || staticString(resolver, node.value)?.toLowerCase() !== ACAO) return;
        const value = node.parent.properties.find(
          (p): p is TSESTree.Property => p.type === 'Property' && propertyKey(p) === 'value',
        );
        if (value && staticString(resolver, value.value)?.trim() === '*') {
          wildcard(value, 'Access-Control-Allow-Origin: *');
        }
      },
    };
  },
});
