import type { Variable } from '../scope/bindings.ts';
import { calleeName, memberName, unwrap } from '../resolve.ts';
import { flagBits } from './spec.ts';
import { MUTATORS, type Node } from './values.ts';

// Path segments: `s.split('/').filter(Boolean)` holds pieces with no `/` and something in each, so
// their `join('/')` cannot start with `/`, and `'/' + joined` stays on the host (flags `segment`,
// `rootless`, then `local` in a concatenation: spec.ts).

/** Flags about where the text starts, or what it is whole (its length too): only what keeps the text whole keeps them. */
export const SHAPE = flagBits(['segment', 'rootless', 'local', 'target', 'short']);

/** Array methods whose result is elements of the receiver (or a subset of them): a segment stays one. */
export const ELEMENT_PICKS = new Set([
  'filter',
  'find',
  'findLast',
  'shift',
  'pop',
  'reverse',
  'sort',
  'toReversed',
  'toSorted',
]);

/** lodash functions giving elements of the array they are given (or a subset of them). */
export const LODASH_PICKS = new Set(
  (
    'filter reject head first last nth compact uniq initial tail take takeRight drop dropRight ' +
    'sortBy reverse'
  )
    .split(' ')
    .map((m) => `lodash.${m}`),
);

/** Methods that turn text into something that is no longer the same text (trim may empty a segment). */
const KEEPS_EMPTINESS = new Set(['trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase']);

/**
 * Does the filter predicate `fn` reject the empty string? `Boolean`, `(p) => p`, `p.length`,
 * `p !== ''`, `!_.isEmpty(p)`, any of them on `p.trim()` (or after `p = _.trim(p)`), and a
 * conjunction with one of them (`!_.isEmpty(p) && p !== '..'`).
 */
export function rejectsEmpty(fn: Node, varOf: (n: Node) => Variable | undefined): boolean {
  if (fn.type === 'Identifier') return fn.name === 'Boolean' && !varOf(fn);
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return false;
  const param = fn.params[0];
  if (param?.type !== 'Identifier') return false;
  const v = varOf(param);
  if (!v) return false;
  let result: Node | null | undefined = fn.body;
  if (fn.body.type === 'BlockStatement') {
    const body = fn.body.body;
    const last = body[body.length - 1];
    // Earlier statements may only trim the element in place (`p = _.trim(p)`).
    const trims = body
      .slice(0, -1)
      .every(
        (s) =>
          s.type === 'ExpressionStatement' &&
          s.expression.type === 'AssignmentExpression' &&
          s.expression.operator === '=' &&
          isElement(s.expression.left, v, varOf) &&
          emptyIffEmpty(s.expression.right, v, varOf),
      );
    result = trims && last?.type === 'ReturnStatement' ? last.argument : undefined;
  }
  return !!result && falseWhenEmpty(result, v, varOf);
}

function isElement(n: Node, v: Variable, varOf: (n: Node) => Variable | undefined): boolean {
  const m = unwrap(n);
  return m.type === 'Identifier' && varOf(m) === v;
}

/** The element, or a trim or case change of it: empty exactly when the element is. */
function emptyIffEmpty(n: Node, v: Variable, varOf: (n: Node) => Variable | undefined): boolean {
  if (isElement(n, v, varOf)) return true;
  if (n.type !== 'CallExpression') return false;
  const callee = n.callee;
  // `p.trim()`, or `_.trim(p)` / `trim(p)` with the element alone.
  if (callee.type === 'MemberExpression' && n.arguments.length === 0)
    return KEEPS_EMPTINESS.has(memberName(callee) ?? '') && emptyIffEmpty(callee.object, v, varOf);
  return (
    n.arguments.length === 1 &&
    KEEPS_EMPTINESS.has(calleeName(callee) ?? '') &&
    emptyIffEmpty(n.arguments[0]!, v, varOf)
  );
}

/** Is `test` false (or falsy) whenever the element is the empty string? */
function falseWhenEmpty(test: Node, v: Variable, varOf: (n: Node) => Variable | undefined): boolean {
  const same = (n: Node) => emptyIffEmpty(n, v, varOf);
  const length = (n: Node) => n.type === 'MemberExpression' && memberName(n) === 'length' && same(n.object);
  const emptyText = (n: Node) => n.type === 'Literal' && n.value === '';
  const zero = (n: Node) => n.type === 'Literal' && n.value === 0;
  switch (test.type) {
    case 'LogicalExpression':
      if (test.operator === '&&')
        return falseWhenEmpty(test.left, v, varOf) || falseWhenEmpty(test.right, v, varOf);
      return (
        test.operator === '||' && falseWhenEmpty(test.left, v, varOf) && falseWhenEmpty(test.right, v, varOf)
      );
    case 'UnaryExpression':
      if (test.operator !== '!') return false;
      // `!!p`, `!isEmpty(p)`.
      if (test.argument.type === 'UnaryExpression' && test.argument.operator === '!')
        return falseWhenEmpty(test.argument.argument, v, varOf);
      return isEmptyCheck(test.argument, same);
    case 'BinaryExpression': {
      const { left, right, operator } = test;
      if (left.type === 'PrivateIdentifier') return false;
      if (operator === '!==' || operator === '!=')
        return (
          (same(left) && emptyText(right)) ||
          (same(right) && emptyText(left)) ||
          (length(left) && zero(right))
        );
      if (operator === '>') return length(left) && zero(right);
      if (operator === '>=') return length(left) && right.type === 'Literal' && right.value === 1;
      return false;
    }
    case 'CallExpression':
      // `Boolean(p)`
      return (
        test.callee.type === 'Identifier' &&
        test.callee.name === 'Boolean' &&
        test.arguments.length === 1 &&
        same(test.arguments[0]!)
      );
    default:
      return same(test) || length(test);
  }
}

/** `isEmpty(p)`, `_.isEmpty(p)`: true of the empty string. */
function isEmptyCheck(n: Node, same: (n: Node) => boolean): boolean {
  if (n.type !== 'CallExpression' || n.arguments.length !== 1 || !same(n.arguments[0]!)) return false;
  return calleeName(n.callee) === 'isEmpty';
}

/** Where a value goes on under another name, which may change it unseen. */
const ESCAPES = new Set([
  'VariableDeclarator',
  'AssignmentExpression',
  'ReturnStatement',
  'ArrowFunctionExpression',
  'ArrayExpression',
  'Property',
  'YieldExpression',
]);

/** lodash functions that put values into the array they are given. */
const LODASH_PUTS = new Set([
  'lodash.fill',
  'lodash.set',
  'lodash.setWith',
  'lodash.update',
  'lodash.assign',
]);

/**
 * What the code puts into the array a variable holds besides its initial value: values assigned
 * to it, to one of its elements (`a[i] = x`), or given to a method that adds elements (`push`,
 * `unshift`, `splice`; a spread gives its array). Undefined when the array goes where its changes
 * cannot be seen: another name (an alias, a field, a return) or a function of the program's own.
 */
export function arrayPuts(
  variable: Variable,
  pathOf: (callee: Node) => string | undefined,
): Node[] | undefined {
  const puts: Node[] = [];
  for (const ref of variable.references) {
    const id = ref.identifier as Node;
    if (ref.isWrite()) {
      if (ref.init !== true && ref.writeExpr) puts.push(ref.writeExpr as Node);
      continue;
    }
    const p = id.parent;
    if (p?.type === 'MemberExpression' && p.object === id) {
      const q = p.parent;
      if (q?.type === 'AssignmentExpression' && q.left === p) puts.push(q.right);
      else if (q?.type === 'CallExpression' && q.callee === p && MUTATORS.has(memberName(p) ?? ''))
        puts.push(...q.arguments.map((a) => (a.type === 'SpreadElement' ? a.argument : a)));
      continue;
    }
    if ((p?.type === 'CallExpression' || p?.type === 'NewExpression') && p.callee !== id) {
      // A library function only reads it (save lodash's that put values in); the program's own may not.
      const path = pathOf(p.callee);
      if (path === undefined || path.startsWith('@') || LODASH_PUTS.has(path)) return undefined;
      continue;
    }
    if (p && ESCAPES.has(p.type)) return undefined;
  }
  return puts;
}

/**
 * `s.split('/')` or `_.split(s, '/')` (lodash by the callee's path): pieces with no `/` in them.
 */
export function splitsAtSlash(n: Node, pathOf: (callee: Node) => string | undefined): boolean {
  const m = unwrap(n);
  if (m.type !== 'CallExpression') return false;
  const slash = (a: Node | undefined) => a?.type === 'Literal' && a.value === '/';
  if (m.callee.type === 'MemberExpression' && memberName(m.callee) === 'split' && slash(m.arguments[0]))
    return pathOf(m.callee) !== 'lodash.split';
  return pathOf(m.callee) === 'lodash.split' && slash(m.arguments[1]);
}
