import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '../scope/bindings.ts';
import type { Reference } from '@typescript-eslint/scope-manager';
import type { GuardKind } from './spec.ts';
import { calleeName, memberName, unwrap } from '../resolve.ts';
import { parsedUrlArgument } from './nodes.ts';
import { hasNullPrototype } from './null-prototype.ts';
import type { CalleeFacts, ParamPredicate } from './summary.ts';
import type { Fn } from './values.ts';
import { returnedBy } from './key-writes.ts';

type Node = TSESTree.Node;
type VarOf = (node: Node) => Variable | undefined;

const ALLOW_METHODS = new Set(['includes', 'has', 'hasOwnProperty', 'hasOwn', 'indexOf']);
/** Own-property checks borrowed with `.call(table, key)`. */
const OWN_CHECKS = new Set(['hasOwnProperty', 'hasOwn']);
const DANGEROUS_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** `Number.isInteger(x)`, `utils.isNumber(x)`, `isNumeric(x)`: true only of a number or digits. */
const NUMBER_CHECK = /^is(?:Number|Numeric|Integer|SafeInteger|Finite|Int|Digits?)$/;
/**
 * A containment predicate by its name: `isPathInside(root, p)` (the is-path-inside package),
 * `pathIsInside(p, root)`, `file.isSubPath(root, p)`, `isWithinDir(p, root)`. True of a path that
 * stays under the folder, which is what a prefix check on the resolved path establishes.
 */
const CONTAINMENT_CHECK =
  /^(?:is|pathIs)(?:Path)?(?:Inside|Within|Contained|ChildOf|Sub(?:[Pp]ath|[Dd]ir(?:ectory)?|[Ff]older))/;

/**
 * validator.js and class-validator checks whose passing values hold no quote, space, `<`, `/` or
 * `..` (`isUUID`, `isInt`, `isMongoId`): as good as an anchored regex. `isEmail` and `isURL` are
 * not among them: an address may hold a quote, a URL anything.
 */
const FORMAT_CHECKS = new Set([
  'isUUID',
  'isInt',
  'isNumeric',
  'isFloat',
  'isDecimal',
  'isAlpha',
  'isAlphanumeric',
  'isHexadecimal',
  'isMongoId',
  'isBoolean',
  'isISO8601',
  'isMD5',
  'isHash',
  'isSlug',
  'isIn',
]);

/**
 * Text no longer than this makes a polynomial regex harmless: 4,096² steps take milliseconds, while
 * ms 1.0.0's bound of 10,000 was still an advisory (fixed by bounding at 100).
 */
export const SHORT_TEXT = 4096;

/** `typeof x` results no injection can hide in. */
const INERT_TYPES = new Set(['number', 'boolean', 'bigint', 'undefined', 'symbol']);

/**
 * Does `typeof x === type` prove x harmless? An inert type does for the `type` guards; a string
 * only where the danger is an object (`text`: NoSQL operators), never for injections of text.
 */
function typeofProves(type: Node, kinds: ReadonlySet<GuardKind>): boolean {
  if (type.type !== 'Literal' || typeof type.value !== 'string') return false;
  return (kinds.has('type') && INERT_TYPES.has(type.value)) || (kinds.has('text') && type.value === 'string');
}

/** A checked expression's variable and the property path read from it (`req.query.b` → `query.b`). */
interface Checked {
  variable: Variable;
  path: string;
}

/** The variable at the root of `a`, `a.b`, `a?.b!`, `String(a)`, with that path; undefined otherwise. */
function rootVariable(node: Node, varOf: VarOf): Checked | undefined {
  let n: Node = node;
  const names: string[] = [];
  for (;;) {
    if (n.type === 'Identifier') {
      const variable = varOf(n);
      return variable && { variable, path: names.reverse().join('.') };
    }
    const parsed = parsedUrlArgument(n);
    if (n.type === 'MemberExpression') {
      // `new URL(u).host`: a check of the host is one of `u`; of its protocol or path, not.
      const url = parsedUrlArgument(n.object);
      if (url) {
        if (n.computed || n.property.type !== 'Identifier' || !URL_HOST_PARTS.has(n.property.name))
          return undefined;
        n = url;
        names.length = 0;
      } else {
        const name = memberName(n);
        // Past a computed member only the object is known: the path stops there.
        if (name === undefined) names.length = 0;
        else names.push(name);
        n = n.object;
      }
    } else if (parsed) {
      n = parsed;
      names.length = 0;
    } else if (
      n.type === 'ChainExpression' ||
      n.type === 'TSNonNullExpression' ||
      n.type === 'TSAsExpression'
    )
      n = n.expression;
    else if (n.type === 'CallExpression' && n.arguments.length === 1 && n.callee.type === 'Identifier') {
      n = n.arguments[0]!;
      names.length = 0;
    } else return undefined;
  }
}

/** The parts of a URL object: a check of one (`u.protocol`) is a check of the URL (`u.href`). */
const URL_PARTS = new Set([
  'href',
  'protocol',
  'host',
  'hostname',
  'origin',
  'port',
  'pathname',
  'search',
  'hash',
]);
/** `.example.com`: a dot, then two or more labels. */
const DOMAIN_SUFFIX = /^\.[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i;
/** The parts that fix where a URL points: all a check must cover against SSRF or a redirect. */
const URL_WHERE = new Set(['href', 'host', 'hostname', 'origin']);

/** `u.hostname` → `u` (and, where the scheme is what matters, `u.protocol` → `u`). */
function urlWhole(path: string, scheme: boolean): string {
  const i = path.lastIndexOf('.');
  const part = path.slice(i + 1);
  return (scheme ? URL_PARTS : URL_WHERE).has(part) ? path.slice(0, Math.max(i, 0)) : path;
}

/**
 * Does a check of `path` under a variable bear on a value read at one of `read`? One must lie on
 * the other's way (`query` and `query.b`), not beside it (`query.b` and `query.c`).
 */
function onTheWay(checked: string, read: readonly string[], scheme: boolean): boolean {
  const path = urlWhole(checked, scheme);
  // `u.protocol` checked and `u` read: the URL may still point anywhere (unless only the scheme matters).
  const partOnly = !scheme && URL_PARTS.has(checked.slice(checked.lastIndexOf('.') + 1)) && path === checked;
  return read
    .map((r) => urlWhole(r, scheme))
    .some((r) =>
      partOnly
        ? r === path || r.startsWith(`${path}.`)
        : r === '' || path === '' || r === path || r.startsWith(`${path}.`) || path.startsWith(`${r}.`),
    );
}

/** The parts of a parsed URL that fix where it points. */
const URL_HOST_PARTS = new Set(['host', 'hostname', 'origin']);

/** The page's own origin (`location.origin`, `window.location.host`): no attacker chooses it. */
const OWN_ORIGIN = /^(?:(?:window|self|document)\.)?location\.(?:origin|host|hostname)$/;

function memberText(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type !== 'MemberExpression' || node.computed || node.property.type !== 'Identifier')
    return undefined;
  const object = memberText(node.object);
  return object === undefined ? undefined : `${object}.${node.property.name}`;
}

/** The name of a function used as a receiver: `hasOwn` in `hasOwn.call`, `Object.prototype.hasOwnProperty`. */
function receiverMethod(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  return node.type === 'MemberExpression' ? memberName(node) : undefined;
}

function isLiteralish(node: Node): boolean {
  return (
    node.type === 'Literal' ||
    OWN_ORIGIN.test(memberText(node) ?? '') ||
    (node.type === 'TemplateLiteral' && node.expressions.length === 0) ||
    (node.type === 'Identifier' && /^[A-Z][A-Z0-9_]*$/.test(node.name)) ||
    (node.type === 'MemberExpression' &&
      !node.computed &&
      node.object.type === 'Identifier' &&
      /^[A-Z]/.test(node.object.name))
  );
}

/** What a guard test needs: does an expression read the flowing value, and which guards count. */
interface GuardScope {
  checks: (n: Node | undefined) => boolean;
  varOf: VarOf;
  kinds: ReadonlySet<GuardKind>;
  /** Dangerous keys the guards seen so far reject: both ways to the prototype must be closed. */
  rejected: Set<string>;
  /**
   * Is a list or table the value is looked up in the program's own? One the attacker fills allows
   * anything. (It may be related to the value all the same: `const col = COLS[c]` makes `COLS` one
   * of the variables `col` was computed from.)
   */
  owned: (n: Node) => boolean;
  /** The tests held in a `const` being read through (heldTest): each is followed once. */
  held: Set<Node>;
  /**
   * What a called function is (lookup-functions.ts, predicateOf): one returning a parameter looked
   * up in its own table, or a predicate on a parameter.
   */
  calleeOf?: (call: TSESTree.CallExpression) => CalleeFacts | undefined;
  /**
   * May the value read here be an array the client built (`?p[]=../x`, a JSON body)? Its
   * `indexOf('..')`/`includes('..')` then search its elements, not the text it becomes later.
   */
  maybeArray?: (n: Node) => boolean;
}

/** A `..` search by a method strings and arrays share: no guard where the value may be an array. */
function searchesText(object: Node, g: GuardScope): boolean {
  const o = unwrap(object);
  return !((o.type === 'Identifier' || o.type === 'MemberExpression') && g.maybeArray?.(o));
}

/**
 * What finding the value in a table says of it: `own`, one of the table's own names (an own-property
 * check, a table without a prototype, a list's element); `any`, a name it has or inherits
 * (`constructor`, `toString`) — a truthy lookup or `in` on a plain object.
 */
export type Naming = 'own' | 'any';

/** Does finding the value this way guard it for the rule (guard kinds `allow` and `lookup`)? */
function named(naming: Naming | undefined, g: GuardScope): boolean {
  return naming === 'own' ? g.kinds.has('allow') : naming === 'any' && g.kinds.has('lookup');
}

/** How a lookup in `table` names its keys. */
export function tableNaming(table: Node, varOf: VarOf): Naming {
  return hasNullPrototype(unwrap(table), varOf) ? 'own' : 'any';
}

/**
 * An expression that is truthy only when the value was found: `table[x]`, `list.find((s) => s ===
 * x)`, a call of a function returning such a lookup of its argument (`await findByName(x)`), or a
 * `const` holding one (`const entry = table[x]; if (!entry) return`).
 */
function foundBy(n: Node, g: GuardScope, viaConst = false, awaited = false): Naming | undefined {
  const m = unwrap(n);
  if (m.type === 'Identifier') {
    const init = viaConst ? undefined : constInit(m, g.varOf);
    return init && foundBy(init, g, true);
  }
  if (m.type === 'AwaitExpression') return foundBy(m.argument, g, viaConst, true);
  if (m.type === 'MemberExpression')
    return m.computed && g.checks(m.property) && g.owned(m.object)
      ? tableNaming(m.object, g.varOf)
      : undefined;
  if (m.type !== 'CallExpression') return undefined;
  if (searches(m, FIND_METHODS, g)) return 'own';
  const lookup = g.calleeOf?.(m)?.finds;
  if (lookup?.async && !awaited) return undefined;
  const before = lookup && m.arguments.slice(0, lookup.param + 1);
  return before?.every((a) => a.type !== 'SpreadElement') && g.checks(before[lookup!.param])
    ? lookup!.naming
    : undefined;
}

/** The initial value of a variable nothing writes after its declaration. */
export function constInit(id: TSESTree.Identifier, varOf: VarOf): Node | undefined {
  const variable = varOf(id);
  const def = variable?.defs.length === 1 ? variable.defs[0]!.node : undefined;
  if (def?.type !== 'VariableDeclarator' || def.id.type !== 'Identifier' || !def.init) return undefined;
  return variable!.references.every((r) => !r.isWrite() || r.init === true) ? def.init : undefined;
}

/**
 * A test kept in a `const` nothing writes again (`const local = next.startsWith('/') &&
 * !next.startsWith('//'); if (local) …`): what `judge` says of the test itself.
 */
function heldTest(id: Node, g: GuardScope, judge: (cond: Node, g: GuardScope) => boolean): boolean {
  if (id.type !== 'Identifier') return false;
  const init = constInit(id, g.varOf);
  if (!init || !isBooleanTest(init) || g.held.has(init)) return false;
  g.held.add(init);
  try {
    return judge(init, g);
  } finally {
    g.held.delete(init);
  }
}

/** Functions named for vetting a value (`check(url)`, `validateHost(h)`, `isAllowedUrl(u)`). */
const VETTING_CALL = /^(?:(?:check|validate|verify|vet)(?:[A-Z_]\w*)?|is(?:Allowed|Safe|Valid|Trusted)\w*)$/;
/** Fields of a vetting result that carry its verdict. */
const VERDICT_FIELDS = new Set([
  'ok',
  'valid',
  'isValid',
  'allowed',
  'isAllowed',
  'safe',
  'isSafe',
  'permitted',
]);

/** `check(x)` or `await check(x)` where `check` is named for vetting and reads the value. */
function vettingCall(n: Node | undefined, g: GuardScope): boolean {
  const m = n && unwrap(n);
  const call = m?.type === 'AwaitExpression' ? unwrap(m.argument) : m;
  if (call?.type !== 'CallExpression') return false;
  const name = calleeName(call.callee);
  return name !== undefined && VETTING_CALL.test(name) && call.arguments.some((a) => g.checks(a));
}

/**
 * The verdict of a vetting function that returns an object: `const { ok } = await check(url)` or
 * `const r = validateUrl(url)` read as `r.ok`. Truthy only when the function passed the value.
 */
function vettingVerdict(cond: Node, g: GuardScope): boolean {
  if (!g.kinds.has('allow')) return false;
  if (cond.type === 'MemberExpression') {
    const field = memberName(cond);
    return (
      field !== undefined &&
      VERDICT_FIELDS.has(field) &&
      cond.object.type === 'Identifier' &&
      vettingCall(constInit(cond.object, g.varOf), g)
    );
  }
  if (cond.type !== 'Identifier') return false;
  const variable = g.varOf(cond);
  const def = variable?.defs.length === 1 ? variable.defs[0]!.node : undefined;
  if (def?.type !== 'VariableDeclarator' || def.id.type !== 'ObjectPattern') return false;
  if (variable!.references.some((r) => r.isWrite() && r.init !== true)) return false;
  const field = def.id.properties.find(
    (p) => p.type === 'Property' && p.value.type === 'Identifier' && p.value.name === cond.name,
  );
  const key = field?.type === 'Property' && !field.computed ? field.key : undefined;
  return key?.type === 'Identifier' && VERDICT_FIELDS.has(key.name) && vettingCall(def.init ?? undefined, g);
}

/** Methods and predicates whose result is true or false. */
const BOOLEAN_CALL =
  /^(?:startsWith|endsWith|includes|test|has|hasOwn|hasOwnProperty|some|every|is[A-Z]\w*)$/;
const COMPARISONS = new Set(['===', '!==', '==', '!=', '<', '<=', '>', '>=', 'in', 'instanceof']);

/**
 * Is `n` a test whose value is true or false, not a value a guard reads in its own way (a match,
 * whose parts say what it allows; a lookup, which foundBy reads)? `x && x.startsWith('/')` is one.
 */
function isBooleanTest(n: Node): boolean {
  switch (n.type) {
    case 'LogicalExpression':
      return (
        (isBooleanTest(n.left) || (n.operator === '&&' && memberText(n.left) !== undefined)) &&
        isBooleanTest(n.right)
      );
    case 'UnaryExpression':
      return n.operator === '!';
    case 'BinaryExpression':
      return COMPARISONS.has(n.operator);
    case 'CallExpression': {
      const c = n.callee;
      const name =
        c.type === 'Identifier' ? c.name : c.type === 'MemberExpression' ? memberName(c) : undefined;
      return BOOLEAN_CALL.test(name ?? '');
    }
    default:
      return false;
  }
}

/** Searches whose result is truthy only when the predicate held for an element. */
const FIND_METHODS = new Set(['find', 'findLast', 'some']);
/** Searches that give the element's index, -1 when none. */
const FIND_INDEX_METHODS = new Set(['findIndex', 'findLastIndex']);

/** `list.find(pred)` (a method of `methods`) over the program's own list with a predicate equating the value. */
function searches(call: TSESTree.CallExpression, methods: ReadonlySet<string>, g: GuardScope): boolean {
  const callee = call.callee;
  const predicate = call.arguments[0];
  return (
    callee.type === 'MemberExpression' &&
    methods.has(memberName(callee) ?? '') &&
    g.owned(callee.object) &&
    predicate !== undefined &&
    equatesElement(predicate, g)
  );
}

/**
 * `(s) => s === x`, `` (s) => `client-${s}` === x ``, `(s) => s.name === x`: true only when the value
 * itself is strictly equal to something the program made (from the element, which is its own).
 */
function equatesElement(fn: Node, g: GuardScope): boolean {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return false;
  const only = fn.body.type === 'BlockStatement' && fn.body.body.length === 1 ? fn.body.body[0] : undefined;
  const result =
    fn.body.type !== 'BlockStatement' ? fn.body : only?.type === 'ReturnStatement' ? only.argument : null;
  return result !== null && result !== undefined && equatesOwn(result, g);
}

function equatesOwn(test: Node, g: GuardScope): boolean {
  if (test.type === 'LogicalExpression') {
    if (test.operator === '&&') return equatesOwn(test.left, g) || equatesOwn(test.right, g);
    return test.operator === '||' && equatesOwn(test.left, g) && equatesOwn(test.right, g);
  }
  if (test.type !== 'BinaryExpression' || test.operator !== '===') return false;
  const itself = (n: Node) => memberText(unwrap(n)) !== undefined && g.checks(n);
  return (itself(test.left) && g.owned(test.right)) || (itself(test.right) && g.owned(test.left));
}

/** `undefined` or `void 0`. */
function isUndefined(n: Node): boolean {
  return (
    (n.type === 'Identifier' && n.name === 'undefined') ||
    (n.type === 'UnaryExpression' && n.operator === 'void')
  );
}

/**
 * A test of what a lookup gave: `L === undefined`, `L == null`, `typeof L === 'undefined'` or
 * `typeof L === 'function'`, either way round and negated. `foundWhen`: the truth value of the test
 * that means `L` holds something.
 */
function presenceTest(cond: Node): { operand: Node; foundWhen: boolean } | undefined {
  if (cond.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(cond.operator))
    return undefined;
  if (cond.left.type === 'PrivateIdentifier') return undefined;
  const equal = cond.operator === '===' || cond.operator === '==';
  const loose = cond.operator.length === 2;
  for (const [operand, other] of [
    [cond.left, cond.right],
    [cond.right, cond.left],
  ] as const) {
    if (operand.type === 'UnaryExpression' && operand.operator === 'typeof') {
      if (other.type !== 'Literal' || typeof other.value !== 'string') return undefined;
      return { operand: operand.argument, foundWhen: (other.value === 'undefined') !== equal };
    }
    if (isUndefined(other) || (loose && other.type === 'Literal' && other.value === null))
      return { operand, foundWhen: !equal };
  }
  return undefined;
}

/** Does the truth value `truth` of `cond` mean the value was found in a table or list? */
function findsValue(cond: Node, truth: boolean, g: GuardScope): boolean {
  const presence = presenceTest(cond);
  if (presence?.foundWhen === truth && named(foundBy(presence.operand, g), g)) return true;
  const index = indexTest(cond);
  if (index?.found !== truth) return false;
  const { call } = index;
  const callee = call.callee as TSESTree.MemberExpression;
  // `list.indexOf(x)` compares strictly, as `includes` does.
  if (memberName(callee) === 'indexOf')
    return g.kinds.has('allow') && call.arguments.some(g.checks) && g.owned(callee.object);
  return g.kinds.has('allow') && searches(call, FIND_INDEX_METHODS, g);
}

/**
 * Rejecting `key` closes one way to the prototype; the guard holds once `__proto__` and
 * `constructor` (or `prototype`) are both rejected — `__proto__` alone leaves
 * `constructor.prototype`, the bypass of many a fixed advisory.
 */
function rejectsProto(g: GuardScope, key: string): boolean {
  g.rejected.add(key);
  return g.rejected.has('__proto__') && (g.rejected.has('constructor') || g.rejected.has('prototype'));
}

/** Does `cond` being true mean the checked value is safe, for one of the accepted guard `kinds`? */
function positive(cond: Node, g: GuardScope): boolean {
  if (dotDotIndexTest(cond, g) === true || leadingDashTest(cond, g) === false) return true;
  if (findsValue(cond, true, g)) return true;
  const { checks, kinds } = g;
  switch (cond.type) {
    case 'Identifier':
    case 'MemberExpression':
    case 'ChainExpression':
    case 'AwaitExpression':
      return named(foundBy(cond, g), g) || heldTest(cond, g, positive) || vettingVerdict(cond, g);
    case 'LogicalExpression':
      if (cond.operator === '&&') return positive(cond.left, g) || positive(cond.right, g);
      if (cond.operator === '||') return positive(cond.left, g) && positive(cond.right, g);
      return false;
    case 'UnaryExpression':
      return cond.operator === '!' && negativeSafe(cond.argument, g);
    case 'BinaryExpression': {
      const op = cond.operator;
      if (op === '===' || op === '==') {
        if (cond.left.type === 'UnaryExpression' && cond.left.operator === 'typeof')
          return checks(cond.left.argument) && typeofProves(cond.right, kinds);
        return (
          kinds.has('allow') &&
          ((checks(cond.left) && isLiteralish(cond.right)) || (checks(cond.right) && isLiteralish(cond.left)))
        );
      }
      if (op === 'in')
        return checks(cond.left) && g.owned(cond.right) && named(tableNaming(cond.right, g.varOf), g);
      if (op === '<' || op === '<=') return bounds(cond.left, cond.right, g);
      if (op === '>' || op === '>=') return bounds(cond.right, cond.left, g);
      return false;
    }
    case 'CallExpression': {
      if (g.calleeOf && named(foundBy(cond, g), g)) return true;
      // `if (isSafePath(p))`: the predicate's own test, passed the value.
      const passes = g.calleeOf?.(cond)?.passes;
      if (passes?.kinds.some((k) => kinds.has(k)) && g.checks(cond.arguments[passes.param])) return true;
      const callee = cond.callee;
      if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') {
        // isSafe(x), isValidHost(u): a predicate named for allow-listing.
        if (callee.type === 'Identifier' && NUMBER_CHECK.test(callee.name))
          return kinds.has('type') && cond.arguments.some(checks);
        // `isArray(x)`, `_isArray(x)`: lodash's `lodash/isArray`, a local alias of `Array.isArray`.
        if (callee.type === 'Identifier' && ARRAY_CHECK.test(callee.name))
          return kinds.has('array') && cond.arguments.some(checks);
        if (callee.type === 'Identifier' && CONTAINMENT_CHECK.test(callee.name))
          return kinds.has('prefix') && containsChecked(cond, checks);
        return (
          kinds.has('allow') &&
          callee.type === 'Identifier' &&
          (/^(is(Allowed|Safe|Valid|Trusted|Whitelisted)|allowed)/.test(callee.name) ||
            FORMAT_CHECKS.has(callee.name)) &&
          cond.arguments.some(checks)
        );
      }
      const method = callee.property.name;
      if (FIND_METHODS.has(method) && searches(cond, FIND_METHODS, g)) return kinds.has('allow');
      // `Object.prototype.hasOwnProperty.call(table, x)`, `hasOwn.call(table, x)`.
      if (method === 'call' && OWN_CHECKS.has(receiverMethod(callee.object) ?? '')) {
        const [table, key] = cond.arguments;
        return kinds.has('allow') && checks(key) && table !== undefined && g.owned(table);
      }
      // validator.js asserts a string before any check (`validator.isEmail({})` throws).
      if (
        kinds.has('text') &&
        callee.object.type === 'Identifier' &&
        callee.object.name === 'validator' &&
        method.startsWith('is') &&
        cond.arguments.some(checks)
      )
        return true;
      if (CONTAINMENT_CHECK.test(method)) return kinds.has('prefix') && containsChecked(cond, checks);
      if (FORMAT_CHECKS.has(method))
        return kinds.has('allow') && cond.arguments.some(checks) && !checks(callee.object);
      if (ALLOW_METHODS.has(method) && method !== 'indexOf') {
        // `Object.hasOwn(table, x)` names its table first; `list.includes(x)` is called on it.
        const table = method === 'hasOwn' ? cond.arguments[0] : callee.object;
        return kinds.has('allow') && cond.arguments.some(checks) && table !== undefined && g.owned(table);
      }
      if (method === 'test' || method === 'exec')
        return (
          cond.arguments.some(checks) &&
          ((kinds.has('allow') && isAnchoredRegex(callee.object, g.varOf)) ||
            (kinds.has('url-prefix') && pinsUrlRegex(callee.object)) ||
            (kinds.has('scheme') && pinsSchemeRegex(callee.object)))
        );
      // `s.match(/^[\w-]+$/)`: null unless the whole text matches.
      if (method === 'match')
        return (
          kinds.has('allow') &&
          checks(callee.object) &&
          cond.arguments[0] !== undefined &&
          isAnchoredRegex(cond.arguments[0], g.varOf)
        );
      if (method === 'startsWith')
        return (
          checks(callee.object) &&
          (kinds.has('prefix') ||
            (kinds.has('url-prefix') && pinsUrlText(cond.arguments[0])) ||
            (kinds.has('deny-dash') && startsWithoutDash(cond.arguments[0])))
        );
      // `host.endsWith('.example.com')`: a domain's subdomains; `'example.com'` without the dot
      // also admits `evilexample.com`, and a file extension says nothing of a host or a path.
      if (method === 'endsWith') {
        const suffix = cond.arguments[0];
        return (
          kinds.has('allow') &&
          checks(callee.object) &&
          suffix?.type === 'Literal' &&
          typeof suffix.value === 'string' &&
          DOMAIN_SUFFIX.test(suffix.value)
        );
      }
      if (NUMBER_CHECK.test(method)) return kinds.has('type') && cond.arguments.some(checks);
      // `Array.isArray(x)`, and lodash's, underscore's or Node's `util` (`_.isArray(x)`).
      if (
        method === 'isArray' &&
        callee.object.type === 'Identifier' &&
        ARRAY_OWNERS.test(callee.object.name)
      )
        return kinds.has('array') && cond.arguments.some(checks);
      return false;
    }
    default:
      return false;
  }
}

const ARRAY_CHECK = /^_?isArray$/;
const ARRAY_OWNERS = /^(?:Array|_|lodash|underscore|util)$/;

/** A containment predicate's path argument is the value (its folder, a constant, is not). */
function containsChecked(call: TSESTree.CallExpression, checks: (n: Node | undefined) => boolean): boolean {
  return call.arguments.some((a) => !isLiteralish(a) && checks(a));
}

/**
 * `small < limit` holding for the flowing value: `bound` takes any limit on the value or what it
 * reads; `short` only a limit of at most SHORT_TEXT (or one it cannot evaluate) on its `.length`.
 */
function bounds(small: Node, limit: Node, g: GuardScope): boolean {
  if (g.kinds.has('bound') && g.checks(small)) return true;
  if (!g.kinds.has('short') || small.type !== 'MemberExpression' || small.computed) return false;
  if (small.property.type !== 'Identifier' || small.property.name !== 'length' || !g.checks(small.object))
    return false;
  const n = numberOf(limit, g.varOf, 0);
  return n === undefined || n <= SHORT_TEXT;
}

/** A number literal, arithmetic over them, or a `const` holding one (`MAX_LENGTH = 256`). */
function numberOf(n: Node, varOf: VarOf, depth: number): number | undefined {
  if (depth > 4) return undefined;
  if (n.type === 'Literal') return typeof n.value === 'number' ? n.value : undefined;
  if (
    n.type === 'BinaryExpression' &&
    ['*', '+', '-'].includes(n.operator) &&
    n.left.type !== 'PrivateIdentifier'
  ) {
    const a = numberOf(n.left, varOf, depth + 1);
    const b = numberOf(n.right, varOf, depth + 1);
    if (a === undefined || b === undefined) return undefined;
    return n.operator === '*' ? a * b : n.operator === '+' ? a + b : a - b;
  }
  if (n.type !== 'Identifier') return undefined;
  const def = varOf(n)?.defs[0]?.node;
  if (
    def?.type !== 'VariableDeclarator' ||
    !def.init ||
    (def.parent as Node | undefined)?.type !== 'VariableDeclaration'
  )
    return undefined;
  return (def.parent as TSESTree.VariableDeclaration).kind === 'const'
    ? numberOf(def.init, varOf, depth + 1)
    : undefined;
}

/**
 * A text whose absence keeps a path inside its folder: `..`, or `/` (a name with no `/` cannot
 * leave the folder it is joined to on the POSIX hosts servers run on; a bare `..` names the
 * folder's parent itself, which no file API reads as a file). A backslash check alone does not
 * stop `../`.
 */
function traversalMark(text: string): boolean {
  return text.includes('..') || text === '/';
}

/**
 * `p.indexOf('..') === -1` (or `< 0`, `!== -1`, `>= 0`, `> -1`): which truth value of the test
 * means the value holds no `..`; undefined when `cond` is no such test.
 */
function dotDotIndexTest(cond: Node, g: GuardScope): boolean | undefined {
  if (!g.kinds.has('deny-dotdot')) return undefined;
  const leading = leadingDotDotTest(cond, g);
  if (leading !== undefined) return leading;
  const index = indexTest(cond);
  const callee = index?.call.callee as TSESTree.MemberExpression | undefined;
  if (!index || memberName(callee!) !== 'indexOf' || !g.checks(callee!.object)) return undefined;
  const arg = index.call.arguments[0];
  if (arg?.type !== 'Literal' || typeof arg.value !== 'string' || !traversalMark(arg.value)) return undefined;
  if (!searchesText(callee!.object, g)) return undefined;
  return !index.found;
}

/** Path functions whose result has no `..` but leading ones (`path.normalize`, `path.relative`). */
const RESOLVING_CALLS = new Set(['normalize', 'relative']);

/**
 * Was `n` last written, before `at`, with a normalised path (`p = path.normalize(p)`,
 * `const rel = path.relative(root, full)`)? Then any `..` it holds leads it.
 */
function normalisedAt(n: Node, at: Node, g: GuardScope): boolean {
  if (n.type !== 'Identifier') return false;
  // The last write before the test, by position (a closure's references are not in text order).
  let last: Reference | undefined;
  for (const r of g.varOf(n)?.references ?? [])
    if (
      r.isWrite() &&
      r.identifier.range[0] < at.range[0] &&
      r.identifier.range[0] > (last?.identifier.range[0] ?? -1)
    )
      last = r;
  const call = last?.writeExpr ? unwrap(last.writeExpr) : undefined;
  return (
    call?.type === 'CallExpression' &&
    call.callee.type === 'MemberExpression' &&
    RESOLVING_CALLS.has(memberName(call.callee) ?? '')
  );
}

/**
 * `rel.startsWith('..')`, `p.split(path.sep)[0] === '..'` on a normalised path: the truth value
 * that means it holds no `..`; undefined when `cond` is no such test.
 */
function leadingDotDotTest(cond: Node, g: GuardScope): boolean | undefined {
  if (cond.type === 'CallExpression' && cond.callee.type === 'MemberExpression') {
    const arg = cond.arguments[0];
    const leads = memberName(cond.callee) === 'startsWith' && arg?.type === 'Literal' && arg.value === '..';
    return leads && g.checks(cond.callee.object) && normalisedAt(cond.callee.object, cond, g)
      ? false
      : undefined;
  }
  if (cond.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(cond.operator))
    return undefined;
  const [first, other] = cond.right.type === 'Literal' ? [cond.left, cond.right] : [cond.right, cond.left];
  if (other.type !== 'Literal' || other.value !== '..' || first.type !== 'MemberExpression') return undefined;
  // `p.split(sep)[0]`: the first segment.
  const split = first.object;
  if (
    !first.computed ||
    first.property.type !== 'Literal' ||
    first.property.value !== 0 ||
    split.type !== 'CallExpression' ||
    split.callee.type !== 'MemberExpression' ||
    memberName(split.callee) !== 'split'
  )
    return undefined;
  const text = split.callee.object;
  if (!g.checks(text) || !normalisedAt(text, cond, g)) return undefined;
  return cond.operator === '!==' || cond.operator === '!=';
}

/**
 * `o.m(…) === -1` (or `< 0`, `!== -1`, `>= 0`, `> -1`) for a method returning an index: the call,
 * and the truth value of the test that means it found something.
 */
function indexTest(cond: Node): { call: TSESTree.CallExpression; found: boolean } | undefined {
  if (cond.type !== 'BinaryExpression') return undefined;
  const call = cond.left;
  if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return undefined;
  const r = cond.right;
  const n =
    r.type === 'Literal' && typeof r.value === 'number'
      ? r.value
      : r.type === 'UnaryExpression' && r.operator === '-' && r.argument.type === 'Literal'
        ? -Number(r.argument.value)
        : undefined;
  const op = cond.operator;
  if ((n === -1 && (op === '===' || op === '==')) || (n === 0 && op === '<')) return { call, found: false };
  if ((n === -1 && (op === '!==' || op === '!=' || op === '>')) || (n === 0 && op === '>='))
    return { call, found: true };
  return undefined;
}

/** `x.startsWith('https://')`: text known to start with this constant does not start with `-`. */
function startsWithoutDash(prefix: Node | undefined): boolean {
  return prefix?.type === 'Literal' && typeof prefix.value === 'string' && /^[^-]/.test(prefix.value);
}

/** Regexes that match text starting with `-`, and only such text. */
const LEADING_DASH = new Set(['^-', '^\\-', '^[-]']);

/**
 * `x.startsWith('-')`, `/^-/.test(x)`, `x[0] === '-'` or `x.charAt(0) !== '-'` (the `deny-dash`
 * guards): true when the test being true means the value starts with `-` (a program would read it
 * as an option), false when it means it does not; undefined when `cond` is no such test.
 */
function leadingDashTest(cond: Node, g: GuardScope): boolean | undefined {
  if (!g.kinds.has('deny-dash')) return undefined;
  const dash = (n: Node | undefined) => n?.type === 'Literal' && n.value === '-';
  if (cond.type === 'CallExpression' && cond.callee.type === 'MemberExpression') {
    const method = memberName(cond.callee);
    if (method === 'startsWith' && dash(cond.arguments[0]) && g.checks(cond.callee.object)) return true;
    if (
      method === 'test' &&
      LEADING_DASH.has(regexSource(cond.callee.object) ?? '') &&
      cond.arguments.some(g.checks)
    )
      return true;
    return undefined;
  }
  if (cond.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(cond.operator))
    return undefined;
  const first = dash(cond.right) ? cond.left : dash(cond.left) ? cond.right : undefined;
  if (!first || !isFirstCharacter(first, g)) return undefined;
  return cond.operator === '===' || cond.operator === '==';
}

/** `x[0]`, `x.charAt(0)` or `x.at(0)` of the checked value. */
function isFirstCharacter(n: Node, g: GuardScope): boolean {
  const zero = (a: Node | undefined) => a?.type === 'Literal' && a.value === 0;
  if (n.type === 'MemberExpression') return n.computed && zero(n.property) && g.checks(n.object);
  return (
    n.type === 'CallExpression' &&
    n.callee.type === 'MemberExpression' &&
    ['charAt', 'at'].includes(memberName(n.callee) ?? '') &&
    zero(n.arguments[0]) &&
    g.checks(n.callee.object)
  );
}

/**
 * `full !== root` beside `!full.startsWith(root + path.sep)` (`if (full !== root && !…) throw`): a
 * value equal to the folder it must stay under is that folder, as safe as what is inside it.
 */
function isTheRoot(eq: Node, contained: Node, g: GuardScope): boolean {
  if (eq.type !== 'BinaryExpression' || (eq.operator !== '!==' && eq.operator !== '!=')) return false;
  const other = g.checks(eq.left) ? eq.right : g.checks(eq.right) ? eq.left : undefined;
  const root = other && memberText(unwrap(other));
  const call =
    contained.type === 'UnaryExpression' && contained.operator === '!'
      ? unwrap(contained.argument)
      : undefined;
  if (!root || call?.type !== 'CallExpression' || calleeName(call.callee) !== 'startsWith') return false;
  let prefix: Node | undefined = call.arguments[0];
  while (prefix?.type === 'BinaryExpression' && prefix.operator === '+') prefix = prefix.left;
  return prefix !== undefined && memberText(unwrap(prefix)) === root;
}

/** Does `cond` being false mean the value is safe (the shape of `if (bad) return;`)? */
function negativeSafe(cond: Node, g: GuardScope): boolean {
  if (dotDotIndexTest(cond, g) === false || leadingDashTest(cond, g) === true) return true;
  if (findsValue(cond, false, g)) return true;
  const { checks, kinds } = g;
  switch (cond.type) {
    case 'Identifier':
      return heldTest(cond, g, negativeSafe);
    case 'UnaryExpression':
      return cond.operator === '!' && positive(cond.argument, g);
    case 'LogicalExpression': {
      const { left, right } = cond;
      if (cond.operator === '||') return negativeSafe(left, g) || negativeSafe(right, g);
      if (cond.operator !== '&&') return false;
      const l = negativeSafe(left, g);
      const r = negativeSafe(right, g);
      return (l && r) || (r && isTheRoot(left, right, g)) || (l && isTheRoot(right, left, g));
    }
    case 'BinaryExpression': {
      const op = cond.operator;
      if (op === '!==' || op === '!=') {
        if (cond.left.type === 'UnaryExpression' && cond.left.operator === 'typeof')
          return checks(cond.left.argument) && typeofProves(cond.right, kinds);
        return (
          kinds.has('allow') &&
          ((checks(cond.left) && isLiteralish(cond.right)) || (checks(cond.right) && isLiteralish(cond.left)))
        );
      }
      if (op === '===' || op === '==') {
        // `if (typeof x === 'object') return`: past it x is no object, so carries no operators.
        if (
          kinds.has('text') &&
          cond.left.type === 'UnaryExpression' &&
          cond.left.operator === 'typeof' &&
          cond.right.type === 'Literal' &&
          cond.right.value === 'object'
        )
          return checks(cond.left.argument);
        const lit =
          cond.right.type === 'Literal'
            ? cond.right.value
            : cond.left.type === 'Literal'
              ? cond.left.value
              : undefined;
        return (
          kinds.has('deny-proto') &&
          typeof lit === 'string' &&
          DANGEROUS_KEYS.has(lit) &&
          (checks(cond.left) || checks(cond.right)) &&
          rejectsProto(g, lit)
        );
      }
      if (op === '>' || op === '>=') return bounds(cond.left, cond.right, g);
      if (op === '<' || op === '<=') return bounds(cond.right, cond.left, g);
      return false;
    }
    case 'CallExpression': {
      const callee = cond.callee;
      if (callee.type === 'Identifier' && callee.name === 'isNaN')
        return kinds.has('type') && cond.arguments.some(checks);
      if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return false;
      const method = callee.property.name;
      const arg = cond.arguments[0];
      if (method === 'includes' && checks(callee.object) && arg?.type === 'Literal') {
        if (
          kinds.has('deny-dotdot') &&
          typeof arg.value === 'string' &&
          traversalMark(arg.value) &&
          searchesText(callee.object, g)
        )
          return true;
        if (kinds.has('deny-proto') && typeof arg.value === 'string' && DANGEROUS_KEYS.has(arg.value))
          return rejectsProto(g, arg.value);
      }
      if (
        method === 'includes' &&
        kinds.has('deny-proto') &&
        cond.arguments.some(checks) &&
        !checks(callee.object)
      )
        return true;
      if (
        method === 'startsWith' &&
        kinds.has('prefix') &&
        checks(callee.object) &&
        arg?.type === 'Literal' &&
        arg.value === '..'
      )
        return true;
      if (method === 'test' && kinds.has('deny-dotdot') && cond.arguments.some(checks)) return true;
      return false;
    }
    default:
      return false;
  }
}

/**
 * `switch (x) { case 'a': … }`: the statements of a case reached only through cases of constants
 * (no `default` falling into it) run only when `x` is one of them.
 */
function reachedOnlyByConstants(c: TSESTree.SwitchCase, g: GuardScope): boolean {
  const sw = c.parent;
  if (!g.checks(sw.discriminant)) return false;
  for (let i = sw.cases.indexOf(c); ; i--) {
    const k = sw.cases[i]!;
    if (!k.test || !isLiteralish(k.test)) return false;
    const prev = sw.cases[i - 1];
    const last = prev?.consequent[prev.consequent.length - 1];
    if (!prev || (last && exits(last))) return true;
  }
}

/** A regex literal's source; undefined for anything else. */
function regexSource(node: Node): string | undefined {
  return node.type === 'Literal' && 'regex' in node && node.regex ? node.regex.pattern : undefined;
}

/**
 * `/^…$/` that admits only what it spells: no `.*` or `.+` between the anchors. Written in place or
 * held in a variable nothing writes again; one from another module is judged by its name, as a
 * validation pattern (`THEME_NAME`, `themeNamePattern`).
 */
function isAnchoredRegex(node: Node, varOf: VarOf): boolean {
  const held = node.type === 'Identifier' ? constInit(node, varOf) : undefined;
  const p = regexSource(held ?? node);
  if (p !== undefined) return p.startsWith('^') && p.endsWith('$') && !hasWildcardRun(p);
  if (node.type !== 'Identifier') return false;
  return (
    /^[A-Z][A-Z0-9_]*$/.test(node.name) || (PATTERN_NAME.test(node.name) && importedBinding(node, varOf))
  );
}

/** A camel-case name that says it holds a regex: `themeNamePattern`, `slugRegex`, `idRe`. */
const PATTERN_NAME = /^[a-z][A-Za-z0-9]*(?:Pattern|Regex|RegExp|Regexp|Re)$/;

/** A name bound by an import or from a `require` (`const { pattern } = require('./constants')`). */
function importedBinding(id: TSESTree.Identifier, varOf: VarOf): boolean {
  const defs = varOf(id)?.defs ?? [];
  if (defs.length !== 1) return false;
  const def = defs[0]!;
  if (def.type === 'ImportBinding') return true;
  if (def.type !== 'Variable') return false;
  let init = (def.node as TSESTree.VariableDeclarator).init;
  while (init?.type === 'MemberExpression') init = init.object;
  return (
    init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require'
  );
}

/** An unescaped `.` outside a class followed by `*`, `+` or `{`: any text goes there. One pass. */
function hasWildcardRun(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '.' && ['*', '+', '{'].includes(pattern[i + 1] ?? '')) return true;
  }
  return false;
}

/** A URL up to the slash after its host: `https://api.example.com/` (whatever follows stays there). */
const URL_WITH_HOST = /^https?:\/\/[^/?#\\@]+[/?#]/i;
/** The same at the start of a regex's source: `^https:\/\/api\.example\.com\/`. */
const REGEX_URL_WITH_HOST = /^\^https\??:\\\/\\\/(?:[a-z0-9-]|\\\.)+\\\//i;

function pinsUrlText(node: Node | undefined): boolean {
  return node?.type === 'Literal' && typeof node.value === 'string' && URL_WITH_HOST.test(node.value);
}

/** `/^https?:\/\//.test(u)`: a web scheme at the start, so no `javascript:` (the `scheme` guards). */
function pinsSchemeRegex(node: Node): boolean {
  const p = regexSource(node);
  return (
    p !== undefined &&
    ['^https?:', '^https:', '^http:', '^(https?):', '^(?:https?):', '^(https?|mailto):'].some((s) =>
      p.startsWith(s),
    )
  );
}

function pinsUrlRegex(node: Node): boolean {
  const p = regexSource(node);
  return p !== undefined && REGEX_URL_WITH_HOST.test(p);
}

function exits(stmt: Node): boolean {
  if (
    stmt.type === 'ReturnStatement' ||
    stmt.type === 'ThrowStatement' ||
    stmt.type === 'ContinueStatement' ||
    stmt.type === 'BreakStatement'
  )
    return true;
  if (stmt.type === 'BlockStatement') {
    const last = stmt.body[stmt.body.length - 1];
    return last !== undefined && exits(last);
  }
  if (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'CallExpression') {
    // `res.status(400).end()` without `return` is not an exit; `process.exit()` and Koa's
    // `ctx.throw(400)` are.
    const c = stmt.expression.callee;
    return (
      c.type === 'MemberExpression' &&
      c.property.type === 'Identifier' &&
      (c.property.name === 'exit' || c.property.name === 'throw')
    );
  }
  return false;
}

/**
 * Calls `step` with each node enclosing `sink` (and the child it was reached from) out to the start
 * of its function, until one answers true. A callback written inline (`fs.stat(p, () => sink(p))`,
 * `new Promise(…)`) runs after the checks around its call, so the walk goes on through it; any other
 * function runs where it is called, and the walk stops there.
 */
function someEnclosing(sink: Node, step: (parent: Node, child: Node) => boolean): boolean {
  let child: Node = sink;
  let parent = sink.parent;
  while (parent) {
    if (step(parent, child)) return true;
    if (
      parent.type === 'FunctionDeclaration' ||
      ((parent.type === 'FunctionExpression' || parent.type === 'ArrowFunctionExpression') &&
        !isInlineCallback(parent))
    )
      return false;
    child = parent;
    parent = parent.parent;
  }
  return false;
}

/**
 * `x = [x]` (alone, or as the last statement of a block) for a value the guard checks: after
 * `if (!Array.isArray(x)) x = [x]` the value is an array either way, as after `if (…) return`.
 */
function wrapsInArray(stmt: Node, g: GuardScope): boolean {
  const last = stmt.type === 'BlockStatement' ? stmt.body[stmt.body.length - 1] : stmt;
  const e = last?.type === 'ExpressionStatement' ? last.expression : undefined;
  return (
    e?.type === 'AssignmentExpression' &&
    e.operator === '=' &&
    e.left.type === 'Identifier' &&
    unwrap(e.right).type === 'ArrayExpression' &&
    g.checks(e.left)
  );
}

/**
 * Could a guard stand between `sink` and the start of its function (an enclosing `if`, `?:`, `&&`,
 * `||`, `case`, or an earlier `if` in an enclosing block)? The shapes isGuarded looks at, without
 * asking what they check: a sink with none is not guarded, and its related variables need no work.
 */
export function mayBeGuarded(sink: Node): boolean {
  return someEnclosing(sink, (parent, child) => {
    switch (parent.type) {
      case 'IfStatement':
      case 'ConditionalExpression':
        return child !== parent.test;
      case 'LogicalExpression':
        return child === parent.right;
      case 'SwitchCase':
        return true;
      case 'BlockStatement':
      case 'Program':
        for (const stmt of parent.body) {
          if (stmt === child) break;
          if (stmt.type === 'IfStatement') return true;
        }
        return false;
      default:
        return false;
    }
  });
}

/** A function written as an argument of a call (`fs.stat(p, () => …)`), or called where it is written. */
function isInlineCallback(fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression): boolean {
  const call = fn.parent;
  return (
    (call?.type === 'CallExpression' || call?.type === 'NewExpression') &&
    (call.arguments.includes(fn) || (call.type === 'CallExpression' && call.callee === fn))
  );
}

/**
 * Is `sink` only reached when a guard on one of `related` holds (each variable with the property
 * paths the value reads from it, `''` for the whole)? Walks outwards from the sink:
 * an enclosing `if`/`?:`/`&&` whose test allows the value, or an earlier `if (!allowed) return`
 * in an enclosing block. `owned` tells a list or table of the program's from one holding source
 * data (by default: anything the value was not computed from); `calleeOf` what a call's result
 * says of its arguments.
 */
export function isGuarded(
  sink: Node,
  related: ReadonlyMap<Variable, readonly string[]>,
  varOf: VarOf,
  kinds: ReadonlySet<GuardKind>,
  owned?: (n: Node) => boolean,
  calleeOf?: (call: TSESTree.CallExpression) => CalleeFacts | undefined,
  maybeArray?: (n: Node) => boolean,
): boolean {
  if (related.size === 0 || kinds.size === 0) return false;
  const checks = (n: Node | undefined) => {
    if (!n) return false;
    const c = rootVariable(n, varOf);
    const read = c && related.get(c.variable);
    return read !== undefined && onTheWay(c!.path, read, kinds.has('scheme'));
  };
  const g: GuardScope = {
    kinds,
    varOf,
    owned: owned ?? ((n) => !checks(n)),
    rejected: new Set(),
    held: new Set(),
    checks,
    ...(calleeOf ? { calleeOf } : {}),
    ...(maybeArray ? { maybeArray } : {}),
  };
  return someEnclosing(sink, (parent, child) => {
    switch (parent.type) {
      case 'IfStatement':
      case 'ConditionalExpression':
        return (
          (child === parent.consequent && positive(parent.test, g)) ||
          (child === parent.alternate && negativeSafe(parent.test, g))
        );
      case 'LogicalExpression':
        return (
          child === parent.right &&
          ((parent.operator === '&&' && positive(parent.left, g)) ||
            (parent.operator === '||' && negativeSafe(parent.left, g)))
        );
      case 'BlockStatement':
      case 'Program':
      case 'SwitchCase': {
        if (parent.type === 'SwitchCase' && kinds.has('allow') && reachedOnlyByConstants(parent, g))
          return true;
        const body = (parent.type === 'SwitchCase' ? parent.consequent : parent.body) as Node[];
        for (const stmt of body) {
          if (stmt === child) break;
          if (
            stmt.type === 'IfStatement' &&
            !stmt.alternate &&
            (exits(stmt.consequent) || (kinds.has('array') && wrapsInArray(stmt.consequent, g))) &&
            negativeSafe(stmt.test, g)
          )
            return true;
        }
        return false;
      }
      default:
        return false;
    }
  });
}

const ALLOW_ONLY: ReadonlySet<GuardKind> = new Set(['allow']);

/**
 * Does `cond` having the truth value `outcome` prove the whole value `variable` holds one the
 * program allows (an element of its own list, a key of its own table, one of its constants)? What
 * `allow` guards accept, read for a variable rather than a sink: `if (!LANGS.includes(lang)) lang =
 * 'en'` leaves `lang` one of `LANGS` or the new value. `owned` says a list or table is the
 * program's.
 */
export function allowedWhen(
  cond: Node,
  outcome: boolean,
  variable: Variable,
  varOf: VarOf,
  owned: (n: Node) => boolean,
): boolean {
  return guardedWhen(cond, outcome, variable, ALLOW_ONLY, varOf, owned);
}

/** Does `cond` having the truth value `outcome` prove the whole value `variable` passes a guard of `kinds`? */
function guardedWhen(
  cond: Node,
  outcome: boolean,
  variable: Variable,
  kinds: ReadonlySet<GuardKind>,
  varOf: VarOf,
  owned: (n: Node) => boolean,
): boolean {
  const checks = (n: Node | undefined) => {
    const c = n && rootVariable(n, varOf);
    return c?.variable === variable && c.path === '';
  };
  const g: GuardScope = { kinds, varOf, owned, rejected: new Set(), held: new Set(), checks };
  return outcome ? positive(cond, g) : negativeSafe(cond, g);
}

/** Every guard kind a predicate's test may prove. */
const ALL_KINDS: readonly GuardKind[] = [
  'allow',
  'lookup',
  'prefix',
  'deny-dotdot',
  'deny-proto',
  'bound',
  'short',
  'type',
  'text',
  'array',
  'scheme',
  'url-prefix',
  'deny-dash',
];

/**
 * A function that is a predicate on one of its parameters: every return gives `false` or a test of
 * that parameter giving true or false (`return url.startsWith('/') && !url.startsWith('//')`), which
 * proves it passes the same guards wherever true. Its kinds are those every such test proves; the parameter is never
 * written. Undefined for anything else (a generator, an async function, a test of several
 * parameters, a return of anything but a test).
 */
export function predicateOf(fn: Fn, varOf: VarOf, owned: (n: Node) => boolean): ParamPredicate | undefined {
  if (fn.generator || fn.async || !(fn.body as Node | null)) return undefined;
  const tests = returnedBy(fn).filter((r) => !(r.type === 'Literal' && r.value === false));
  // Only true or false comes back (a comparison, `!`, `startsWith`, `is…()`, `&&` of them).
  if (tests.length === 0 || !tests.every((t) => isBooleanTest(unwrap(t)))) return undefined;
  for (const [param, p] of fn.params.entries()) {
    const variable = p.type === 'Identifier' ? varOf(p) : undefined;
    if (!variable || variable.references.some((r) => r.isWrite())) continue;
    const kinds = ALL_KINDS.filter((k) =>
      tests.every((t) => guardedWhen(t, true, variable, new Set([k]), varOf, owned)),
    );
    if (kinds.length) return { param, kinds };
  }
  return undefined;
}
