import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode } from './naming.ts';
import { findProperty, memberName, propertyKey, type Resolver, unwrap } from './resolve.ts';

type Node = TSESTree.Node;

/** The receivers of jQuery's request helpers. */
const JQUERY = new Set(['$', 'jQuery']);
/** Globals a page's visitor chooses (the URL, the window's name, stored values): no base of the program's. */
const VISITOR_GLOBALS = new Set([
  'location',
  'document',
  'window',
  'self',
  'top',
  'parent',
  'opener',
  'name',
  'history',
  'localStorage',
  'sessionStorage',
]);

/**
 * Is `node` the text a request to the program's own server answered (`$.ajax({ url:
 * '/templates/' + name + '.js', success(code) {…} })`, `$.get(url, (code) => …)`, `await (await
 * fetch(url)).text()`, held in a `const`)? Such text is the program's own, as a script it loads
 * with `<script src>` is: evaluating it injects nothing.
 */
export function fetchedFromOwnServer(node: Node, r: Resolver): boolean {
  const n = unwrap(node);
  if (n.type !== 'Identifier') return false;
  const variable = r.variableOf(n);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def || variable!.references.some((ref) => ref.isWrite() && ref.init !== true)) return false;
  if (def.type === 'Parameter') {
    const fn = def.node;
    return isFunctionNode(fn) && fn.params[0] === def.name && answerCallback(fn, r);
  }
  const init = r.constantInit(n);
  return init !== undefined && awaitedAnswer(init, r);
}

/** `$.ajax({ url })` or `$.get(url, …)`: the URL asked for, or undefined for any other call. */
function jqueryRequestUrl(call: Node): Node | undefined {
  if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return undefined;
  const receiver = call.callee.object;
  if (receiver.type !== 'Identifier' || !JQUERY.has(receiver.name)) return undefined;
  const method = memberName(call.callee);
  const first = call.arguments[0];
  if (method === 'ajax') return findProperty(first, 'url')?.value;
  return method === 'get' && first?.type !== 'ObjectExpression' ? first : undefined;
}

/** A callback handed the answer of a request to the program's own server. */
function answerCallback(fn: Node, r: Resolver): boolean {
  const parent = fn.parent;
  // `$.ajax({ url, success(code) {…} })`
  if (parent?.type === 'Property' && parent.value === fn && propertyKey(parent) === 'success') {
    const call = parent.parent.parent;
    return (
      call?.type === 'CallExpression' &&
      call.arguments[0] === parent.parent &&
      ownUrl(jqueryRequestUrl(call), r)
    );
  }
  if (parent?.type !== 'CallExpression') return false;
  // `$.get(url, (code) => …)`, the callback last.
  if (parent.arguments[parent.arguments.length - 1] === fn && parent.arguments.length > 1)
    return ownUrl(jqueryRequestUrl(parent), r);
  // `$.get(url).done((code) => …)`
  const callee = parent.callee;
  return (
    parent.arguments[0] === fn &&
    callee.type === 'MemberExpression' &&
    ['done', 'then'].includes(memberName(callee) ?? '') &&
    ownUrl(jqueryRequestUrl(callee.object), r)
  );
}

/** `await $.get(url)`, `await res.text()` of `res = await fetch(url)`, `await (await fetch(url)).text()`. */
function awaitedAnswer(init: Node, r: Resolver): boolean {
  const n = unwrap(init);
  if (n.type !== 'AwaitExpression') return false;
  const call = unwrap(n.argument);
  if (call.type !== 'CallExpression') return false;
  if (jqueryRequestUrl(call)) return ownUrl(jqueryRequestUrl(call), r);
  if (call.callee.type !== 'MemberExpression' || memberName(call.callee) !== 'text') return false;
  let response = unwrap(call.callee.object);
  if (response.type === 'Identifier') response = r.constantInit(response) ?? response;
  if (response.type !== 'AwaitExpression') return false;
  const fetched = unwrap(response.argument);
  return (
    fetched.type === 'CallExpression' &&
    fetched.callee.type === 'Identifier' &&
    fetched.callee.name === 'fetch' &&
    !r.variableOf(fetched.callee) &&
    ownUrl(fetched.arguments[0], r)
  );
}

/**
 * A script on the program's own server: a path from the root (`/templates/` + name + `.js`, not
 * `//host`), or one under a base the program holds (`${config.assetBase}/templates/${name}.js`: a
 * global or module-level value, not a visitor's global, then `/`), naming a `.js` file. What the
 * server answers at another path (`/api/banner`) may be data its users wrote.
 */
function ownUrl(url: Node | undefined, r: Resolver): boolean {
  if (!url) return false;
  const n = unwrap(url);
  const held = n.type === 'Identifier' ? r.constantInit(n) : undefined;
  if (held) return ownUrl(held, r);
  const pieces = piecesOf(n);
  if (!namesScript(pieces)) return false;
  const [first, second] = pieces;
  if (typeof first === 'string') return rootPath(first);
  return first !== undefined && typeof second === 'string' && rootPath(second) && programBase(first, r);
}

/** `/x`, not `//host` or `/\host` (which browsers read as another host). */
function rootPath(text: string): boolean {
  return text.startsWith('/') && text[1] !== '/' && text[1] !== '\\';
}

/** The path ends in `.js` (`.mjs`, `.cjs`): the last literal text, or the text before its query. */
function namesScript(pieces: readonly (string | Node)[]): boolean {
  for (let i = pieces.length - 1; i >= 0; i--) {
    const piece = pieces[i]!;
    if (typeof piece !== 'string') continue;
    const query = piece.search(/[?#]/);
    // Values after the last text are part of the path, unless that text opened the query.
    if (query < 0 && i !== pieces.length - 1) return false;
    const path = query < 0 ? piece : piece.slice(0, query);
    return /\.[mc]?js$/.test(path);
  }
  return false;
}

/** The pieces of concatenated text, in order: literal text as a string, any other part as its node. */
function piecesOf(n: Node): (string | Node)[] {
  if (n.type === 'Literal') return typeof n.value === 'string' ? [n.value] : [n];
  if (n.type === 'TemplateLiteral') {
    const out: (string | Node)[] = [];
    n.quasis.forEach((q, i) => {
      if (q.value.cooked) out.push(q.value.cooked);
      const e = n.expressions[i];
      if (e) out.push(e);
    });
    return out;
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') return [...piecesOf(n.left), ...piecesOf(n.right)];
  return [n];
}

/** `config.assetBase`, `BASE`: read from a global or module-level binding, no call, no visitor's global. */
function programBase(n: Node, r: Resolver): boolean {
  let m = unwrap(n);
  while (m.type === 'MemberExpression' && !m.computed) m = unwrap(m.object);
  if (m.type !== 'Identifier' || VISITOR_GLOBALS.has(m.name)) return false;
  const variable = r.variableOf(m);
  // Undeclared, or declared ambient (`declare const config`): a global the page's scripts set.
  const def = variable?.defs[0]?.node;
  if (!variable || (def?.type === 'VariableDeclarator' && def.parent.declare === true)) return true;
  if (!['module', 'global'].includes(variable.scope.type)) return false;
  // A module's own binding of what it reads (`const base = location.hash`) is judged by that.
  const init = r.constantInit(m);
  return (
    init !== undefined && (!['Identifier', 'MemberExpression'].includes(init.type) || programBase(init, r))
  );
}
