import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from './values.ts';

/**
 * Prototype pollution as data flow: `o[k] = v` with an untrusted key is dangerous only when `o`
 * may itself be `Object.prototype`, that is when `o` was reached by another untrusted lookup —
 * a set-by-path loop (`cur = cur[part]`) or a recursive merge (`merge(target[key], source[key])`).
 * A plain `counts[name] = 1` is not. These facts are syntactic and per function, computed once.
 */
interface FnFacts {
  /** Locals assigned from a computed lookup (`cur = cur[k]`, `let o = t[k] || {}`) → its keys. */
  descended: Map<string, Node[]>;
  /** Parameter positions the function passes a computed lookup to when it calls itself → its keys. */
  recursive: Map<number, Node[]>;
  /**
   * The function rejects both ways to the prototype (`__proto__`, and `constructor` or
   * `prototype`), or calls a key guard. Rejecting `__proto__` alone leaves
   * `constructor.prototype`, the bypass of many a fixed advisory (minimist 1.2.5, set-value).
   */
  guarded: boolean;
  /** Names whose own properties the function checks (`hasOwnProperty`, `Object.hasOwn`). */
  ownChecked: Set<string>;
}

const DANGEROUS = new Set(['__proto__', 'constructor', 'prototype']);
/** Helpers whose name says they vet keys (`isPrototypePolluted`, `isSafeKey`, `validKey`). */
const GUARD_HELPER = /proto|(?:safe|unsafe|valid|forbidden|dangerous|blocked|allowed|bad)_?(?:key|prop)/i;

type Fn = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

const factsCache = new WeakMap<Node, FnFacts>();

const isFunction = (n: Node): n is Fn =>
  n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';

/** Strip `x || {}`, `x ?? {}`, `(x = y)` down to the lookup that decides what `x` is. */
function lookupOf(n: Node): TSESTree.MemberExpression | undefined {
  if (n.type === 'MemberExpression') return n.computed ? n : undefined;
  if (n.type === 'LogicalExpression') return lookupOf(n.left);
  if (n.type === 'AssignmentExpression') return lookupOf(n.right) ?? lookupOf(n.left);
  if (n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression') return lookupOf(n.expression);
  return undefined;
}

/** The names a function can call itself by: its own name, or the binding or key it was assigned to. */
function selfNames(fn: Fn): Set<string> {
  const names = new Set<string>();
  if (fn.id) names.add(fn.id.name);
  const parent = fn.parent as Node | undefined;
  if (!parent) return names;
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') names.add(parent.id.name);
  if ((parent.type === 'Property' || parent.type === 'MethodDefinition') && parent.key.type === 'Identifier')
    names.add(parent.key.name);
  if (parent.type === 'AssignmentExpression') {
    if (parent.left.type === 'Identifier') names.add(parent.left.name);
    else if (parent.left.type === 'MemberExpression' && parent.left.property.type === 'Identifier')
      names.add(parent.left.property.name);
  }
  return names;
}

function calleeName(callee: Node): string | undefined {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier')
    return callee.property.name;
  return undefined;
}

const literalString = (n: Node | undefined): string | undefined =>
  n?.type === 'Literal' && typeof n.value === 'string' ? n.value : undefined;

function noteOwnCheck(call: TSESTree.CallExpression, facts: FnFacts): void {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
  const method = callee.property.name;
  const name = (n: Node | undefined) => (n?.type === 'Identifier' ? n.name : undefined);
  let owner: string | undefined;
  if (method === 'hasOwnProperty') owner = name(callee.object);
  // Object.prototype.hasOwnProperty.call(o, k), Object.hasOwn(o, k)
  else if (method === 'call' && calleeName(callee.object) === 'hasOwnProperty')
    owner = name(call.arguments[0]);
  else if (method === 'hasOwn') owner = name(call.arguments[0]);
  if (owner) facts.ownChecked.add(owner);
}

function factsOf(fn: Fn): FnFacts {
  const cached = factsCache.get(fn);
  if (cached) return cached;
  const facts: FnFacts = {
    descended: new Map(),
    recursive: new Map(),
    guarded: false,
    ownChecked: new Set(),
  };
  const note = <K>(map: Map<K, Node[]>, key: K, lookup: TSESTree.MemberExpression | undefined) => {
    if (lookup) map.set(key, [...(map.get(key) ?? []), lookup.property]);
  };
  const rejected = new Set<string>();
  const reject = (...keys: Array<string | undefined>) => {
    for (const k of keys) if (k !== undefined && DANGEROUS.has(k)) rejected.add(k);
  };
  const self = selfNames(fn);
  const stack: Node[] = [fn.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    switch (n.type) {
      case 'VariableDeclarator':
        if (n.id.type === 'Identifier' && n.init) note(facts.descended, n.id.name, lookupOf(n.init));
        break;
      case 'AssignmentExpression':
        if (n.left.type === 'Identifier') note(facts.descended, n.left.name, lookupOf(n.right));
        break;
      case 'BinaryExpression':
        if (
          ['===', '==', '!==', '!='].includes(n.operator) &&
          (DANGEROUS.has(literalString(n.left) ?? '') || DANGEROUS.has(literalString(n.right) ?? ''))
        )
          reject(literalString(n.left), literalString(n.right));
        break;
      case 'SwitchCase':
        reject(literalString(n.test ?? undefined));
        break;
      case 'CallExpression': {
        const name = calleeName(n.callee);
        if (name && GUARD_HELPER.test(name)) facts.guarded = true;
        reject(...n.arguments.map((a) => literalString(a)));
        if (n.callee.type === 'MemberExpression' && n.callee.object.type === 'ArrayExpression')
          reject(...n.callee.object.elements.map((e) => literalString(e ?? undefined)));
        noteOwnCheck(n, facts);
        if (name && self.has(name)) n.arguments.forEach((a, i) => note(facts.recursive, i, lookupOf(a)));
        break;
      }
    }
    for (const key of Object.keys(n)) {
      if (key === 'parent') continue;
      const child = (n as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof (c as Node).type === 'string') stack.push(c as Node);
      } else if (child && typeof (child as Node).type === 'string') stack.push(child as Node);
    }
  }
  if (rejected.has('__proto__') && (rejected.has('constructor') || rejected.has('prototype')))
    facts.guarded = true;
  factsCache.set(fn, facts);
  return facts;
}

/** The innermost function around `node` that declares `name` as a parameter, else the innermost function. */
function ownerFunction(node: Node, name: string): { fn: Fn; param: number } | undefined {
  let innermost: Fn | undefined;
  for (let n = node.parent as Node | undefined; n; n = n.parent as Node | undefined) {
    if (!isFunction(n)) continue;
    innermost ??= n;
    const param = n.params.findIndex(
      (p) =>
        (p.type === 'Identifier' && p.name === name) ||
        (p.type === 'AssignmentPattern' && p.left.type === 'Identifier' && p.left.name === name),
    );
    if (param >= 0) return { fn: n, param };
  }
  return innermost ? { fn: innermost, param: -1 } : undefined;
}

/**
 * For `o[k] = v` where `o` was reached by a computed lookup (so `o` may be a prototype), the keys
 * of those lookups; the caller decides whether any is untrusted. Empty when `o` was not reached by
 * lookup, or when a function doing the descent guards its keys.
 */
export function descentKeys(write: TSESTree.AssignmentExpression): Node[] {
  const left = write.left;
  if (left.type !== 'MemberExpression' || !left.computed || left.object.type !== 'Identifier') return [];
  const name = left.object.name;
  const owner = ownerFunction(write, name);
  if (!owner) return [];
  // A local assigned by lookup descends wherever it is declared; look in each function up to the owner.
  const keys: Node[] = [];
  for (let n = write.parent as Node | undefined; n; n = n.parent as Node | undefined) {
    if (!isFunction(n)) continue;
    const facts = factsOf(n);
    if (facts.guarded || facts.ownChecked.has(name)) return [];
    keys.push(...(facts.descended.get(name) ?? []));
    if (n === owner.fn) break;
  }
  if (owner.param >= 0) keys.push(...(factsOf(owner.fn).recursive.get(owner.param) ?? []));
  return keys;
}

/** `{}`, `[]`, `x[k] || {}`: a write that only creates the next level of a nested object. */
export function buildsLevel(value: Node): boolean {
  if (value.type === 'ObjectExpression' || value.type === 'ArrayExpression') return true;
  return value.type === 'LogicalExpression' && buildsLevel(value.right);
}
