import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrap, type Resolver } from './resolve.ts';

/** Pieces examined for one question; a generated file can chain thousands of `+`. */
const BUDGET = 256;

/**
 * True when a string is put together only from constants and pieces `leaf` accepts: through `+`
 * concatenation, template literals and `?:` whose branches both qualify.
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
    if (resolver.staticValue(n) || leaf(n)) continue;
    if (n.type === 'ConditionalExpression') pending.push(n.consequent, n.alternate);
    else if (n.type === 'BinaryExpression' && n.operator === '+') pending.push(n.left, n.right);
    else if (n.type === 'TemplateLiteral') pending.push(...n.expressions);
    else return false;
  }
  return true;
}

const NUMERIC_CALLS = new Set(['Number', 'parseInt', 'parseFloat', 'Number.parseInt', 'Number.parseFloat']);

/**
 * A number whatever its operand: the global numeric conversions (by binding: a local function
 * named `Number` is not one), `Math.*`, unary `+`, `-` and `~`. Its text is digits, a sign, a dot,
 * `e`, `NaN` or `Infinity`: nothing a shell or an HTML parser reads as syntax.
 */
export function isNumeric(resolver: Resolver, n: TSESTree.Node): boolean {
  if (n.type === 'UnaryExpression') return n.operator === '+' || n.operator === '-' || n.operator === '~';
  if (n.type !== 'CallExpression') return false;
  const target = resolver.resolve(n.callee);
  return target !== undefined && (NUMERIC_CALLS.has(target) || target.startsWith('Math.'));
}
