/**
 * Prototype-polluting functions as a shape (CodeQL's PrototypePollutingFunction): a program's own
 * recursive merge or set-by-path helper that writes `o[k] = v` into an object it reached by a key
 * taken from its input (`merge(dst[key], src[key])`, `cur = cur[part]`), with no check that keeps
 * `__proto__` and `constructor` out. Any caller may hand it parsed JSON, so no source is needed: the
 * keys need only come from the function's parameters, not from a list of the program's own. The
 * descent, its guards and own-property checks are key-writes.ts's; this file asks where the keys
 * come from and whether the walk stays on objects without a prototype.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Precision } from '../../core/finding.ts';
import { type Resolver, scopeManagerFor, unwrap } from '../resolve.ts';
import type { Variable } from '../scope/bindings.ts';
import {
  buildsLevel,
  descentKeys,
  keyCannotBePrototype,
  pushChildren,
  selfNames,
  vetsKeys,
} from './key-writes.ts';
import { isNullObject } from './null-prototype.ts';
import { isFn, type Fn, type Node } from './values.ts';

/** Where a key comes from: nothing of the input, the input through a call of unknown effect, the input. */
const NONE = 0;
const DERIVED = 1;
const INPUT = 2;
type Origin = typeof NONE | typeof DERIVED | typeof INPUT;

/** Methods whose result holds the receiver's text or elements (a path's segments, a key trimmed). */
const KEEPS_ELEMENTS = new Set(
  (
    'split slice splice shift pop concat filter reverse flat at trim trimStart trimEnd toString ' +
    'toLowerCase toUpperCase replace replaceAll substring substr map values'
  ).split(' '),
);
/** `Object.keys(x)` and kin: the names of `x`. */
const KEY_LISTS = new Set(['keys', 'entries', 'getOwnPropertyNames', 'ownKeys']);
/** Array methods whose callback gets an element (at 0; `reduce` at 1, after the accumulator). */
const ELEMENT_CALLBACKS = new Map<string, number>([
  ...'forEach map filter some every find findIndex flatMap'.split(' ').map((m) => [m, 0] as [string, number]),
  ['reduce', 1],
  ['reduceRight', 1],
]);
/** Calls that return a number (a character's code too: `s.charCodeAt(i)`). */
const NUMERIC_CALLS =
  /^(?:(?:last)?indexOf|find(?:Last)?Index|parseInt|parseFloat|Number|count|size|charCodeAt|codePointAt)$/;
/** How far a key is traced back through locals and calls. */
const DEPTH = 8;

const methodOf = (call: TSESTree.CallExpression): string | undefined =>
  call.callee.type === 'MemberExpression' &&
  !call.callee.computed &&
  call.callee.property.type === 'Identifier'
    ? call.callee.property.name
    : undefined;

/** `Object.keys(x)` (`Reflect.ownKeys`, …): its argument; `undefined` for other calls. */
function keyListOf(n: Node): Node | undefined {
  if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression') return undefined;
  const owner = n.callee.object;
  const arg = n.arguments[0];
  const builtin = owner.type === 'Identifier' && (owner.name === 'Object' || owner.name === 'Reflect');
  return builtin && KEY_LISTS.has(methodOf(n) ?? '') && arg && arg.type !== 'SpreadElement' ? arg : undefined;
}

/** The array a callback parameter takes elements of (`src.forEach((k) => …)`), or undefined. */
function elementsOf(param: Node, fn: Fn): Node | undefined {
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || !call.arguments.includes(fn as TSESTree.CallExpressionArgument))
    return undefined;
  const at = ELEMENT_CALLBACKS.get(methodOf(call) ?? '');
  if (at === undefined || call.callee.type !== 'MemberExpression') return undefined;
  return fn.params[at] === param ? call.callee.object : undefined;
}

/** The parameter (whole pattern) of `fn` that declares `id`. */
const paramHolding = (fn: Fn, id: Node): Node | undefined =>
  fn.params.find((p) => p.range[0] <= id.range[0] && id.range[1] <= p.range[1]);

/** The loop a declarator is the head of (`for (const k in o)`, `for (const [k] of …)`). */
function loopOf(
  declarator: TSESTree.VariableDeclarator,
): TSESTree.ForInStatement | TSESTree.ForOfStatement | undefined {
  const loop = declarator.parent.parent;
  return (loop?.type === 'ForInStatement' || loop?.type === 'ForOfStatement') &&
    loop.left === declarator.parent
    ? loop
    : undefined;
}

export class PollutingWrites {
  private readonly origins = new Map<Node, Origin>();
  private readonly tracing = new Set<Node>();

  private readonly resolver: Resolver;
  private readonly sourceText: string;

  constructor(resolver: Resolver, sourceText: string) {
    this.resolver = resolver;
    this.sourceText = sourceText;
  }

  /**
   * `o[k] = v` in a merge or path setter of the program's: the precision to report it at (high
   * where its keys are the input's own, medium where a call of unknown effect made them), or
   * undefined when it is no such write.
   */
  precisionOf(write: TSESTree.AssignmentExpression): Precision | undefined {
    const left = write.left;
    if (
      write.operator !== '=' ||
      left.type !== 'MemberExpression' ||
      !left.computed ||
      left.object.type !== 'Identifier' ||
      buildsLevel(write.right) ||
      keyCannotBePrototype(left.property) ||
      this.remakesLevel(write.right, left)
    )
      return undefined;
    const written = this.origin(left.property);
    if (written === NONE) return undefined;
    // The lookups that led to `o`: one must be a key of the input, not a name `o`'s owner holds,
    // looked up in `o` itself (a walk: `cur = cur[k]`, `merge(dst[k], …)`), not a table read once
    // (`store = cache[id]; store[k] = v`) nor a namesake of another function in a bundle.
    const walked = this.resolver.variableOf(left.object);
    let descent: Origin = NONE;
    for (const key of descentKeys(write)) {
      const lookup = key.parent;
      const inWalked =
        !!walked &&
        lookup?.type === 'MemberExpression' &&
        lookup.object.type === 'Identifier' &&
        this.resolver.variableOf(lookup.object) === walked &&
        this.walksOn(lookup, walked);
      if (!inWalked || keyCannotBePrototype(key) || this.ownKey(key)) continue;
      descent = Math.max(descent, this.origin(key)) as Origin;
      if (descent === INPUT) break;
    }
    if (descent === NONE || this.walksNullObjects(left.object)) return undefined;
    return Math.min(written, descent) === INPUT ? 'high' : 'medium';
  }

  /**
   * `o[k] = clone(o[k])` (through a local holding `o[k]`, `Object(v)`, a `?:`): the level is made
   * again from what it held, as a path setter that copies on write makes it. No value of the input
   * is written, and the walk goes on in the copy: on `__proto__` the copy re-parents the walk's
   * own object; on `constructor` then `prototype` it swaps a constructor's prototype for a copy of
   * itself, with no property added.
   */
  private remakesLevel(value: Node, slot: TSESTree.MemberExpression): boolean {
    const v = unwrap(value);
    return (
      v.type === 'CallExpression' &&
      v.arguments.length > 0 &&
      v.arguments.every((a) => a.type === 'Literal' || this.holdsSlot(a, slot, new Set()))
    );
  }

  /** Does `value` hold what `slot` (`o[k]`) held, as it is or wrapped (`Object(v)`)? */
  private holdsSlot(value: Node, slot: TSESTree.MemberExpression, seen: Set<Variable>): boolean {
    const v = unwrap(value);
    const same = (a: Node, b: Node) => {
      const variable = a.type === 'Identifier' ? this.resolver.variableOf(a) : undefined;
      return !!variable && b.type === 'Identifier' && this.resolver.variableOf(b) === variable;
    };
    switch (v.type) {
      case 'MemberExpression':
        return v.computed && same(v.object, slot.object) && same(v.property, slot.property);
      case 'ConditionalExpression':
        return this.holdsSlot(v.consequent, slot, seen) && this.holdsSlot(v.alternate, slot, seen);
      case 'CallExpression': {
        const arg = v.arguments[0];
        const wraps =
          v.callee.type === 'Identifier' && v.callee.name === 'Object' && v.arguments.length === 1;
        return wraps && arg?.type !== 'SpreadElement' && !!arg && this.holdsSlot(arg, slot, seen);
      }
      case 'Identifier': {
        const variable = this.resolver.variableOf(v);
        if (!variable || variable.defs.length === 0) return false;
        // Met again (`v ? v : o[k]`, `value` in both arms): what it holds is being worked out.
        if (seen.has(variable)) return true;
        seen.add(variable);
        const values: Node[] = [];
        for (const def of variable.defs) {
          if (def.type !== 'Variable' || loopOf(def.node)) return false;
          if (def.node.init) values.push(def.node.init);
        }
        for (const ref of variable.references) if (ref.isWrite() && ref.writeExpr) values.push(ref.writeExpr);
        return values.length > 0 && values.every((x) => this.holdsSlot(x, slot, seen));
      }
      default:
        return false;
    }
  }

  /**
   * May `fn` be called from out of view: exported, passed on or stored (a method, a callback), or
   * a global of a script? Otherwise every call of it is in this file, named by the binding it has.
   */
  callersOutOfView(inner: Fn | undefined, program: TSESTree.Program): boolean {
    // A callback an array method runs (`Object.keys(src).forEach((k) => …)`) is called by its function.
    let fn = inner;
    for (let call = fn?.parent; fn && call?.type === 'CallExpression'; call = fn?.parent) {
      if (!call.arguments.includes(fn as TSESTree.CallExpressionArgument)) break;
      if (!ELEMENT_CALLBACKS.has(methodOf(call) ?? '')) break;
      let outer: Node | undefined = call;
      while (outer && !isFn(outer)) outer = outer.parent;
      fn = outer as Fn | undefined;
    }
    if (!fn) return true;
    const holder = fn.parent;
    const id =
      fn.type === 'FunctionDeclaration'
        ? fn.id
        : holder?.type === 'VariableDeclarator' && holder.init === fn
          ? holder.id
          : undefined;
    const statement = fn.type === 'FunctionDeclaration' ? fn : holder?.parent;
    if (id?.type !== 'Identifier' || statement?.parent?.type.startsWith('Export')) return true;
    const variable = scopeManagerFor(program)
      .getDeclaredVariables(fn.type === 'FunctionDeclaration' ? fn : holder!)
      .find((v) => v.name === id.name);
    if (!variable) return true;
    // A script's top-level function is a global the page's other scripts call.
    const scriptGlobal =
      variable.scope.type === 'module' &&
      program.sourceType !== 'module' &&
      !/\brequire\s*\(|\bmodule\.exports\b|\bexports\./.test(this.sourceText);
    return (
      scriptGlobal ||
      variable.references.some((ref) => {
        const use = ref.identifier.parent;
        return ref.identifier !== id && !(use?.type === 'CallExpression' && use.callee === ref.identifier);
      })
    );
  }

  /**
   * Does the level looked up go on as the walk: into a local of the walking function (`cur =
   * cur[k]`, `src = target[name]`) or back into the function itself (`merge(dst[key], …)`)? The
   * descent is traced by name; this keeps a bundle's namesakes in other functions out of it.
   */
  private walksOn(lookup: Node, walked: Variable): boolean {
    const walker = walked.scope.variableScope;
    let n = lookup;
    for (let p = n.parent; p; n = p, p = p.parent) {
      if (
        p.type === 'LogicalExpression' ||
        (p.type === 'ConditionalExpression' && p.test !== n) ||
        p.type === 'TSAsExpression' ||
        p.type === 'TSNonNullExpression' ||
        p.type === 'ChainExpression' ||
        (p.type === 'AssignmentExpression' && p.left.type !== 'Identifier')
      )
        continue;
      const target =
        p.type === 'AssignmentExpression'
          ? p.left
          : p.type === 'VariableDeclarator' && p.init === n
            ? p.id
            : undefined;
      if (target?.type === 'Identifier')
        return this.resolver.variableOf(target)?.scope.variableScope === walker;
      if (p.type !== 'CallExpression' || p.callee === n || !isFn(walker.block as Node)) return false;
      const callee = p.callee;
      const name =
        callee.type === 'Identifier'
          ? callee.name
          : callee.type === 'MemberExpression'
            ? methodOf(p)
            : undefined;
      return name !== undefined && selfNames(walker.block as Fn).has(name);
    }
    return false;
  }

  /** Where the value of `n` comes from, as a key (see Origin). */
  private origin(n: Node, depth = 0): Origin {
    const known = this.origins.get(n);
    if (known !== undefined) return known;
    // A cycle through a loop variable (`k = k + 1`) adds nothing; past DEPTH nothing is known.
    if (depth > DEPTH || this.tracing.has(n)) return NONE;
    this.tracing.add(n);
    const found = this.originOf(unwrap(n), depth + 1);
    this.tracing.delete(n);
    // Only a whole answer is kept: one cut short by a cycle or the depth may say too little.
    if (depth === 0) this.origins.set(n, found);
    return found;
  }

  private originOf(n: Node, depth: number): Origin {
    const of = (...parts: Array<Node | null | undefined>): Origin =>
      Math.max(NONE, ...parts.map((p) => (p ? this.origin(p, depth) : NONE))) as Origin;
    switch (n.type) {
      case 'Identifier':
        return this.variableOrigin(n, depth);
      case 'MemberExpression':
        // A length or a field of `this` is no key of the input.
        if (n.object.type === 'ThisExpression' || (!n.computed && memberIs(n, 'length'))) return NONE;
        return of(n.object);
      case 'CallExpression':
        return this.callOrigin(n, depth);
      case 'TemplateLiteral':
        return of(...n.expressions);
      case 'BinaryExpression':
        return n.operator === '+' ? of(n.left as Node, n.right) : NONE;
      case 'LogicalExpression':
        return of(n.left, n.right);
      case 'ConditionalExpression':
        return of(n.consequent, n.alternate);
      case 'AssignmentExpression':
        return of(n.right);
      case 'SequenceExpression':
        return of(n.expressions[n.expressions.length - 1]);
      case 'ArrayExpression':
        return of(...n.elements.map((e) => (e?.type === 'SpreadElement' ? e.argument : e)));
      default:
        return NONE;
    }
  }

  private variableOrigin(id: TSESTree.Identifier, depth: number): Origin {
    const variable = this.resolver.variableOf(id);
    // The implicit `arguments` of a function: what its caller passed.
    if (!variable) return NONE;
    if (variable.defs.length === 0) return id.name === 'arguments' ? INPUT : NONE;
    const values: Origin[] = [];
    for (const def of variable.defs) {
      if (def.type === 'Parameter') values.push(this.paramOrigin(def.name as Node, def.node as Fn, depth));
      else if (def.type === 'Variable') {
        const loop = loopOf(def.node);
        const from = loop ? loop.right : def.node.init;
        if (from) values.push(this.origin(from, depth));
      }
    }
    // Later assignments (`k = parts.shift()`), the head of a `for (k in o)` over a declared `k` too.
    for (const ref of variable.references)
      if (ref.isWrite() && ref.writeExpr) values.push(this.origin(ref.writeExpr, depth));
    return Math.max(NONE, ...values) as Origin;
  }

  /** A parameter: the caller's value, or an element of the array a callback walks. */
  private paramOrigin(name: Node, fn: Fn, depth: number): Origin {
    if (!isFn(fn)) return NONE;
    const param = paramHolding(fn, name);
    const call = fn.parent;
    const isCallback =
      call?.type === 'CallExpression' && call.arguments.includes(fn as TSESTree.CallExpressionArgument);
    if (!isCallback) return INPUT;
    const array = param && elementsOf(param, fn);
    // An index, an accumulator, or a parameter some other API passes: not a key of the input.
    if (array) return this.origin(array, depth);
    return ELEMENT_CALLBACKS.has(methodOf(call) ?? '') ? NONE : INPUT;
  }

  private callOrigin(call: TSESTree.CallExpression, depth: number): Origin {
    const listed = keyListOf(call);
    if (listed) return this.origin(listed, depth);
    const callee = unwrap(call.callee);
    const first = call.arguments[0];
    if (callee.type === 'Identifier' && callee.name === 'String' && first && first.type !== 'SpreadElement')
      return this.origin(first, depth);
    const method = methodOf(call);
    if (method && KEEPS_ELEMENTS.has(method) && callee.type === 'MemberExpression') {
      // A `map` whose callback turns the dangerous names into something else vets the keys.
      const cb = call.arguments[0];
      if (method === 'map' && cb && isFn(cb) && vetsKeys(cb, this.sourceText)) return NONE;
      return this.origin(callee.object, depth);
    }
    // An index or a count (`indexOf(list, x)`, `parseInt(s)`, `Math.max(…)`): a number, never a name.
    const name = method ?? (callee.type === 'Identifier' ? callee.name : undefined);
    if (name && NUMERIC_CALLS.test(name)) return NONE;
    if (
      callee.type === 'MemberExpression' &&
      callee.object.type === 'Identifier' &&
      callee.object.name === 'Math'
    )
      return NONE;
    const fn = this.localFunction(callee);
    if (fn && vetsKeys(fn, this.sourceText)) return NONE;
    // A parser of the program's (`toPath(path)`): made from the input, by code not read here.
    const args = call.arguments.map((a) => (a.type === 'SpreadElement' ? a.argument : a));
    return args.some((a) => this.origin(a, depth) !== NONE) ? DERIVED : NONE;
  }

  /** The function a callee names in this file (`function f`, `const f = () => …`). */
  private localFunction(callee: Node): Fn | undefined {
    if (callee.type !== 'Identifier') return undefined;
    const def = this.resolver.variableOf(callee)?.defs[0];
    if (def?.type === 'FunctionName' && isFn(def.node as Node)) return def.node as Fn;
    const init = def?.type === 'Variable' ? def.node.init : undefined;
    return init && isFn(init) ? init : undefined;
  }

  /**
   * A key of the object it looks up (`for (k in o) … o[k]`, `Object.keys(o).forEach((k) => … o[k])`):
   * an own property, never the prototype the object inherits.
   */
  private ownKey(key: Node): boolean {
    const lookup = key.parent;
    if (
      key.type !== 'Identifier' ||
      lookup?.type !== 'MemberExpression' ||
      lookup.object.type !== 'Identifier'
    )
      return false;
    const owner = this.resolver.variableOf(lookup.object);
    const def = this.resolver.variableOf(key)?.defs[0];
    if (!owner || !def) return false;
    let keysOf: Node | undefined;
    if (def.type === 'Variable') {
      const loop = loopOf(def.node);
      if (loop?.type === 'ForInStatement') keysOf = loop.right;
      else if (loop) keysOf = this.keyList(loop.right);
    } else if (def.type === 'Parameter' && isFn(def.node as Node)) {
      const fn = def.node as Fn;
      const param = paramHolding(fn, def.name);
      const array = param && param === fn.params[0] ? elementsOf(param, fn) : undefined;
      keysOf = array && this.keyList(array);
    }
    return keysOf?.type === 'Identifier' && this.resolver.variableOf(keysOf) === owner;
  }

  /** What `Object.keys(o)` lists the names of, directly or through a `const` holding it. */
  private keyList(n: Node): Node | undefined {
    const list = unwrap(n);
    const held = list.type === 'Identifier' ? this.resolver.constantInit(list) : list;
    return held && keyListOf(unwrap(held));
  }

  /**
   * Does the walk stay on objects without a prototype: `o` starts from `Object.create(null)` (never
   * a parameter, whose object is the caller's), and every level the function makes is one too?
   */
  private walksNullObjects(object: TSESTree.Identifier): boolean {
    const variable = this.resolver.variableOf(object);
    const scope = variable?.scope.variableScope.block;
    if (!variable || !scope || !isFn(scope as Node)) return false;
    return this.startsNull(variable, new Set()) && !makesPlainLevel(scope as Fn);
  }

  private startsNull(variable: Variable, seen: Set<Variable>): boolean {
    if (seen.has(variable)) return true;
    seen.add(variable);
    const values: Node[] = [];
    for (const def of variable.defs) {
      if (def.type !== 'Variable' || loopOf(def.node) || !def.node.init) return false;
      values.push(def.node.init);
    }
    for (const ref of variable.references) if (ref.isWrite() && ref.writeExpr) values.push(ref.writeExpr);
    return values.every((v) => this.nullValue(v, seen));
  }

  /** A value a walk takes: a null object, a level looked up (`o[k]`), or a local holding those. */
  private nullValue(value: Node, seen: Set<Variable>): boolean {
    const v = unwrap(value);
    if (isNullObject(v) || (v.type === 'MemberExpression' && v.computed)) return true;
    if (v.type === 'LogicalExpression') return this.nullValue(v.left, seen) && this.nullValue(v.right, seen);
    if (v.type === 'ConditionalExpression')
      return this.nullValue(v.consequent, seen) && this.nullValue(v.alternate, seen);
    if (v.type === 'AssignmentExpression') return this.nullValue(v.right, seen);
    if (v.type !== 'Identifier') return false;
    const variable = this.resolver.variableOf(v);
    return !!variable && this.startsNull(variable, seen);
  }
}

const memberIs = (n: TSESTree.MemberExpression, name: string): boolean =>
  n.property.type === 'Identifier' && n.property.name === name;

/** Does `fn` make a level with a prototype (`o[k] = {}`, `o[k] ??= []`, `o[k] || (o[k] = {})`)? */
function makesPlainLevel(fn: Fn): boolean {
  const stack: Node[] = [fn.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (
      n.type === 'AssignmentExpression' &&
      n.left.type === 'MemberExpression' &&
      n.left.computed &&
      buildsLevel(n.right)
    )
      return true;
    pushChildren(n, stack);
  }
  return false;
}
