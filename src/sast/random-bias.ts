import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberName, unwrap, type Resolver } from './resolve.ts';

/**
 * Cryptographic random values reduced with `%` (js/insecure-random): `bytes[i] % 62` makes the
 * first 256 % 62 = 8 letters of a 62-letter alphabet more likely than the others, a bias a
 * password or token guesser uses. Only 8- and 16-bit values: a 32-bit value's bias is negligible.
 */

/** How many values one element of a typed array takes. */
const RANGE: Record<string, number> = {
  Uint8Array: 256,
  Int8Array: 256,
  Uint8ClampedArray: 256,
  Uint16Array: 65536,
  Int16Array: 65536,
};
/** Calls that fill their argument with cryptographic random values, and return it. */
const FILLERS = new Set([
  'crypto.getRandomValues',
  'crypto.webcrypto.getRandomValues',
  'crypto.randomFillSync',
]);
/** Callbacks whose first parameter is an element of the array they are called on. */
const ELEMENT_CALLBACKS = new Set(['map', 'forEach', 'flatMap', 'some', 'every', 'filter', 'find']);
const MAX_DEPTH = 4;

function typedArrayRange(node: TSESTree.Node): number | undefined {
  const n = unwrap(node);
  return n.type === 'NewExpression' && n.callee.type === 'Identifier' ? RANGE[n.callee.name] : undefined;
}

/** Is the array `id` names passed to a filler anywhere (`crypto.getRandomValues(bytes)`)? */
function filledRandomly(resolver: Resolver, id: TSESTree.Identifier): boolean {
  const variable = resolver.variableOf(id);
  return !!variable?.references.some((r) => {
    const p = r.identifier.parent;
    return (
      p?.type === 'CallExpression' &&
      p.arguments[0] === r.identifier &&
      FILLERS.has(resolver.resolve(p.callee) ?? '')
    );
  });
}

/** How many values one element takes, when `node` is an array of cryptographic random values. */
function randomArrayRange(resolver: Resolver, node: TSESTree.Node, depth = 0): number | undefined {
  const n = unwrap(node);
  if (depth > MAX_DEPTH) return undefined;
  // [...bytes]: a copy of the same values.
  const [only] = n.type === 'ArrayExpression' && n.elements.length === 1 ? n.elements : [];
  if (only?.type === 'SpreadElement') return randomArrayRange(resolver, only.argument, depth + 1);
  if (n.type === 'CallExpression') {
    const target = resolver.resolve(n.callee);
    if (target === 'crypto.randomBytes') return 256;
    if (target === 'Array.from' && n.arguments.length === 1 && n.arguments[0]!.type !== 'SpreadElement')
      return randomArrayRange(resolver, n.arguments[0]!, depth + 1);
    const arg = n.arguments[0];
    return target && FILLERS.has(target) && arg ? typedArrayRange(arg) : undefined;
  }
  if (n.type !== 'Identifier') return undefined;
  const init = resolver.constantInit(n);
  if (!init) return undefined;
  const range = typedArrayRange(init);
  if (range && filledRandomly(resolver, n)) return range;
  return randomArrayRange(resolver, init, depth + 1);
}

/**
 * The array a name iterates: `for (const b of bytes)`, `bytes.map((b) => …)`,
 * `Array.from(bytes, (b) => …)`.
 */
function iterated(resolver: Resolver, id: TSESTree.Identifier): TSESTree.Node | undefined {
  const def = resolver.variableOf(id)?.defs[0];
  if (!def) return undefined;
  if (def.type === 'Variable' && def.parent?.parent?.type === 'ForOfStatement')
    return def.parent.parent.right;
  if (def.type !== 'Parameter') return undefined;
  const fn = def.node;
  const first = 'params' in fn ? fn.params[0] : undefined;
  const call = fn.parent;
  if (first?.type !== 'Identifier' || first.name !== id.name || call?.type !== 'CallExpression')
    return undefined;
  if (call.callee.type === 'MemberExpression' && ELEMENT_CALLBACKS.has(memberName(call.callee) ?? ''))
    return call.arguments[0] === fn ? call.callee.object : undefined;
  if (resolver.resolve(call.callee) === 'Array.from' && call.arguments[1] === fn) return call.arguments[0];
  return undefined;
}

/** How many values `node` takes, when it is one cryptographic random byte (or 16-bit value). */
function randomValueRange(resolver: Resolver, node: TSESTree.Node): number | undefined {
  const n = unwrap(node);
  if (n.type === 'MemberExpression' && n.computed) return randomArrayRange(resolver, n.object);
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') {
    const read = memberName(n.callee) ?? '';
    const width = /^readU?Int8$/.test(read) ? 256 : /^readU?Int16[BL]E$/.test(read) ? 65536 : undefined;
    return width && randomArrayRange(resolver, n.callee.object) === 256 ? width : undefined;
  }
  if (n.type !== 'Identifier') return undefined;
  const array = iterated(resolver, n);
  return array ? randomArrayRange(resolver, array) : undefined;
}

/** The constant divisor: a number, or the length of a constant string or array literal. */
function divisor(resolver: Resolver, node: TSESTree.Node): number | undefined {
  const value = resolver.staticValue(node)?.value;
  if (typeof value === 'number') return value;
  const n = unwrap(node);
  if (n.type !== 'MemberExpression' || n.computed || memberName(n) !== 'length') return undefined;
  const object = unwrap(n.object);
  const text = resolver.staticValue(object)?.value;
  if (typeof text === 'string') return text.length;
  const init = object.type === 'Identifier' ? resolver.constantInit(object) : undefined;
  if (init?.type === 'ArrayExpression' && init.elements.every((e) => e && e.type !== 'SpreadElement'))
    return init.elements.length;
  return undefined;
}

/** `randomByte % k` where k does not divide the byte's range: the divisor, else undefined. */
export function biasedModulo(resolver: Resolver, node: TSESTree.BinaryExpression): number | undefined {
  if (node.operator !== '%') return undefined;
  const k = divisor(resolver, node.right);
  if (k === undefined || !Number.isInteger(k) || k <= 1) return undefined;
  const range = randomValueRange(resolver, node.left);
  return range !== undefined && range % k !== 0 ? k : undefined;
}
