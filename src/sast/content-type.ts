/**
 * Was a response declared as something a browser does not render as a page before this write?
 * `res.type('text/plain'); res.send(q)` echoes input as text: no script runs. Reflected-XSS findings
 * ask this of their sink.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberName, propertyKey, unwrap, type Resolver } from './resolve.ts';

type Node = TSESTree.Node;

/** Content types a browser renders as a document that can run script (HTML, XHTML, SVG, XML). */
const RENDERED = /htm|xml|svg/i;
const CONTENT_TYPE = /^content-type$/i;
/** Statements looked at before the sink, so a huge handler costs a bounded scan. */
const BUDGET = 2000;

/** The response object a sink writes to: `res` of `res.send(x)`, `ctx` of `ctx.body = x`. */
function responseName(sink: Node): string | undefined {
  let target: Node | undefined;
  if (sink.type === 'CallExpression') target = unwrap(sink.callee);
  else if (sink.type === 'AssignmentExpression') target = sink.left;
  // ctx.response.body, reply.raw.end, res.status(500).send
  return target?.type === 'MemberExpression' ? rootName(unwrap(target.object)) : undefined;
}

/** The calls chained before the sink on its response: `status(500)`, `type('text')` of `res.status(500).type('text').send(x)`. */
function* chainedCalls(sink: Node): Generator<TSESTree.CallExpression> {
  if (sink.type !== 'CallExpression') return;
  const callee = unwrap(sink.callee);
  if (callee.type !== 'MemberExpression') return;
  let o = unwrap(callee.object);
  while (o.type === 'CallExpression' && o.callee.type === 'MemberExpression') {
    yield o;
    o = unwrap(o.callee.object);
  }
}

/** `res.x`, `res.response.x` or `res.status(200).x` where res is the named response. */
function onResponse(node: Node, name: string): boolean {
  return rootName(unwrap(node)) === name;
}

/** The variable under member accesses and chained calls: `res` of `res.status(500).send`. */
function rootName(node: Node): string | undefined {
  let o = node;
  for (;;) {
    if (o.type === 'MemberExpression') o = unwrap(o.object);
    else if (o.type === 'CallExpression' && o.callee.type === 'MemberExpression') o = unwrap(o.callee.object);
    else break;
  }
  return o.type === 'Identifier' ? o.name : undefined;
}

/** A constant content type that is not rendered as a page; undefined when not constant. */
function textType(resolver: Resolver, node: Node | undefined): boolean {
  const v = node && resolver.staticValue(node);
  return typeof v?.value === 'string' && v.value !== '' && !RENDERED.test(v.value);
}

/** `{ 'Content-Type': 'text/plain' }` */
function headersSayText(resolver: Resolver, node: Node | undefined): boolean {
  const o = node && unwrap(node);
  if (o?.type !== 'ObjectExpression') return false;
  return o.properties.some(
    (p) => p.type === 'Property' && CONTENT_TYPE.test(propertyKey(p) ?? '') && textType(resolver, p.value),
  );
}

/** Does this statement declare the named response's content type as a non-rendered one? */
function declaresText(resolver: Resolver, statement: Node, name: string): boolean {
  return statement.type === 'ExpressionStatement' && setsText(resolver, unwrap(statement.expression), name);
}

/** Does this expression set the named response's content type to a non-rendered one? */
function setsText(resolver: Resolver, e: Node, name: string): boolean {
  if (e.type === 'AssignmentExpression' && e.left.type === 'MemberExpression') {
    // Koa: ctx.type = 'text/plain'
    return memberName(e.left) === 'type' && onResponse(e.left, name) && textType(resolver, e.right);
  }
  if (e.type !== 'CallExpression' || e.callee.type !== 'MemberExpression') return false;
  if (!onResponse(e.callee.object, name)) return false;
  const method = memberName(e.callee);
  const [a, b, c] = e.arguments;
  switch (method) {
    case 'type':
    case 'contentType':
      return textType(resolver, a);
    case 'set':
    case 'header':
    case 'setHeader': {
      if (a && headersSayText(resolver, a)) return true;
      const key = a && resolver.staticValue(a);
      return typeof key?.value === 'string' && CONTENT_TYPE.test(key.value) && textType(resolver, b);
    }
    case 'writeHead':
      return headersSayText(resolver, b) || headersSayText(resolver, c);
    default:
      return false;
  }
}

/**
 * True when a call chained before the sink, or, in a block that encloses the sink (so on every path
 * to it), an earlier statement sets the same response's content type to a constant that browsers do not render as a page.
 */
export function sentAsText(resolver: Resolver, sink: Node): boolean {
  const name = responseName(sink);
  if (!name) return false;
  for (const call of chainedCalls(sink)) if (setsText(resolver, call, name)) return true;
  let budget = BUDGET;
  let child: Node = sink;
  for (let p = sink.parent; p; child = p, p = p.parent) {
    if (p.type === 'BlockStatement' || p.type === 'Program') {
      for (const s of p.body) {
        if (s === child || --budget < 0) break;
        if (declaresText(resolver, s, name)) return true;
      }
    }
    if (
      p.type === 'FunctionDeclaration' ||
      p.type === 'FunctionExpression' ||
      p.type === 'ArrowFunctionExpression'
    )
      return false;
  }
  return false;
}
