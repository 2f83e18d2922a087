import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { unwrap, type Resolver } from './resolve.ts';

type Node = TSESTree.Node;

/** Array methods that add elements: their arguments are the table's text too. */
const GROWS = new Set(['push', 'unshift', 'splice', 'fill']);

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
      case 'MemberExpression':
        return n.object.type === 'Identifier' && this.variable(n.object, (v) => this.table(v));
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
