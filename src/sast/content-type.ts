/**
 * Was a response declared as something a browser does not render as a page before this write?
 * `res.type('text/plain'); res.send(q)` echoes input as text, and after `res.attachment(name)`
 * (`Content-Disposition: attachment`) the body is saved as a file: no script runs. Reflected-XSS
 * findings ask this of their sink.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberName, propertyKey, unwrap, type Resolver } from './resolve.ts';

type Node = TSESTree.Node;

/** Content types a browser renders as a document that can run script (HTML, XHTML, SVG, XML). */
const RENDERED = /htm|xml|svg/i;
const CONTENT_TYPE = /^content-type$/i;
const CONTENT_DISPOSITION = /^content-disposition$/i;
/** A disposition whose type is `attachment`: the browser downloads the body. */
const ATTACHMENT = /^\s*attachment(?![\w-])/i;
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

/**
 * A disposition written as constant text starting `attachment`: `'attachment'`,
 * `` `attachment; filename="${name}"` `` (only the file name computed), or made by the
 * content-disposition package without options (`contentDisposition(name)`: `attachment; …`).
 */
function attachment(resolver: Resolver, node: Node | undefined): boolean {
  const v = node && unwrap(node);
  if (v?.type === 'TemplateLiteral') return ATTACHMENT.test(v.quasis[0]!.value.cooked ?? '');
  if (v?.type === 'CallExpression' && v.arguments.length <= 1) {
    const callee = resolver.resolve(v.callee);
    return callee === 'content-disposition' || callee === 'content-disposition.create';
  }
  const text = v && resolver.staticValue(v);
  return typeof text?.value === 'string' && ATTACHMENT.test(text.value);
}

/** A header, named `key`, with a value that keeps the body from being rendered as a page. */
function headerSaysNoPage(resolver: Resolver, key: string, value: Node | undefined): boolean {
  if (CONTENT_TYPE.test(key)) return textType(resolver, value);
  return CONTENT_DISPOSITION.test(key) && attachment(resolver, value);
}

/** `{ 'Content-Type': 'text/plain' }`, `{ 'Content-Disposition': 'attachment' }` */
function headersSayNoPage(resolver: Resolver, node: Node | undefined): boolean {
  const o = node && unwrap(node);
  if (o?.type !== 'ObjectExpression') return false;
  return o.properties.some(
    (p) => p.type === 'Property' && headerSaysNoPage(resolver, propertyKey(p) ?? '', p.value),
  );
}

/** Does this statement declare the named response as not a page? */
function declaresNoPage(resolver: Resolver, statement: Node, name: string): boolean {
  return statement.type === 'ExpressionStatement' && setsNoPage(resolver, unwrap(statement.expression), name);
}

/** Does this expression set the named response's content type to a non-rendered one, or make it a download? */
function setsNoPage(resolver: Resolver, e: Node, name: string): boolean {
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
    // Express's and Koa's `attachment([name])`: `Content-Disposition: attachment`.
    case 'attachment':
      return true;
    case 'set':
    case 'header':
    case 'setHeader': {
      if (a && headersSayNoPage(resolver, a)) return true;
      const key = a && resolver.staticValue(a);
      return typeof key?.value === 'string' && headerSaysNoPage(resolver, key.value, b);
    }
    case 'writeHead':
      return headersSayNoPage(resolver, b) || headersSayNoPage(resolver, c);
    default:
      return false;
  }
}

/**
 * True when a call chained before the sink, or, in a block that encloses the sink (so on every path
 * to it), an earlier statement sets the same response's content type to a constant that browsers do
 * not render as a page, or makes the response a download (`attachment`).
 */
export function sentAsNoPage(resolver: Resolver, sink: Node): boolean {
  const name = responseName(sink);
  if (!name) return false;
  for (const call of chainedCalls(sink)) if (setsNoPage(resolver, call, name)) return true;
  let budget = BUDGET;
  let child: Node = sink;
  for (let p = sink.parent; p; child = p, p = p.parent) {
    if (p.type === 'BlockStatement' || p.type === 'Program') {
      for (const s of p.body) {
        if (s === child || --budget < 0) break;
        if (declaresNoPage(resolver, s, name)) return true;
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
