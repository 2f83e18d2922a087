import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberName, unwrap, type Resolver } from './resolve.ts';

/** Pieces examined for one question; a generated file can chain thousands of `+`. */
const BUDGET = 256;

/**
 * True when a string is put together only from constants and pieces `leaf` accepts: through `+`
 * concatenation, template literals, `const` bindings, `?:`, `??` and `||` whose branches all qualify, and lookups in
 * a constant table (`COMMANDS[name]` of a `const` object or array of constants).
 */
export function builtFrom(
  resolver: Resolver,
  node: TSESTree.Node,
  leaf: (piece: TSESTree.Node) => boolean,
): boolean {
  const pending: TSESTree.Node[] = [node];
  for (let budget = BUDGET; pending.length; budget--) {
    if (budget === 0) return false;
    const n = unwrap(pending.pop()!);
    if (resolver.staticValue(n) || leaf(n) || constantLookup(resolver, n)) continue;
    const init = n.type === 'Identifier' ? resolver.constantInit(n) : undefined;
    if (init) pending.push(init);
    else if (n.type === 'ConditionalExpression') pending.push(n.consequent, n.alternate);
    else if (n.type === 'LogicalExpression' && n.operator !== '&&') pending.push(n.left, n.right);
    else if (n.type === 'BinaryExpression' && n.operator === '+') pending.push(n.left, n.right);
    else if (n.type === 'TemplateLiteral') pending.push(...n.expressions);
    else return false;
  }
  return true;
}

/** `TABLE[key]` where TABLE is a `const` object or array literal of constants: one of them, or undefined. */
function constantLookup(resolver: Resolver, n: TSESTree.Node): boolean {
  if (n.type !== 'MemberExpression' || !n.computed) return false;
  const object = unwrap(n.object);
  const table = object.type === 'Identifier' ? resolver.constantInit(object) : undefined;
  if (table?.type === 'ObjectExpression')
    return table.properties.every(
      (p) => p.type === 'Property' && !p.computed && !!resolver.staticValue(p.value),
    );
  if (table?.type === 'ArrayExpression')
    return table.elements.every((e) => e !== null && e.type !== 'SpreadElement' && !!resolver.staticValue(e));
  return false;
}

const ARITHMETIC = new Set(['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>']);

const NUMERIC_CALLS = new Set(['Number', 'parseInt', 'parseFloat', 'Number.parseInt', 'Number.parseFloat']);

/**
 * A number whatever its operand: the global numeric conversions (by binding: a local function
 * named `Number` is not one), `Math.*`, unary `+`, `-` and `~`, `.length`, `String()` and
 * `toString()` of a number, and `const` bindings of one. Its text is digits, a sign, a dot,
 * `e`, `NaN` or `Infinity`: nothing a shell or an HTML parser reads as syntax.
 */
export function isNumeric(resolver: Resolver, n: TSESTree.Node, depth = 0): boolean {
  if (depth > 8) return false;
  if (n.type === 'UnaryExpression') return n.operator === '+' || n.operator === '-' || n.operator === '~';
  if (n.type === 'Literal') return typeof n.value === 'number';
  // `a - b`, `a * b`… always give a number; `a + b` when both sides are numbers.
  if (n.type === 'BinaryExpression' && n.left.type !== 'PrivateIdentifier')
    return (
      ARITHMETIC.has(n.operator) ||
      (n.operator === '+' &&
        isNumeric(resolver, unwrap(n.left), depth + 1) &&
        isNumeric(resolver, unwrap(n.right), depth + 1))
    );
  if (n.type === 'Identifier') {
    const init = resolver.constantInit(n);
    return init !== undefined && isNumeric(resolver, unwrap(init), depth + 1);
  }
  // n.toString() / n.toFixed(2) of a number.
  if (
    n.type === 'CallExpression' &&
    n.callee.type === 'MemberExpression' &&
    /^to(?:String|Fixed|Precision)$/.test(memberName(n.callee) ?? '')
  )
    return isNumeric(resolver, unwrap(n.callee.object), depth + 1);
  // A collection's size. (Request JSON can forge `length`; the taint half, not this, judges request data.)
  if (n.type === 'MemberExpression') return !n.computed && memberName(n) === 'length';
  if (n.type !== 'CallExpression') return false;
  const target = resolver.resolve(n.callee);
  if (target === 'String' && n.arguments.length === 1)
    return isNumeric(resolver, unwrap(n.arguments[0]!), depth + 1);
  return target !== undefined && (NUMERIC_CALLS.has(target) || target.startsWith('Math.'));
}
