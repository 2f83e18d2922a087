import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Reference, Variable } from '@typescript-eslint/scope-manager';
import { findProperty, memberName, propertyKey, unwrap, type Resolver } from './resolve.ts';
import { isFunctionNode } from './naming.ts';
import { ARRAY_CALLBACKS } from './models/node.ts';

type Node = TSESTree.Node;

/** Array methods that add elements: their arguments are the table's text too. */
const GROWS = new Set(['push', 'unshift', 'splice', 'fill']);

/** Each array method handing its callback the elements, by the parameter they come as. */
const ELEMENT_PARAM = new Map(ARRAY_CALLBACKS.map((c) => [c.method, c.param]));

/** Names spelled as constants (`MAX_LENGTH`, `LOOSEPLAIN`): imported ones cannot be folded here. */
const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * Is `node` text a file builds only from constants, though no single value can be folded? Three
 * shapes beyond a literal: a table every write of which is such text (semver's
 * `src[MAINVERSION] = '(' + src[NUMERICIDENTIFIER] + ')\\.' …`, read back as `src[i]`), a local
 * of such text, and a parameter of a local function every call of which passes such text
 * (`createToken('MAINVERSION', `(${src[t.NUMERICIDENTIFIER]})\\.`)`). A pattern built so is
 * the library's own, not its caller's.
 */
export function builtFromConstants(node: Node, resolver: Resolver): boolean {
  return new ConstantText(resolver).text(node);
}

class ConstantText {
  /** Variables being decided: a cycle (a table built from itself) assumes the rest decides. */
  private readonly pending = new Set<Variable>();

  private readonly resolver: Resolver;

  constructor(resolver: Resolver) {
    this.resolver = resolver;
  }

  text(node: Node): boolean {
    const n = unwrap(node);
    if (this.resolver.staticValue(n) !== undefined) return true;
    switch (n.type) {
      case 'Literal':
        return true;
      case 'TemplateLiteral':
        return n.expressions.every((e) => this.text(e));
      case 'BinaryExpression':
        return n.operator === '+' && this.text(n.left) && this.text(n.right);
      case 'ConditionalExpression':
        return this.text(n.consequent) && this.text(n.alternate);
      case 'CallExpression':
        // A method of constant text with constant arguments (`value.split('\\s*').join('\\s{0,1}')`).
        return (
          n.callee.type === 'MemberExpression' &&
          this.text(n.callee.object) &&
          n.arguments.every((a) => a.type !== 'SpreadElement' && this.text(a))
        );
      case 'Identifier':
        return this.variable(n, (v) => this.local(v, n.name));
      case 'MemberExpression': {
        const field = memberName(n);
        // `rows[i].key`
        const row = unwrap(n.object);
        if (row.type === 'MemberExpression' && row.object.type === 'Identifier' && field !== undefined) {
          const array = this.iteratedList(row.object);
          return array !== undefined && this.constantField(array, field);
        }
        if (n.object.type !== 'Identifier') return false;
        return this.variable(
          n.object,
          (v) => this.table(v) || (field !== undefined && this.elementField(v, v.defs[0]?.name, field)),
        );
      }
      default:
        return false;
    }
  }

  private variable(id: TSESTree.Identifier, decide: (v: Variable) => boolean): boolean {
    const v = this.resolver.variableOf(id);
    if (!v) return false;
    if (this.pending.has(v)) return true;
    this.pending.add(v);
    try {
      return decide(v);
    } finally {
      this.pending.delete(v);
    }
  }

  /** A local whose every assignment is constant text, an imported constant, or a parameter (see above). */
  private local(v: Variable, name: string): boolean {
    const def = v.defs[0];
    if (!def) return false;
    if (def.type === 'ImportBinding') return CONSTANT_NAME.test(name);
    // `({ key }) => …`, `for (const { key } of rows)`: a field of each element.
    const field = destructuredField(def.name);
    if (
      field !== undefined &&
      !v.references.some((r) => r.isWrite() && r.identifier !== def.name) &&
      this.elementField(v, def.name.parent!.parent!, field)
    )
      return true;
    if (def.type === 'Parameter') return this.parameter(v, def.node);
    if (def.type !== 'Variable') return false;
    // `const { MAX_LENGTH } = require('./constants')`
    if (def.node.id.type === 'ObjectPattern') return CONSTANT_NAME.test(name);
    const values: Node[] = def.node.init ? [def.node.init] : [];
    for (const ref of v.references) {
      if (!ref.isWrite() || ref.identifier === def.node.id) continue;
      const parent = ref.identifier.parent;
      if (parent?.type !== 'AssignmentExpression' || parent.operator !== '=') return false;
      values.push(parent.right);
    }
    return values.length > 0 && values.every((e) => this.text(e));
  }

  /** A parameter of a function called only here, directly, each time with constant text at its place. */
  private parameter(v: Variable, fn: Node): boolean {
    if (
      fn.type !== 'FunctionDeclaration' &&
      fn.type !== 'FunctionExpression' &&
      fn.type !== 'ArrowFunctionExpression'
    )
      return false;
    const index = fn.params.findIndex((p) => p.type === 'Identifier' && p.name === v.name);
    const binding =
      fn.type === 'FunctionDeclaration'
        ? fn.id
        : fn.parent?.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier'
          ? fn.parent.id
          : undefined;
    const callee = binding && this.resolver.variableOf(binding);
    if (index < 0 || !callee) return false;
    let calls = 0;
    for (const ref of callee.references) {
      if (ref.identifier === binding) continue;
      const call = ref.identifier.parent;
      // Any other use (exported, passed on) lets code outside the file choose the text.
      if (call?.type !== 'CallExpression' || call.callee !== ref.identifier) return false;
      const arg = call.arguments[index];
      if (!arg || arg.type === 'SpreadElement' || !this.text(arg)) return false;
      calls++;
    }
    return calls > 0;
  }

  /**
   * Field `field` of each element of an array literal of object literals, bound by `binding` (the
   * element as a callback's parameter or a `for…of` variable: `rows.forEach((row) => …)`,
   * `for (const { key } of rows)`): constant text when every element holds constant text there.
   * The array is read only by iterating it, and an element bound whole only by reading its fields:
   * nothing else can change them.
   */
  private elementField(v: Variable, binding: Node | undefined, field: string): boolean {
    const readsFields = (r: Reference) =>
      r.identifier === binding || (!r.isWrite() && readsField(r.identifier));
    if (binding === v.defs[0]?.name && !v.references.every(readsFields)) return false;
    const array = this.iterated(binding);
    return array !== undefined && this.constantField(array, field);
  }

  /** Does every element of `array` hold constant text at `field`, and nothing that may change it? */
  private constantField(array: TSESTree.ArrayExpression, field: string): boolean {
    return (
      array.elements.length > 0 &&
      array.elements.every((e) => {
        if (e?.type !== 'ObjectExpression' || e.properties.some((p) => p.type === 'SpreadElement'))
          return false;
        const value = findProperty(e, field)?.value;
        return value !== undefined && this.text(value);
      })
    );
  }

  /** The array literal whose elements `binding` is bound to, read only by iterating it. */
  private iterated(binding: Node | undefined): TSESTree.ArrayExpression | undefined {
    const parent = binding?.parent;
    let list: Node | undefined;
    if (parent?.type === 'VariableDeclarator' && parent.id === binding) {
      const loop = parent.parent.parent;
      if (loop?.type === 'ForOfStatement' && loop.left === parent.parent) list = loop.right;
    } else if (parent && isFunctionNode(parent) && parent.parent?.type === 'CallExpression') {
      const call = parent.parent;
      const method = call.callee.type === 'MemberExpression' ? memberName(call.callee) : undefined;
      const index = method !== undefined ? ELEMENT_PARAM.get(method) : undefined;
      if (call.arguments[0] === parent && index !== undefined && parent.params[index] === binding)
        list = (call.callee as TSESTree.MemberExpression).object;
    }
    const n = list && unwrap(list);
    if (n?.type === 'ArrayExpression') return n;
    return n?.type === 'Identifier' ? this.iteratedList(n) : undefined;
  }

  /** The array literal a `const` holds that is read only by iterating it. */
  private iteratedList(id: TSESTree.Identifier): TSESTree.ArrayExpression | undefined {
    const init = this.resolver.constantInit(id);
    const variable = this.resolver.variableOf(id);
    return init?.type === 'ArrayExpression' && variable?.references.every(iterates) ? init : undefined;
  }

  /** An object or array literal whose every element written (`t[k] = …`, `t.k = …`) is constant text. */
  private table(v: Variable): boolean {
    const def = v.defs[0];
    if (def?.type !== 'Variable' || def.node.id.type !== 'Identifier' || !def.node.init) return false;
    // `var src = exports.src = []`
    let init: Node = def.node.init;
    while (init.type === 'AssignmentExpression') init = init.right;
    if (
      !(init.type === 'ArrayExpression' && init.elements.length === 0) &&
      !(init.type === 'ObjectExpression' && init.properties.length === 0)
    )
      return false;
    let writes = 0;
    for (const ref of v.references) {
      if (ref.identifier === def.node.id) continue;
      if (ref.isWrite()) return false;
      const member = ref.identifier.parent;
      if (member?.type !== 'MemberExpression' || member.object !== ref.identifier) {
        // Aliased for export (`exports.src = src`) is fine; handed to other code is not.
        if (member?.type === 'AssignmentExpression' && member.right === ref.identifier) continue;
        return false;
      }
      const use = member.parent;
      if (use?.type === 'CallExpression' && use.callee === member) {
        const method = member.property.type === 'Identifier' ? member.property.name : '';
        if (!GROWS.has(method)) continue;
        if (!use.arguments.every((a) => a.type !== 'SpreadElement' && this.text(a))) return false;
        writes++;
        continue;
      }
      if (use?.type !== 'AssignmentExpression' || use.left !== member) continue;
      if (use.operator !== '=' || !this.text(use.right)) return false;
      writes++;
    }
    return writes > 0;
  }
}

/** The property a variable is destructured from (`key` in `{ key }` or `{ key: k }`). */
function destructuredField(name: Node): string | undefined {
  const property = name.parent;
  return property?.type === 'Property' && property.value === name && property.parent.type === 'ObjectPattern'
    ? propertyKey(property)
    : undefined;
}

/** Is `object` only read at a named field (`row.key`), not written there nor called? */
function readsField(object: Node): boolean {
  const member = object.parent;
  if (member?.type !== 'MemberExpression' || member.object !== object) return false;
  const use = member.parent;
  return (
    memberName(member) !== undefined &&
    !(use?.type === 'AssignmentExpression' && use.left === member) &&
    !(use?.type === 'UpdateExpression' || (use?.type === 'UnaryExpression' && use.operator === 'delete')) &&
    !(use?.type === 'CallExpression' && use.callee === member)
  );
}

/**
 * A reference that declares the array or iterates it (`rows.forEach(…)`, `for (… of rows)`,
 * `rows[i].key` read).
 */
function iterates(ref: Reference): boolean {
  const id = ref.identifier;
  const parent = id.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id === id) return true;
  if (parent?.type === 'ForOfStatement' && parent.right === id) return true;
  if (parent?.type !== 'MemberExpression' || parent.object !== id) return false;
  if (parent.computed && !ref.isWrite()) return readsField(parent);
  const name = memberName(parent);
  if (name === 'length') return true;
  return (
    name !== undefined &&
    ELEMENT_PARAM.has(name) &&
    parent.parent?.type === 'CallExpression' &&
    parent.parent.callee === parent
  );
}
