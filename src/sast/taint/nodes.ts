import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { type Cls, type Fn, isFn, type Node, propName } from './values.ts';
import { memberName } from '../resolve.ts';

// Syntax questions the taint engine asks of a node, answered from the tree alone.

export function enclosingClass(node: Node): Cls | undefined {
  let n: Node | undefined = node.parent;
  while (n) {
    if (n.type === 'ClassDeclaration' || n.type === 'ClassExpression') return n;
    if (
      (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') &&
      n.parent?.type !== 'MethodDefinition'
    )
      return undefined;
    n = n.parent;
  }
  return undefined;
}

export function rootIdentifier(node: Node): TSESTree.Identifier | undefined {
  let n: Node = node;
  while (n.type === 'MemberExpression' || n.type === 'TSNonNullExpression' || n.type === 'ChainExpression')
    n = n.type === 'MemberExpression' ? n.object : n.expression;
  return n.type === 'Identifier' ? n : undefined;
}

export function receiverName(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return propName(node);
  if (node.type === 'CallExpression') return receiverName(node.callee);
  if (node.type === 'AwaitExpression') return receiverName(node.argument);
  if (node.type === 'ThisExpression') return 'this';
  return undefined;
}

/** The calls before a callee in its chain, nearest first: `a.query().patch(x).findById` → `patch(x)`, `query()`. */
export function callsBefore(callee: Node): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  let n: Node = callee;
  while (n.type === 'MemberExpression' || n.type === 'CallExpression') {
    if (n.type === 'CallExpression') {
      calls.push(n);
      n = n.callee;
    } else n = n.object;
  }
  return calls;
}

/** The names of the calls before a callee in its chain: `a.query().patch(x).findById` → `patch`, `query`. */
export function chainCalls(callee: Node): string[] {
  return callsBefore(callee).flatMap((c) => {
    const name = receiverName(c.callee);
    return name === undefined ? [] : [name];
  });
}

export function isRouteLike(node: Node): boolean {
  return (
    (node.type === 'Literal' && (typeof node.value === 'string' || 'regex' in node)) ||
    node.type === 'TemplateLiteral' ||
    node.type === 'ArrayExpression'
  );
}

/** Calls that run their first argument in a browser page with the arguments after it (Puppeteer, Playwright). */
export const PAGE_FUNCTION_CALLS: ReadonlySet<string> = new Set(['evaluate', 'evaluateHandle']);

/** A function some call invokes with values of its own: a modelled callback or a page function. */
export function isCallbackArg(fn: Fn, callbacks: ReadonlyMap<string, number>): boolean {
  const p = fn.parent;
  if (p?.type !== 'CallExpression' || p.callee.type !== 'MemberExpression') return false;
  const name = propName(p.callee);
  return (
    name !== undefined && (callbacks.has(name) || (PAGE_FUNCTION_CALLS.has(name) && p.arguments[0] === fn))
  );
}

/** The identifier a function is declared or bound under (`function go`, `const go = () => …`). */
export function bindingName(fn: Fn): TSESTree.Identifier | undefined {
  if (fn.type === 'FunctionDeclaration') return fn.id ?? undefined;
  const p = fn.parent;
  return p?.type === 'VariableDeclarator' && p.id.type === 'Identifier' ? p.id : undefined;
}

/** The name an ES module or CommonJS module exports `fn` under, if it does so where `fn` is written. */
export function exportedName(fn: Fn): string | undefined {
  const p = fn.parent;
  if (fn.type === 'FunctionDeclaration' && p?.type === 'ExportNamedDeclaration') return fn.id?.name;
  if (p?.type === 'ExportDefaultDeclaration') return 'default';
  if (
    p?.type === 'VariableDeclarator' &&
    p.id.type === 'Identifier' &&
    p.parent.parent?.type === 'ExportNamedDeclaration'
  )
    return p.id.name;
  // CommonJS: `exports.handler = fn`, `module.exports.handler = fn`.
  if (p?.type === 'AssignmentExpression' && p.right === fn && p.left.type === 'MemberExpression') {
    const { object, property } = p.left;
    const onExports =
      (object.type === 'Identifier' && object.name === 'exports') ||
      (object.type === 'MemberExpression' &&
        object.object.type === 'Identifier' &&
        object.object.name === 'module' &&
        object.property.type === 'Identifier' &&
        object.property.name === 'exports');
    if (onExports && !p.left.computed && property.type === 'Identifier') return property.name;
  }
  return undefined;
}

export function nameOf(n: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return n.type === 'Identifier' ? n.name : n.value;
}

export function optionHolds(
  arg: Node | undefined,
  cond: { key: string; present: boolean; matches?: string },
  text: (n: Node) => string,
): boolean {
  const prop =
    arg?.type === 'ObjectExpression'
      ? arg.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propName(p) === cond.key)
      : undefined;
  const on =
    !!prop && !(prop.value.type === 'Literal' && (prop.value.value === false || prop.value.value === null));
  if (!cond.present) return !on;
  if (!on) return false;
  return cond.matches === undefined || new RegExp(cond.matches).test(text(prop.value));
}

/** Walk a subtree without entering nested functions' bodies. */
export function traverseShallow(node: Node, visit: (n: Node) => void): void {
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    visit(n);
    if (isFn(n) && n !== node) continue;
    // `for…in`: a plain object's keys in Object.keys' order, with no array made of them.
    for (const key in n) {
      if (key === 'parent' || key === 'loc' || key === 'range' || key === 'typeAnnotation') continue;
      const child = (n as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const c of child)
          if (c && typeof c === 'object' && typeof (c as Node).type === 'string') stack.push(c as Node);
      } else if (child && typeof child === 'object' && typeof (child as Node).type === 'string')
        stack.push(child as Node);
    }
  }
}

/** `new URL(u)` (maybe with a base): the `u` parsed; undefined for any other node. */
export function parsedUrlArgument(n: Node): Node | undefined {
  if (n.type !== 'NewExpression' || n.callee.type !== 'Identifier' || n.callee.name !== 'URL')
    return undefined;
  const arg = n.arguments[0];
  return arg && arg.type !== 'SpreadElement' ? arg : undefined;
}

/** The properties read from identifier `id` within `root`: `req.query.c.trim()` → `query.c`. */
export function readPath(id: Node, root: Node): string {
  const names: string[] = [];
  let cur: Node = id;
  while (cur !== root && cur.parent?.type === 'MemberExpression' && cur.parent.object === cur) {
    const m = cur.parent;
    const name = memberName(m);
    if (name === undefined) break;
    // A method called on the value is no property of it, but names what was read: `req.get('x')`
    // reads the request at `get()`, which a check of `req.query.mode` does not bear on.
    if (m.parent?.type === 'CallExpression' && m.parent.callee === m) {
      if (names.length === 0) names.push(`${name}()`);
      break;
    }
    names.push(name);
    cur = m;
  }
  return names.join('.');
}

/** An object made where it stands: a literal, `Object.create(…)`, `Object.fromEntries(…)`. */
export function isFreshObject(node: Node | undefined): boolean {
  if (node?.type === 'ObjectExpression') return true;
  if (node?.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return false;
  const { object, property } = node.callee;
  return (
    object.type === 'Identifier' &&
    object.name === 'Object' &&
    property.type === 'Identifier' &&
    (property.name === 'create' || property.name === 'fromEntries')
  );
}

/** `s.slice(0, n)` and its kin keep the start when they cut from 0. */
export const CUTS: ReadonlySet<string> = new Set(['slice', 'substring', 'substr']);

/**
 * What a cut by constant bounds keeps of a string (`substring(0, 20)`, `slice(2, 66)`,
 * `substr(i, 64)`): where it starts when that is constant, and how many characters at most.
 */
export function constantCut(
  method: string,
  args: readonly Node[],
): { from?: number; length: number } | undefined {
  const at = (i: number) => {
    const a = args[i];
    return a?.type === 'Literal' && typeof a.value === 'number' && a.value >= 0 ? a.value : undefined;
  };
  if (method === 'substr') {
    const length = at(1);
    const from = at(0);
    return length === undefined ? undefined : { ...(from !== undefined ? { from } : {}), length };
  }
  if (!CUTS.has(method)) return undefined;
  const [from, to] = [at(0), at(1)];
  return from !== undefined && to !== undefined ? { from, length: to - from } : undefined;
}
