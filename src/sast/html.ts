import type { Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isNumeric } from './pieces.ts';
import { calleeName, memberName, unwrap, type Resolver } from './resolve.ts';

/** Pieces and bindings examined for one question; a generated file can chain thousands of `+`. */
const BUDGET = 256;

/**
 * Calls whose result has no markup left: every `<`, `>`, `&` and quote is an entity. Safe in text
 * and inside a quoted attribute. By name (hand-written helpers carry these names) or by binding.
 */
export const ESCAPER_NAME =
  /^(?:escape|escapeHtml|escapeHTML|escapeXml|escapeXML|htmlEscape|escapeHtmlEntities|encodeHTML|encodeHtml|htmlEncode|htmlEntities|encodeEntities|escapeEntities|escapeExpression)$/;
const ESCAPER_PATH = new Set([
  'he.encode',
  'he.escape',
  'escape-html',
  'lodash.escape',
  'lodash-es.escape',
  'es-toolkit.escape',
  'es-toolkit/compat.escape',
  'underscore.escape',
  'validator.escape',
  'html-escaper.escape',
  'entities.encode',
  'entities.encodeHTML',
]);

/**
 * Calls whose result is markup with the dangerous parts removed (DOMPurify, sanitize-html, js-xss,
 * Mozilla's `Sanitizer.unwrapSafeHTML` of an escaped snippet). Safe as element content, but not
 * inside an attribute: the text they keep may still hold a quote that ends the attribute.
 */
const SANITISER_NAME = /^(?:sanitize|sanitizeHtml|sanitizeHTML|sanitizeFor|filterXSS|unwrapSafeHTML)$/;
/** The same by binding; striptags drops every tag and keeps the text, quotes and all. */
const SANITISER_PATH = new Set(['sanitize-html', 'xss', 'striptags']);

/** The escaping template tag of Mozilla's Sanitizer library: safe as a tag, not as a plain call. */
function isSanitizerTagCall(callee: TSESTree.Node): boolean {
  const c = unwrap(callee);
  return (
    c.type === 'MemberExpression' &&
    c.object.type === 'Identifier' &&
    c.object.name === 'Sanitizer' &&
    memberName(c) === 'escapeHTML'
  );
}

interface Walk {
  resolver: Resolver;
  budget: number;
  /** Variables being followed: meeting one again is the same value, already being checked. */
  following: Set<Variable>;
  /** Where the constant text so far leaves the next piece. */
  at: Place;
}

/** Element content, inside a tag (an unquoted attribute value), or inside a "…" or '…' value. */
type Place = 'content' | 'tag' | 'dq' | 'sq';

/**
 * True when HTML is built only from constants, numbers, escaped values and (in element content)
 * sanitised markup: through `+`, template literals, `?:` and local variables every write of which
 * qualifies (`let c; c = 123; el.innerHTML = \`${c}\`` is constant).
 */
export function isSafeHtml(resolver: Resolver, node: TSESTree.Node): boolean {
  return safe({ resolver, budget: BUDGET, following: new Set(), at: 'content' }, node);
}

function safe(w: Walk, node: TSESTree.Node): boolean {
  if (--w.budget < 0) return false;
  const n = unwrap(node);
  const constant = w.resolver.staticValue(n);
  if (constant) {
    w.at = placeAfter(String(constant.value), w.at);
    return true;
  }
  switch (n.type) {
    case 'BinaryExpression':
      return n.operator === '+' && safe(w, n.left) && safe(w, n.right);
    case 'TemplateLiteral':
      for (let i = 0; i < n.quasis.length; i++) {
        w.at = placeAfter(n.quasis[i]!.value.cooked ?? '', w.at);
        const e = n.expressions[i];
        if (e && !safe(w, e)) return false;
      }
      return true;
    case 'ConditionalExpression':
      return branches(w, [n.consequent, n.alternate]);
    case 'LogicalExpression':
      return branches(w, [n.left, n.right]);
    case 'Identifier':
      return safeVariable(w, n);
    case 'TaggedTemplateExpression':
      // Sanitizer.escapeHTML`<b>${x}</b>` escapes every interpolation.
      return isSanitizerTagCall(n.tag) || ESCAPER_NAME.test(calleeName(n.tag) ?? '');
    case 'MemberExpression': {
      // A count, or markup the page already holds (`a.innerHTML = b.innerHTML` copies it).
      const name = memberName(n);
      return name === 'length' || name === 'innerHTML' || name === 'outerHTML';
    }
    case 'CallExpression':
      return safeCall(w, n);
    default:
      return isNumeric(w.resolver, n);
  }
}

/** Each branch from the same starting point; branches that end in different places end in the tag. */
function branches(w: Walk, nodes: TSESTree.Node[]): boolean {
  const start = w.at;
  let end: Place | undefined;
  for (const b of nodes) {
    w.at = start;
    if (!safe(w, b)) return false;
    end = end === undefined || end === w.at ? w.at : 'tag';
  }
  w.at = end ?? start;
  return true;
}

function safeCall(w: Walk, n: TSESTree.CallExpression): boolean {
  if (isNumeric(w.resolver, n)) return true;
  // Sanitizer.escapeHTML(x) called as a function, not as a tag, returns x as it is.
  if (isSanitizerTagCall(n.callee)) return n.arguments.every((a) => a.type !== 'SpreadElement' && safe(w, a));
  const name = calleeName(n.callee) ?? '';
  const path = w.resolver.resolve(n.callee);
  // An escaped value cannot end a quoted value, but a blank ends an unquoted one.
  if (ESCAPER_NAME.test(name) || (path !== undefined && ESCAPER_PATH.has(path))) return w.at !== 'tag';
  // encodeURIComponent encodes blanks, `"`, `<`, `>`, `=` and `:` but leaves `'`.
  if (path === 'encodeURIComponent') return w.at !== 'sq';
  if (SANITISER_NAME.test(name) || (path !== undefined && SANITISER_PATH.has(path)))
    return w.at === 'content';
  // s.replace(/</g, '&lt;'): no tag can open in element content.
  if ((name === 'replace' || name === 'replaceAll') && replacesAngle(n, name)) return w.at === 'content';
  if (path !== undefined && REACTIVE_HOLDERS.has(path)) return safeHeld(w, n);
  return safeLocalCall(w, n);
}

/** Reactive holders a component template reads through (`ref(x)`, `computed(() => x)`, Svelte's runes). */
const REACTIVE_HOLDERS = new Set([
  'vue.ref',
  'vue.shallowRef',
  'vue.readonly',
  'vue.computed',
  '$state',
  '$derived',
]);

/** What a reactive holder holds is safe: its value, or every value its getter returns. */
function safeHeld(w: Walk, n: TSESTree.CallExpression): boolean {
  const arg = n.arguments[0];
  if (!arg || arg.type === 'SpreadElement') return false;
  if (arg.type !== 'ArrowFunctionExpression' && arg.type !== 'FunctionExpression') return safe(w, arg);
  if (arg.async || arg.generator) return false;
  const returned = arg.body.type === 'BlockStatement' ? returnsOf(arg.body) : [arg.body];
  return !!returned && returned.length > 0 && branches(w, returned);
}

/** One character class holding `<` (`[<>]`, `[&<>"']`), or `<` alone. */
const ANGLE_PATTERN = /^(?:<|\[(?!\^)[^\]\\<]*<[^\]\\]*\])$/;

/**
 * A replace that takes every `<` out: a global regex that is `<` or one character class holding
 * it, or `replaceAll('<', …)`, with a replacement that does not put one back. `replace(/<script>/g, '')`
 * is a filter that other markup walks past, not an escaper.
 */
function replacesAngle(n: TSESTree.CallExpression, name: string): boolean {
  const [pattern, replacement] = n.arguments;
  if (!pattern || pattern.type !== 'Literal' || replacement?.type === 'SpreadElement') return false;
  const covers =
    'regex' in pattern && pattern.regex
      ? pattern.regex.flags.includes('g') && ANGLE_PATTERN.test(pattern.regex.pattern)
      : name === 'replaceAll' && pattern.value === '<';
  const back =
    replacement?.type === 'Literal' &&
    typeof replacement.value === 'string' &&
    replacement.value.includes('<');
  return covers && !back;
}

/**
 * A function of this file every `return` of which gives safe HTML: a hand-written escaper
 * (`d.textContent = s; return d.innerHTML`), or a helper that only returns constants.
 */
function safeLocalCall(w: Walk, n: TSESTree.CallExpression): boolean {
  const callee = unwrap(n.callee);
  if (callee.type !== 'Identifier') return false;
  const variable = w.resolver.variableOf(callee);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !def || w.following.has(variable)) return false;
  let fn: TSESTree.Node | null | undefined;
  if (def.type === 'FunctionName') fn = def.node;
  else if (def.type === 'Variable') fn = w.resolver.constantInit(callee);
  fn = fn && unwrap(fn);
  if (
    fn?.type !== 'FunctionDeclaration' &&
    fn?.type !== 'FunctionExpression' &&
    fn?.type !== 'ArrowFunctionExpression'
  )
    return false;
  if (fn.async || fn.generator) return false;
  const returned = fn.body.type === 'BlockStatement' ? returnsOf(fn.body) : [fn.body];
  if (!returned || returned.length === 0) return false;
  w.following.add(variable);
  const ok = branches(w, returned);
  w.following.delete(variable);
  return ok;
}

/** The returned expressions of a function body (not of functions inside it); undefined past the budget or at a bare `return`. */
function returnsOf(body: TSESTree.BlockStatement): TSESTree.Node[] | undefined {
  const out: TSESTree.Node[] = [];
  const pending: TSESTree.Node[] = [body];
  for (let budget = BUDGET; pending.length; budget--) {
    if (budget === 0) return undefined;
    const n = pending.pop()!;
    if (n.type === 'ReturnStatement') {
      if (!n.argument) return undefined;
      out.push(n.argument);
    } else if (n.type === 'BlockStatement') pending.push(...n.body);
    else if (n.type === 'IfStatement') pending.push(n.consequent, ...(n.alternate ? [n.alternate] : []));
    else if (n.type === 'TryStatement')
      pending.push(n.block, ...(n.handler ? [n.handler.body] : []), ...(n.finalizer ? [n.finalizer] : []));
    else if (n.type === 'SwitchStatement') for (const c of n.cases) pending.push(...c.consequent);
    else if (
      n.type === 'ForStatement' ||
      n.type === 'ForOfStatement' ||
      n.type === 'ForInStatement' ||
      n.type === 'WhileStatement' ||
      n.type === 'DoWhileStatement'
    )
      pending.push(n.body);
  }
  return out;
}

function safeVariable(w: Walk, id: TSESTree.Identifier): boolean {
  const variable = w.resolver.variableOf(id);
  if (!variable) return false;
  if (w.following.has(variable)) return true;
  const values = assignedValues(variable);
  if (!values) return false;
  w.following.add(variable);
  const ok = branches(w, values);
  w.following.delete(variable);
  return ok;
}

/**
 * Every value a local variable can be given: its initialisers and the right-hand sides of its
 * assignments (`+=` included: the left side is the variable itself). Undefined when any write is
 * something else (a parameter, an import, a destructuring, a loop variable, `++`).
 * A declaration without an initialiser contributes `undefined`, itself a constant.
 */
function assignedValues(variable: Variable): TSESTree.Node[] | undefined {
  if (variable.defs.length === 0) return undefined;
  const values: TSESTree.Node[] = [];
  const declared = new Set<TSESTree.Node>();
  for (const def of variable.defs) {
    if (def.type !== 'Variable') return undefined;
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (declarator.id !== def.name) return undefined;
    // The walk sets parents as it goes: a `var` declared further down may not have one yet, and
    // could be a loop's (the scope manager's def.parent is the declaration itself).
    const loop = def.parent?.parent;
    if (!loop || loop.type === 'ForOfStatement' || loop.type === 'ForInStatement') return undefined;
    declared.add(def.name);
    values.push(declarator.init ?? UNDEFINED);
  }
  for (const ref of variable.references) {
    if (!ref.isWrite() || declared.has(ref.identifier)) continue;
    const parent = ref.identifier.parent;
    if (parent?.type !== 'AssignmentExpression' || parent.left !== ref.identifier) return undefined;
    if (parent.operator !== '=' && parent.operator !== '+=') return undefined;
    values.push(parent.right);
  }
  return values;
}

/** What a declaration without an initialiser holds: a constant. */
const UNDEFINED = { type: 'Literal', value: null, raw: 'null' } as TSESTree.NullLiteral;

/** Where constant markup leaves the next piece: one pass over its characters. */
function placeAfter(text: string, from: Place): Place {
  let at = from;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (at === 'content') {
      // `<` opens a tag only before a name, `/` or `!` (a text `1 < 2` stays text); a `<` that ends
      // the constant may be followed by a tag name from the next piece.
      if (ch === '<' && (i + 1 === text.length || /[A-Za-z/!]/.test(text[i + 1]!))) at = 'tag';
    } else if (at === 'tag') {
      if (ch === '>') at = 'content';
      else if (ch === '"') at = 'dq';
      else if (ch === "'") at = 'sq';
    } else if ((at === 'dq' && ch === '"') || (at === 'sq' && ch === "'")) at = 'tag';
  }
  return at;
}
