import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from './values.ts';

/**
 * Prototype pollution as data flow: `o[k] = v` with an untrusted key is dangerous only when `o`
 * may itself be `Object.prototype`, that is when `o` was reached by another untrusted lookup —
 * a set-by-path loop (`cur = cur[part]`) or a recursive merge (`merge(target[key], source[key])`).
 * A plain `counts[name] = 1` is not. These facts are syntactic and per function, computed once.
 */
interface FnFacts {
  /** What each local was assigned from (`cur = cur[k]`, `let o = t[k] || {}`, `clone = src ? src : {}`). */
  assigned: Map<string, Origins>;
  /** What the function passes at each parameter position when it calls itself. */
  recursive: Map<number, Origins>;
  /**
   * The function rejects both ways to the prototype (`__proto__`, and `constructor` or
   * `prototype`), or calls a key guard. Rejecting `__proto__` alone leaves
   * `constructor.prototype`, the bypass of many a fixed advisory (minimist 1.2.5, set-value).
   */
  guarded: boolean;
  /** The function rejects `__proto__` (enough for a write into an object that is a prototype itself). */
  rejectsProto: boolean;
  /** Names whose own properties the function checks (`hasOwnProperty`, `Object.hasOwn`). */
  ownChecked: Set<string>;
}

const DANGEROUS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Shallow copies of a source's own properties into a target (`Object.assign(target, src)`): with a
 * target looked up by an untrusted key (`config[section]`, `__proto__`) they write into a prototype.
 */
export const SHALLOW_ASSIGNS: ReadonlySet<string> = new Set([
  'Object.assign',
  ...['lodash', 'lodash-es', 'underscore', 'es-toolkit/compat'].flatMap((m) =>
    ['assign', 'assignIn', 'extend'].map((f) => `${m}.${f}`),
  ),
]);
/**
 * Helpers whose name says they vet keys (`isPrototypePolluted`, `isUnsafeKey`, `isSafeKey`,
 * `validKey`, `isProtoKey`): a verb, then a word about keys or prototype pollution. Not any name
 * holding "proto": `Object.getPrototypeOf(v) === Object.prototype` tests for a plain object, and
 * `prototypeSafeMerge` calling itself vets nothing.
 */
const GUARD_WORDS =
  '(?:(?:un)?safe|(?:in)?valid|forbidden|disallowed|dangerous|blocked|blacklisted|denied|allowed|bad|illegal|reserved|proto(?:type)?)_?(?:key|prop(?:erty)?)s?|proto(?:type)?_?(?:pollut|key)';
const GUARD_HELPER = new RegExp(
  `^(?:is|has|check|assert|ensure|validate|verify|reject|guard|forbid|deny|block)?_?(?:${GUARD_WORDS})`,
  'i',
);
/** The same words anywhere in a text (a quick test before walking a function). */
const GUARD_HINT = new RegExp(GUARD_WORDS, 'i');
/** Helper names that say a key is acceptable (`isSafeKey`): true means write, so no exit is needed. */
const ACCEPTING_HELPER = /(?:^|[^n])(?:safe|valid|allowed)_?(?:key|prop)|^(?:valid|safe|allowed)/i;

/** Methods that look a key up in a deny-list (`LIST.includes(k)`, `SET.has(k)`, `RE.test(k)`). */
const LIST_METHODS = new Set(['includes', 'has', 'indexOf', 'test', 'exec']);

/** `Object.getPrototypeOf`, `Reflect.…`: built-ins, not a program's key guard. */
const isBuiltin = (n: Node): boolean =>
  n.type === 'Identifier' && (n.name === 'Object' || n.name === 'Reflect');

/** Checks that a value is a plain object (`isPlainObject`, `isPlainObj`), not a function or class instance. */
const PLAIN_CHECK = /^is_?plain_?obj(?:ect)?$/i;

type Fn = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/**
 * Push the AST children of `n` (a plain walk, no visitor keys needed). `for…in` walks a plain
 * object's keys in Object.keys' order without making an array of them.
 */
export function pushChildren(n: Node, stack: Node[]): void {
  for (const key in n) {
    if (key === 'parent') continue;
    const child = (n as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const c of child) if (c && typeof (c as Node).type === 'string') stack.push(c as Node);
    } else if (child && typeof (child as Node).type === 'string') stack.push(child as Node);
  }
}

const factsCache = new WeakMap<Node, FnFacts>();

const isFunction = (n: Node): n is Fn =>
  n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';

/**
 * Where a value may come from: the keys of computed lookups (`t[k]`), other names (`src` in
 * `src ? src : {}`), and positions of `arguments` (`arguments[1] || {}`, as `extend` takes its target).
 */
interface Origins {
  keys: Node[];
  names: string[];
  slots: number[];
}

/** `arguments[i]` with `i` computed: any position. */
const ANY_SLOT = -1;

function originsOf(n: Node, into: Origins = { keys: [], names: [], slots: [] }): Origins {
  switch (n.type) {
    case 'Identifier':
      into.names.push(n.name);
      break;
    case 'MemberExpression':
      if (!n.computed) break;
      if (n.object.type === 'Identifier' && n.object.name === 'arguments') {
        into.slots.push(
          n.property.type === 'Literal' && typeof n.property.value === 'number' ? n.property.value : ANY_SLOT,
        );
      } else into.keys.push(n.property);
      break;
    case 'LogicalExpression':
      originsOf(n.left, into);
      originsOf(n.right, into);
      break;
    case 'ConditionalExpression':
      originsOf(n.consequent, into);
      originsOf(n.alternate, into);
      break;
    case 'AssignmentExpression':
      originsOf(n.right, into);
      originsOf(n.left, into);
      break;
    case 'TSAsExpression':
    case 'TSNonNullExpression':
      originsOf(n.expression, into);
      break;
    case 'CallExpression':
      // `keys.reduce((acc, k) => (acc[k] = acc[k] || {}), obj)`: what the callback returns, a
      // level reached by its key (a set-by-path helper written as a fold).
      if (REDUCERS.has(calleeName(n.callee) ?? '') && n.callee.type === 'MemberExpression') {
        const cb = n.arguments[0];
        if (cb && isFunction(cb)) for (const r of returnedBy(cb)) originsOf(r, into);
      }
      break;
  }
  return into;
}

const REDUCERS = new Set(['reduce', 'reduceRight']);

/** The expressions a function returns (its body, for an arrow with an expression body). */
export function returnedBy(fn: Fn): Node[] {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  const out: Node[] = [];
  const stack: Node[] = [fn.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isFunction(n)) continue;
    if (n.type === 'ReturnStatement' && n.argument) out.push(n.argument);
    pushChildren(n, stack);
  }
  return out;
}

/** The names a function can call itself by: its own name, or the binding or key it was assigned to. */
export function selfNames(fn: Fn): Set<string> {
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

/**
 * An own-property check guards unless it is negated on the way to its statement
 * (`if (!(hasOwnProperty.call(o, k) && eq(o[k], v))) o[k] = v` writes whenever it fails), save
 * `if (!hasOwn(o, k)) return` and the like, an `if` whose `else` holds what own properties do
 * (`if (!hasOwn(o, k)) o[k] = v; else merge(o[k], v)`), and one that makes the missing level
 * (`if (!hasOwn(o, k)) o[k] = {}; o = o[k]`: the walk goes on in an own property, or in the fresh
 * object a `__proto__` write made the prototype).
 */
function ownCheckGuards(call: Node): boolean {
  let negated = false;
  let n: Node = call;
  while (n.parent && !n.parent.type.endsWith('Statement') && !isFunction(n.parent)) {
    if (n.parent.type === 'UnaryExpression' && n.parent.operator === '!') negated = !negated;
    n = n.parent;
  }
  if (!negated) return true;
  const stmt = n.parent;
  if (stmt?.type !== 'IfStatement' || stmt.test !== n || !falseTestMeansOwn(n, call)) return false;
  const first = stmt.consequent.type === 'BlockStatement' ? stmt.consequent.body[0] : stmt.consequent;
  return stmt.alternate != null || (first !== undefined && (exits(first) || makesLevel(stmt.consequent)));
}

/**
 * Does a false `test` mean the check in it held? `!own || x` false: yes; `!own && x` false: not
 * necessarily (x may be what failed). Worked out from the test down to the check.
 */
function falseTestMeansOwn(test: Node, check: Node): boolean {
  const path: Node[] = [];
  for (let n: Node = check; n !== test; n = n.parent as Node) path.push(n);
  let value = false;
  for (let i = path.length - 1, at: Node = test; ; at = path[i--]!) {
    if (at === check) return value;
    if (at.type === 'UnaryExpression' && at.operator === '!') value = !value;
    else if (at.type === 'LogicalExpression') {
      // Each side of a false `||` is false, each side of a true `&&` true; otherwise nothing is known.
      if ((at.operator === '||') === value || at.operator === '??') return false;
    } else if (at.type !== 'ChainExpression') return false;
  }
}

/** A statement (or block) that only makes the next level: `o[k] = {}`. */
function makesLevel(stmt: Node): boolean {
  const only = stmt.type === 'BlockStatement' ? (stmt.body.length === 1 ? stmt.body[0] : undefined) : stmt;
  const write = only?.type === 'ExpressionStatement' ? only.expression : undefined;
  return (
    write?.type === 'AssignmentExpression' &&
    write.left.type === 'MemberExpression' &&
    buildsLevel(write.right)
  );
}

const EXITS = new Set(['ReturnStatement', 'ContinueStatement', 'ThrowStatement', 'BreakStatement']);

/** Does a statement leave the code after it (`return`, `continue`, `throw`, `break`, or a block holding one)? */
function exits(stmt: Node): boolean {
  if (EXITS.has(stmt.type)) return true;
  return stmt.type === 'BlockStatement' && stmt.body.some((s) => EXITS.has(s.type));
}

/**
 * Does a check that a key is dangerous (`k === '__proto__'`, `BLOCKED.has(k)`, `isUnsafeKey(k)`:
 * `dangerous` true; `k !== '__proto__'`, `isSafeKey(k)`: false) keep the key from the write? In
 * an `if` test only when the branch it picks for a dangerous key leaves (`return`, `continue`,
 * `throw`, `break`) or the `if` has an `else` for the others: `if (k === '__proto__')
 * console.warn(k)` writes all the same. Elsewhere (`keys.filter(k => …)`, `?:`, a helper's
 * `return`) it counts.
 */
function keepsKeyOut(check: Node, dangerous: boolean): boolean {
  let n: Node = check;
  let negated = false;
  for (;;) {
    const p = n.parent as Node | undefined;
    if (!p) return true;
    if (p.type === 'UnaryExpression' && p.operator === '!') negated = !negated;
    else if (p.type !== 'LogicalExpression' && p.type !== 'ChainExpression') break;
    n = p;
  }
  const stmt = n.parent as Node;
  if (stmt.type !== 'IfStatement' || stmt.test !== n) return true;
  // The `if` runs its consequent for safe keys: the write is there.
  if (dangerous === negated) return true;
  return stmt.alternate != null || exits(stmt.consequent);
}

/**
 * The strings a deny-list holds: an array or `new Set([…])` literal, or a `const` naming one in
 * the function or around it (`const BLOCKED = new Set(['__proto__', …])`); for a regex, the
 * dangerous names its source spells (`/^(__proto__|constructor|prototype)$/`).
 */
function listedWords(n: Node | undefined, from: Node, depth = 0): string[] {
  if (!n || depth > 3) return [];
  switch (n.type) {
    case 'ArrayExpression':
      return n.elements.flatMap((e) => literalString(e ?? undefined) ?? []);
    case 'NewExpression':
      return n.callee.type === 'Identifier' && n.callee.name === 'Set'
        ? listedWords(n.arguments[0], from, depth + 1)
        : [];
    case 'CallExpression':
      // Object.freeze([...])
      return calleeName(n.callee) === 'freeze' ? listedWords(n.arguments[0], from, depth + 1) : [];
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
      return listedWords(n.expression, from, depth + 1);
    case 'Literal':
      return 'regex' in n && n.regex ? [...DANGEROUS].filter((d) => n.regex.pattern.includes(d)) : [];
    case 'Identifier':
      return listedWords(constInit(n.name, from), from, depth + 1);
    default:
      return [];
  }
}

/** The initialiser of a `const` (or never-reassigned `let`/`var`) declared in a block around `from`. */
function constInit(name: string, from: Node): Node | undefined {
  for (let n = from.parent as Node | undefined; n; n = n.parent as Node | undefined) {
    const body = n.type === 'Program' || n.type === 'BlockStatement' ? n.body : undefined;
    if (!body) continue;
    for (const stmt of body) {
      const decl =
        stmt.type === 'ExportNamedDeclaration' && stmt.declaration ? stmt.declaration : (stmt as Node);
      if (decl.type !== 'VariableDeclaration') continue;
      for (const d of decl.declarations)
        if (d.id.type === 'Identifier' && d.id.name === name && d.init) return d.init;
    }
  }
  return undefined;
}

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
  if (owner && ownCheckGuards(call)) facts.ownChecked.add(owner);
}

function factsOf(fn: Fn): FnFacts {
  const cached = factsCache.get(fn);
  if (cached) return cached;
  const facts: FnFacts = {
    assigned: new Map(),
    recursive: new Map(),
    guarded: false,
    rejectsProto: false,
    ownChecked: new Set(),
  };
  const note = <K>(map: Map<K, Origins>, key: K, value: Node) => {
    const o = map.get(key) ?? { keys: [], names: [], slots: [] };
    map.set(key, originsOf(value, o));
  };
  const rejected = new Set<string>();
  // A key check counts where it keeps the key from the write (keepsKeyOut).
  const reject = (check: Node, dangerous: boolean, keys: Array<string | undefined>) => {
    const named = keys.filter((k): k is string => k !== undefined && DANGEROUS.has(k));
    if (named.length && keepsKeyOut(check, dangerous)) for (const k of named) rejected.add(k);
  };
  // What `typeof x === 'object'` and `isPlainObject(x)` test, and the names the function writes
  // computed keys into.
  const objectTested: Node[] = [];
  const written = new Set<string>();
  const self = selfNames(fn);
  // A key guard called, or passed by reference (`segs.some(isUnsafeKey)`), by another function.
  const guardHelper = (name: string | undefined, callee?: Node): boolean =>
    name !== undefined &&
    !self.has(name) &&
    GUARD_HELPER.test(name) &&
    !(callee?.type === 'MemberExpression' && isBuiltin(callee.object));
  // Key checks count in the function and in the callbacks it passes (`keys.filter(k => …)`), not in
  // other functions it declares: a UMD factory holds a whole library, whose `isPlainObject` may
  // name `constructor` without guarding the library's merge.
  // Two parallel stacks (the node, whether it is in the function's own code): a pair per node was
  // a share of the scan's garbage.
  const stack: Node[] = [fn.body];
  const own: boolean[] = [true];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const inOwnCode = own.pop()!;
    const guards = inOwnCode && !(isFunction(n) && !isCallbackArgument(n));
    switch (n.type) {
      case 'VariableDeclarator':
        if (n.id.type === 'Identifier' && n.init) note(facts.assigned, n.id.name, n.init);
        break;
      case 'AssignmentExpression':
        if (n.left.type === 'Identifier') note(facts.assigned, n.left.name, n.right);
        else if (n.left.type === 'MemberExpression' && n.left.computed && n.left.object.type === 'Identifier')
          written.add(n.left.object.name);
        break;
      case 'BinaryExpression':
        if (guards && ['===', '==', '!==', '!='].includes(n.operator)) {
          reject(n, n.operator === '===' || n.operator === '==', [
            literalString(n.left),
            literalString(n.right),
          ]);
          const typed = objectTypeTested(n);
          if (typed) objectTested.push(typed);
        }
        break;
      case 'SwitchCase':
        if (guards) reject(n, false, [literalString(n.test ?? undefined)]);
        break;
      case 'CallExpression': {
        const name = calleeName(n.callee);
        if (guards) {
          if (guardHelper(name, n.callee) && keepsKeyOut(n, !ACCEPTING_HELPER.test(name!)))
            facts.guarded = true;
          for (const a of n.arguments)
            if (
              a.type === 'Identifier' &&
              guardHelper(a.name) &&
              keepsKeyOut(n, !ACCEPTING_HELPER.test(a.name))
            )
              facts.guarded = true;
          const tested = n.arguments[0];
          if (name && PLAIN_CHECK.test(name) && tested) objectTested.push(tested);
          // `k.startsWith('__proto__')`, `k.match(/^(__proto__|constructor)$/)`
          reject(
            n,
            true,
            n.arguments.flatMap((a) =>
              a.type === 'Literal' && 'regex' in a ? listedWords(a, n) : [literalString(a)],
            ),
          );
          // `['__proto__', …].includes(k)`, `BLOCKED.has(k)`, `/^(__proto__|…)$/.test(k)`
          if (n.callee.type === 'MemberExpression' && LIST_METHODS.has(name ?? ''))
            reject(n, true, listedWords(n.callee.object, n));
          noteOwnCheck(n, facts);
        }
        if (name && self.has(name)) n.arguments.forEach((a, i) => note(facts.recursive, i, a));
        break;
      }
    }
    const from = stack.length;
    pushChildren(n, stack);
    for (let i = from; i < stack.length; i++) own.push(guards);
  }
  facts.rejectsProto = rejected.has('__proto__');
  // Descending only into levels of the target that are plain objects (`isPlainObject(src) ? src :
  // {}` with `src = target[name]`) or `typeof 'object'` leaves `__proto__` as the one way to a
  // prototype: `constructor` leads to a function, `prototype` to an own property. A test of the
  // source's value (`isPlainObject(src[k])`) says nothing of the target's `constructor`:
  // `{"constructor": {"prototype": …}}` goes down `Object` into `Object.prototype`.
  if (
    rejected.has('__proto__') &&
    (rejected.has('constructor') ||
      rejected.has('prototype') ||
      objectTested.some((x) => isLevelOf(x, written, facts)))
  )
    facts.guarded = true;
  factsCache.set(fn, facts);
  return facts;
}

/** `typeof x === 'object'` (`!==`, `==`, either side): `x`. */
function objectTypeTested(test: TSESTree.BinaryExpression): Node | undefined {
  const sides: Node[] = [test.left as Node, test.right];
  if (!sides.some((s) => literalString(s) === 'object')) return undefined;
  const typed = sides.find((s) => s.type === 'UnaryExpression' && s.operator === 'typeof');
  return typed?.type === 'UnaryExpression' ? typed.argument : undefined;
}

/**
 * Is `x` a level of an object the function writes keys into: a lookup in it (`dst[k]`), or a local
 * assigned one (`const here = dst[k]`, `src = target[name]`)?
 */
function isLevelOf(x: Node, written: ReadonlySet<string>, facts: FnFacts): boolean {
  const inWritten = (key: Node) => {
    const lookup = key.parent;
    return (
      lookup?.type === 'MemberExpression' &&
      lookup.object.type === 'Identifier' &&
      written.has(lookup.object.name)
    );
  };
  if (x.type === 'MemberExpression' && x.computed) return inWritten(x.property);
  if (x.type !== 'Identifier') return false;
  const origins = facts.assigned.get(x.name);
  return !!origins && origins.keys.length > 0 && origins.keys.every(inWritten);
}

let lastText: string | undefined;
let lastMentions = false;
/** Does the file name `__proto__` at all (asked once per function: remembered for the last file)? */
function mentionsProto(sourceText: string): boolean {
  if (sourceText !== lastText) {
    lastText = sourceText;
    lastMentions = sourceText.includes('__proto__');
  }
  return lastMentions;
}

/**
 * Does `fn` (or a callback it passes) vet keys — reject both ways to the prototype, or call a key
 * guard? What it returns is then a vetted key: pathval's `parsePath` maps `__proto__` to `{}`.
 */
export function vetsKeys(fn: Fn, sourceText: string): boolean {
  // Most functions name neither a dangerous key nor a key guard: skip the walk for them.
  const text = sourceText.slice(fn.range[0], fn.range[1]);
  return (
    (text.includes('__proto__') ||
      GUARD_HINT.test(text) ||
      // a deny-list declared outside the function (`BLOCKED.has(k)`)
      (/\.(?:has|includes|indexOf|test)\(/.test(text) && mentionsProto(sourceText))) &&
    factsOf(fn).guarded
  );
}

/**
 * `Ctor.prototype[k] = v`: the object written is a prototype already, shared by every instance;
 * a `__proto__` key re-parents it. A function around the write that rejects `__proto__` (or calls
 * a key guard) guards it: `constructor` or `prototype` there only shadow the prototype's own slots.
 */
export function prototypeWriteGuarded(write: Node): boolean {
  for (let n = write.parent as Node | undefined; n; n = n.parent as Node | undefined)
    if (isFunction(n) && (factsOf(n).rejectsProto || factsOf(n).guarded)) return true;
  return false;
}

/** A function literal passed straight to a call (`keys.forEach(k => …)`): run by the caller. */
const isCallbackArgument = (fn: Fn): boolean => {
  const parent = fn.parent as Node | undefined;
  return parent?.type === 'CallExpression' && parent.callee !== fn;
};

const paramIndex = (fn: Fn, name: string): number =>
  fn.params.findIndex(
    (p) =>
      (p.type === 'Identifier' && p.name === name) ||
      (p.type === 'AssignmentPattern' && p.left.type === 'Identifier' && p.left.name === name),
  );

/** The functions around `node`, innermost first, up to the one that declares `name` as a parameter. */
function scopeChain(node: Node, name: string): Fn[] {
  const chain: Fn[] = [];
  for (let n = node.parent as Node | undefined; n; n = n.parent as Node | undefined) {
    if (!isFunction(n)) continue;
    chain.push(n);
    if (paramIndex(n, name) >= 0) break;
  }
  return chain;
}

/**
 * For a write into `name` at `site` (`name[k] = v`, or a helper writing into it), the keys of the
 * computed lookups `name` may have been reached by: directly (`cur = cur[k]`), through other locals
 * (`clone = src ? src : {}` after `src = target[k]`), or because the function passes such a value
 * back to itself at the parameter or `arguments` position `name` came from (a recursive merge,
 * `extend(deep, clone, copy)`). Empty when `name` was not reached by lookup, or when a function
 * around the write guards its keys or checks `name`'s own properties.
 */
export function descentKeysOf(name: string, site: Node): Node[] {
  const chain = scopeChain(site, name);
  if (chain.some((fn) => factsOf(fn).guarded || factsOf(fn).ownChecked.has(name))) return [];
  const keys: Node[] = [];
  const seen = new Set<string>();
  const seenPositions = new Set<string>();
  const follow = (o: Origins | undefined) => {
    if (!o) return;
    keys.push(...o.keys);
    for (const n of o.names) visit(n);
    // `arguments` is the innermost non-arrow function's.
    const variadic = chain.find((f) => f.type !== 'ArrowFunctionExpression');
    if (!variadic) return;
    for (const slot of o.slots) {
      // `arguments[i]`: whichever position the function passes itself a descended value at.
      if (slot === ANY_SLOT)
        for (const index of factsOf(variadic).recursive.keys()) position(variadic, index);
      else position(variadic, slot);
    }
  };
  const position = (fn: Fn, index: number) => {
    const id = `${chain.indexOf(fn)}:${index}`;
    if (seenPositions.has(id)) return;
    seenPositions.add(id);
    follow(factsOf(fn).recursive.get(index));
  };
  const visit = (n: string) => {
    if (seen.has(n)) return;
    seen.add(n);
    for (const fn of chain) {
      follow(factsOf(fn).assigned.get(n));
      const index = paramIndex(fn, n);
      if (index >= 0) position(fn, index);
    }
  };
  visit(name);
  return keys;
}

/**
 * For `o[k] = v` where `o` was reached by a computed lookup (so `o` may be a prototype), the keys
 * of those lookups; the caller decides whether any is untrusted.
 */
export function descentKeys(write: TSESTree.AssignmentExpression): Node[] {
  const left = write.left;
  if (left.type !== 'MemberExpression' || !left.computed || left.object.type !== 'Identifier') return [];
  return descentKeysOf(left.object.name, write);
}

const keyWriteCache = new WeakMap<Fn, Array<{ object: number; key: number }>>();

/** Helpers followed from a caller's write: `assignValue` → `baseAssignValue` → `object[key] = value`. */
export const HELPER_DEPTH = 3;

/**
 * The parameter positions of a helper that writes `object[key] = value` with both taken from its
 * parameters (`assignValue(object, key, value)`), itself or by passing them on to such a helper
 * (`calleeOf` resolves a call), unless it guards its keys: the caller's write.
 */
export function helperKeyWrites(
  fn: Fn,
  calleeOf: (call: TSESTree.CallExpression) => Fn | undefined,
  depth = 0,
): Array<{ object: number; key: number }> {
  const cached = keyWriteCache.get(fn);
  if (cached) return cached;
  const writes: Array<{ object: number; key: number }> = [];
  keyWriteCache.set(fn, writes);
  const facts = factsOf(fn);
  if (facts.guarded) return writes;
  const add = (objectName: string, keyName: string) => {
    const object = paramIndex(fn, objectName);
    const key = paramIndex(fn, keyName);
    if (object >= 0 && key >= 0 && !facts.ownChecked.has(objectName)) writes.push({ object, key });
  };
  const stack: Node[] = [fn.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isFunction(n)) continue;
    if (
      n.type === 'AssignmentExpression' &&
      n.left.type === 'MemberExpression' &&
      n.left.computed &&
      n.left.object.type === 'Identifier' &&
      n.left.property.type === 'Identifier' &&
      !buildsLevel(n.right)
    )
      add(n.left.object.name, n.left.property.name);
    if (n.type === 'CallExpression' && depth < HELPER_DEPTH && n.arguments.length >= 2) {
      const callee = calleeOf(n);
      if (callee && callee !== fn)
        for (const w of helperKeyWrites(callee, calleeOf, depth + 1)) {
          const object = n.arguments[w.object];
          const key = n.arguments[w.key];
          if (object?.type === 'Identifier' && key?.type === 'Identifier') add(object.name, key.name);
        }
    }
    pushChildren(n, stack);
  }
  return writes;
}

/**
 * `{}`, `[]`, `x[k] || {}`, `x[k] ? x[k] : {}`, `numeric ? [] : {}`: a write that only creates the next level of a nested object; and
 * `undefined` (`void 0`), which adds nothing a lookup can tell from a missing property.
 */
export function buildsLevel(value: Node): boolean {
  if (value.type === 'ObjectExpression' || value.type === 'ArrayExpression') return true;
  if (value.type === 'Identifier' && value.name === 'undefined') return true;
  if (value.type === 'UnaryExpression' && value.operator === 'void') return true;
  if (value.type === 'ConditionalExpression')
    return (
      buildsLevel(value.alternate) &&
      (buildsLevel(value.consequent) || value.consequent.type === 'MemberExpression')
    );
  return value.type === 'LogicalExpression' && buildsLevel(value.right);
}

/**
 * A key built with constant text before or after the untrusted part that no dangerous name starts
 * or ends with (`key + ' '`, `'$' + key`, `` `${k}:` ``): it never spells `__proto__`,
 * `constructor` or `prototype`.
 */
export function keyCannotBePrototype(key: Node): boolean {
  const [before, after] = constantEnds(key);
  const dangerous = [...DANGEROUS];
  return (
    (before !== '' && !dangerous.some((d) => d.startsWith(before))) ||
    (after !== '' && !dangerous.some((d) => d.endsWith(after)))
  );
}

/** The constant text a `+` chain or template starts and ends with. */
function constantEnds(n: Node): [string, string] {
  if (n.type === 'TemplateLiteral' && n.expressions.length > 0)
    return [n.quasis[0]!.value.cooked ?? '', n.quasis[n.quasis.length - 1]!.value.cooked ?? ''];
  if (n.type !== 'BinaryExpression' || n.operator !== '+') return ['', ''];
  return [
    literalString(n.left) ?? constantEnds(n.left)[0],
    literalString(n.right) ?? constantEnds(n.right)[1],
  ];
}
