import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { localFunction } from '../../src/sast/local-function.ts';
import { ROUTE_METHODS } from '../../src/sast/models/express.ts';
import { credentialName, type FunctionNode } from '../../src/sast/naming.ts';
import {
  calleeName,
  memberName,
  propertyKey,
  resolverFor,
  unwrap,
  type Resolver,
} from '../../src/sast/resolve.ts';
import { defineRule } from '../../src/sast/rule.ts';
import { pushChildren } from '../../src/sast/taint/key-writes.ts';

type Node = TSESTree.Node;

const ROUTE_METHOD_SET: ReadonlySet<string> = new Set(ROUTE_METHODS);
const NEST_ROUTES = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head']);

/** A route path: `'/login'`, a template starting with `/`, or a regular expression. */
function isPath(resolver: Resolver, node: Node | undefined): boolean {
  if (!node) return false;
  const n = unwrap(node);
  if (n.type === 'Literal' && 'regex' in n && n.regex) return true;
  const value = resolver.staticValue(n)?.value;
  return typeof value === 'string' && value.startsWith('/');
}

/**
 * The handlers a route call registers: `app.get('/p', …handlers)`, koa-router's
 * `router.post(name, '/p', …)`, `router.route('/p').get(…)`, `app.use([path,] …)`. A route method
 * with no path first is something else (`app.get('env')`, `map.delete(k)`, `http.get(url, cb)`).
 */
function routeHandlers(resolver: Resolver, call: TSESTree.CallExpression): Node[] {
  const callee = unwrap(call.callee);
  const method = callee.type === 'MemberExpression' ? memberName(callee) : undefined;
  if (callee.type !== 'MemberExpression' || !method || !ROUTE_METHOD_SET.has(method)) return [];
  const object = unwrap(callee.object);
  if (
    object.type === 'CallExpression' &&
    calleeName(object.callee) === 'route' &&
    isPath(resolver, object.arguments[0])
  )
    return call.arguments;
  const [first, second] = call.arguments;
  if (isPath(resolver, first)) return call.arguments.slice(1);
  const named = first && typeof resolver.staticValue(first)?.value === 'string';
  if (named && isPath(resolver, second)) return call.arguments.slice(2);
  return method === 'use' ? call.arguments : [];
}

/** Is `n` the query object of the request named `req`: `req.query`, Koa's `ctx.query`, `ctx.request.query`? */
function isQuery(n: Node, req: string): boolean {
  const q = unwrap(n);
  if (q.type !== 'MemberExpression' || memberName(q) !== 'query') return false;
  let o = unwrap(q.object);
  // Koa: `ctx.request.query`.
  if (o.type === 'MemberExpression' && memberName(o) === 'request') o = unwrap(o.object);
  return o.type === 'Identifier' && o.name === req;
}

/** The credential-named query parameters a handler reads: `req.query.password`, `const { apiKey } = req.query`. */
function credentialReads(fn: FunctionNode): Array<{ node: Node; name: string }> {
  const param = fn.params[0];
  if (param?.type !== 'Identifier') return [];
  const out: Array<{ node: Node; name: string }> = [];
  const stack: Node[] = [fn.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'MemberExpression' && isQuery(n.object, param.name)) {
      const key = memberName(n);
      if (key && credentialName(key)) out.push({ node: n, name: key });
    } else if (
      n.type === 'VariableDeclarator' &&
      n.init &&
      n.id.type === 'ObjectPattern' &&
      isQuery(n.init, param.name)
    )
      for (const p of n.id.properties) {
        const key = p.type === 'Property' ? propertyKey(p) : undefined;
        if (key && credentialName(key)) out.push({ node: p, name: key });
      }
    pushChildren(n, stack);
  }
  return out;
}

/** NestJS: `@Get() login(@Query('password') pw)` — the parameters a route method takes from the query. */
function nestCredentialParams(method: TSESTree.MethodDefinition): Array<{ node: Node; name: string }> {
  const route = method.decorators?.some((d) => {
    const e = unwrap(d.expression);
    return e.type === 'CallExpression' && NEST_ROUTES.has(calleeName(e.callee) ?? '');
  });
  if (!route) return [];
  const out: Array<{ node: Node; name: string }> = [];
  for (const p of method.value.params)
    for (const d of p.decorators ?? []) {
      const e = unwrap(d.expression);
      const arg =
        e.type === 'CallExpression' && calleeName(e.callee) === 'Query' ? e.arguments[0] : undefined;
      if (arg?.type === 'Literal' && typeof arg.value === 'string' && credentialName(arg.value))
        out.push({ node: d, name: arg.value });
    }
  return out;
}

export default defineRule({
  meta: {
    id: 'js/sensitive-query-string',
    kind: 'sast',
    title: 'Password or secret taken from the query string of a request',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-598'],
    owasp: ['A04:2021-Insecure Design'],
    help:
      'A query string is no place for a credential: the whole URL is written to access logs and ' +
      "proxies' logs, kept in the browser's history and sent to other sites in the `Referer` " +
      'header — for a GET, the form a browser sends fields in, and for any other method alike. ' +
      'vigil reports a route handler or middleware (Express, Koa, Fastify-style `request.query`, ' +
      'NestJS `@Query(…)`) that reads a query parameter named as a password, secret, API key or ' +
      "access token (`req.query.password`, `const { apiKey } = ctx.query`, `@Query('secret')`). " +
      'Take the credential from a POST body or a header (`Authorization`) instead. One-time ' +
      'tokens in e-mailed links (`?token=`) are not reported.',
    fixHint: 'Accept the credential in a POST body or an Authorization header, not in the URL.',
  },
  hint: (text) => text.includes('query') || text.includes('Query('),
  create(context) {
    const resolver = resolverFor(context.ast);
    // A handler given to two routes is reported once.
    const reported = new Set<Node>();
    const report = (reads: Array<{ node: Node; name: string }>) => {
      const seen = new Set<string>();
      for (const r of reads) {
        if (seen.has(r.name) || reported.has(r.node)) continue;
        seen.add(r.name);
        reported.add(r.node);
        context.report({
          node: r.node,
          message: `\`${r.name}\` is read from the query string: it travels in the URL, which logs, history and Referer headers keep.`,
        });
      }
    };
    return {
      CallExpression(node: TSESTree.CallExpression) {
        for (const h of routeHandlers(resolver, node)) {
          const fn = localFunction(resolver, h);
          if (fn) report(credentialReads(fn));
        }
      },
      MethodDefinition(node: TSESTree.MethodDefinition) {
        report(nestCredentialParams(node));
      },
    };
  },
});
