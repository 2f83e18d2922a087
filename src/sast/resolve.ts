/**
 * What does this expression refer to? Rules ask `resolve(node)` and get a dotted path naming the
 * module member or global behind it, decided by binding rather than spelling:
 *
 *   import cp from 'node:child_process'; cp.exec(...)        → 'child_process.exec'
 *   const { exec: run } = require('child_process'); run(...) → 'child_process.exec'
 *   import { createHash } from 'crypto'; createHash          → 'crypto.createHash'
 *   eval / window.eval / globalThis.eval                     → 'eval'
 *   Math.random                                              → 'Math.random'
 *   promisify(cp.exec)                                       → 'child_process.exec'
 *   function exec() {}; exec                                 → undefined (a local binding)
 *
 * Module names lose their `node:` prefix; a default import or `require()` result is the module
 * itself. Aliases through `const` (or never-reassigned `let`/`var`) declarations are followed,
 * up to a small depth. Anything else — parameters, local functions, reassigned variables,
 * computed members — resolves to `undefined`.
 *
 * `staticValue(node)` answers the other question rules keep asking: is this a constant? It folds
 * literals, template literals, `+` concatenation and identifiers bound to constants.
 *
 * Scope analysis (@typescript-eslint/scope-manager) is done lazily, once per AST, and shared by
 * every rule through `resolverFor(ast)` / `scopeManagerFor(ast)`.
 */
import { analyze, type ScopeManager, type Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import './scope/lean-close.ts';
import './scope/lean-visitor.ts';

type Node = TSESTree.Node;

/** Alias hops and member levels followed by `resolve`. */
const MAX_DEPTH = 16;
/** Nodes `staticValue` may visit for one question (long constant concatenations stay constant). */
const STATIC_BUDGET = 512;
/** Identifier-to-initialiser hops `staticValue` follows. */
const MAX_HOPS = 8;
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'global', 'self']);
/**
 * The helpers compilers wrap `require` in (TypeScript, Babel, esbuild): `__importDefault(require('x'))`
 * is module x, and its `.default` too, so compiled code (npm packages ship it) resolves as its source.
 */
const INTEROP_HELPERS = new Set([
  '__importDefault',
  '__importStar',
  '_interopRequireDefault',
  '_interopRequireWildcard',
  '__toESM',
]);

export interface Resolver {
  /** Dotted path of the module member / global an expression refers to, or undefined. */
  resolve(node: Node): string | undefined;
  /** The variable an identifier reference is bound to (null for an undeclared global). */
  variableOf(id: TSESTree.Identifier): Variable | null | undefined;
  /** The constant value of an expression, or undefined when it is not a compile-time constant. */
  staticValue(node: Node): StaticValue | undefined;
  /** The initialiser of the single, never-reassigned declaration of an identifier. */
  constantInit(id: TSESTree.Identifier): TSESTree.Expression | undefined;
  /** The one declaration of a variable never written after it (any pattern), or undefined. */
  singleDeclarator(variable: Variable): TSESTree.VariableDeclarator | undefined;
}

export interface StaticValue {
  value: string | number | boolean | bigint | null | undefined | RegExp;
}

const managers = new WeakMap<TSESTree.Program, ScopeManager>();
const resolvers = new WeakMap<TSESTree.Program, Resolver>();

/** One scope analysis per AST, shared by all rules (and the taint engine). */
export function scopeManagerFor(ast: TSESTree.Program): ScopeManager {
  let manager = managers.get(ast);
  if (!manager) {
    manager = analyze(ast, { sourceType: 'module', lib: [], jsxPragma: null });
    managers.set(ast, manager);
  }
  return manager;
}

export function resolverFor(ast: TSESTree.Program): Resolver {
  let resolver = resolvers.get(ast);
  if (!resolver) {
    resolver = createResolver(ast);
    resolvers.set(ast, resolver);
  }
  return resolver;
}

/** Strip TypeScript-only wrappers and parentheses-equivalents that do not change the value. */
export function unwrap(node: Node): Node {
  let n = node;
  for (;;) {
    switch (n.type) {
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSSatisfiesExpression':
      case 'ChainExpression':
        n = n.expression;
        break;
      default:
        return n;
    }
  }
}

/** The static name of a member's property (`a.b`, `a['b']`), or undefined when computed. */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.property.type === 'Literal' && typeof node.property.value === 'string') return node.property.value;
  if (node.property.type === 'TemplateLiteral' && node.property.expressions.length === 0) {
    return node.property.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** The static key of an object property, or undefined when computed. */
export function propertyKey(node: TSESTree.Property | TSESTree.PropertyDefinition): string | undefined {
  if (!node.computed && node.key.type === 'Identifier') return node.key.name;
  if (node.key.type === 'Literal') return String(node.key.value);
  return undefined;
}

/** The last name of a callee, regardless of binding: `a.b.exec` → 'exec', `exec` → 'exec'. */
export function calleeName(node: Node): string | undefined {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'MemberExpression') return memberName(n);
  return undefined;
}

/** Find a property of an object literal by key (the last one wins, as at runtime). */
export function findProperty(obj: Node | undefined, key: string): TSESTree.Property | undefined {
  if (!obj) return undefined;
  const o = unwrap(obj);
  if (o.type !== 'ObjectExpression') return undefined;
  let found: TSESTree.Property | undefined;
  for (const p of o.properties) {
    if (p.type === 'Property' && propertyKey(p) === key) found = p;
  }
  return found;
}

export function normalizeModule(name: string): string {
  return name.startsWith('node:') ? name.slice(5) : name;
}

const referenceMaps = new WeakMap<TSESTree.Program, ReadonlyMap<TSESTree.Node, Variable | null>>();

/**
 * Every reference of the AST's scope analysis: the identifier, and the variable it resolves to
 * (null for a global). Built once per AST, for the resolver and the taint engine's bindings.
 */
export function referencesOf(ast: TSESTree.Program): ReadonlyMap<TSESTree.Node, Variable | null> {
  let references = referenceMaps.get(ast);
  if (!references) {
    const map = new Map<TSESTree.Node, Variable | null>();
    for (const scope of scopeManagerFor(ast).scopes) {
      for (const ref of scope.references) map.set(ref.identifier, ref.resolved);
    }
    referenceMaps.set(ast, (references = map));
  }
  return references;
}

function createResolver(ast: TSESTree.Program): Resolver {
  let references: ReadonlyMap<TSESTree.Node, Variable | null> | undefined;

  function variableOf(id: TSESTree.Identifier): Variable | null | undefined {
    references ??= referencesOf(ast);
    return references.get(id);
  }

  // Worked out once per variable: a name used at 10,000 places is asked about at each of them.
  const declarators = new WeakMap<Variable, TSESTree.VariableDeclarator | null>();

  /** A variable with one declaration that is never written again after its initialiser. */
  function singleDeclarator(variable: Variable): TSESTree.VariableDeclarator | undefined {
    let known = declarators.get(variable);
    if (known === undefined) {
      known = declaratorOf(variable) ?? null;
      declarators.set(variable, known);
    }
    return known ?? undefined;
  }

  function declaratorOf(variable: Variable): TSESTree.VariableDeclarator | undefined {
    if (variable.defs.length !== 1) return undefined;
    const def = variable.defs[0]!;
    if (def.type !== 'Variable') return undefined;
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (!declarator.init) return undefined;
    // Writes other than the declaration itself (destructuring defaults count as the declaration).
    if (variable.references.some((r) => r.isWrite() && r.identifier !== def.name)) return undefined;
    return declarator;
  }

  function constantInit(id: TSESTree.Identifier): TSESTree.Expression | undefined {
    const variable = variableOf(id);
    if (!variable) return undefined;
    const declarator = singleDeclarator(variable);
    if (!declarator || declarator.id.type !== 'Identifier') return undefined;
    return declarator.init ?? undefined;
  }

  function resolveVariable(
    variable: Variable | null | undefined,
    name: string,
    depth: number,
  ): string | undefined {
    if (variable === undefined) return undefined;
    // Undeclared (null) or declared only by the environment (no defs): a global.
    if (variable === null || variable.defs.length === 0) return name;
    if (variable.defs.length !== 1) return undefined;
    const def = variable.defs[0]!;
    if (def.type === 'ImportBinding') {
      const spec = def.node;
      // import cp = require('child_process')
      if (spec.type === 'TSImportEqualsDeclaration') {
        const ref = spec.moduleReference;
        return ref.type === 'TSExternalModuleReference' && ref.expression.type === 'Literal'
          ? normalizeModule(String(ref.expression.value))
          : undefined;
      }
      const decl = def.parent as TSESTree.ImportDeclaration;
      const module = normalizeModule(String(decl.source.value));
      if (spec.type === 'ImportSpecifier') {
        const imported =
          spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
        return imported === 'default' ? module : `${module}.${imported}`;
      }
      return module;
    }
    if (def.type === 'Variable') {
      const declarator = singleDeclarator(variable);
      if (!declarator) return undefined;
      const base = resolveNode(declarator.init!, depth + 1);
      if (base === undefined) return undefined;
      const path = patternPath(declarator.id, def.name as TSESTree.Identifier);
      if (path === undefined) return undefined;
      return path.length ? `${base}.${path.join('.')}` : base;
    }
    return undefined;
  }

  function isInteropCall(n: Node): boolean {
    if (n.type !== 'CallExpression') return false;
    const name = calleeName(n.callee);
    return name !== undefined && INTEROP_HELPERS.has(name);
  }

  /** An interop helper's result, or a variable holding one: its `.default` is the module. */
  function wrapsModule(node: Node): boolean {
    const n = unwrap(node);
    if (n.type !== 'Identifier') return isInteropCall(n);
    const variable = variableOf(n);
    const init = variable ? singleDeclarator(variable)?.init : undefined;
    return init !== undefined && init !== null && isInteropCall(unwrap(init));
  }

  function resolveNode(node: Node, depth: number): string | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const n = unwrap(node);
    switch (n.type) {
      case 'Identifier':
        return resolveVariable(variableOf(n), n.name, depth);
      case 'MemberExpression': {
        const name = memberName(n);
        if (name === undefined) return undefined;
        const base = resolveNode(n.object, depth + 1);
        if (base === undefined) return undefined;
        if (GLOBAL_OBJECTS.has(base)) return name;
        if (name === 'default' && wrapsModule(n.object)) return base;
        return `${base}.${name}`;
      }
      case 'CallExpression': {
        // require('x') with the global `require`.
        const arg = n.arguments[0];
        // util.promisify(f) calls the same function.
        if (arg && arg.type !== 'SpreadElement' && resolveNode(n.callee, depth + 1) === 'util.promisify') {
          return resolveNode(arg, depth + 1);
        }
        if (arg && arg.type !== 'SpreadElement' && isInteropCall(n)) return resolveNode(arg, depth + 1);
        if (
          n.callee.type === 'Identifier' &&
          n.callee.name === 'require' &&
          arg?.type === 'Literal' &&
          typeof arg.value === 'string' &&
          resolveNode(n.callee, depth + 1) === 'require'
        ) {
          return normalizeModule(arg.value);
        }
        return undefined;
      }
      case 'AwaitExpression':
        // await import('x')
        if (n.argument.type === 'ImportExpression' && n.argument.source.type === 'Literal') {
          return normalizeModule(String(n.argument.source.value));
        }
        return undefined;
      default:
        return undefined;
    }
  }

  function staticValueOf(node: Node, hops: number, budget: { n: number }): StaticValue | undefined {
    if (hops > MAX_HOPS || --budget.n < 0) return undefined;
    const n = unwrap(node);
    switch (n.type) {
      case 'Literal':
        return { value: n.value };
      case 'TemplateLiteral': {
        let out = n.quasis[0]?.value.cooked ?? '';
        for (let i = 0; i < n.expressions.length; i++) {
          const part = staticValueOf(n.expressions[i]!, hops, budget);
          if (!part) return undefined;
          out += String(part.value) + (n.quasis[i + 1]?.value.cooked ?? '');
        }
        return { value: out };
      }
      case 'BinaryExpression': {
        if (n.operator !== '+') return undefined;
        const left = staticValueOf(n.left, hops, budget);
        const right = left && staticValueOf(n.right, hops, budget);
        if (!left || !right) return undefined;
        if (typeof left.value === 'number' && typeof right.value === 'number') {
          return { value: left.value + right.value };
        }
        return { value: String(left.value) + String(right.value) };
      }
      case 'UnaryExpression':
        if (n.operator === '-' || n.operator === '!' || n.operator === 'void') {
          const inner = staticValueOf(n.argument, hops, budget);
          if (!inner) return undefined;
          if (n.operator === 'void') return { value: undefined };
          return { value: n.operator === '!' ? !inner.value : -Number(inner.value) };
        }
        return undefined;
      case 'CallExpression': {
        // `['a', 'b'].join('|')`: a pattern written as a table of constant parts (ansi-regex).
        const callee = n.callee;
        if (callee.type !== 'MemberExpression' || memberName(callee) !== 'join' || n.arguments.length > 1)
          return undefined;
        const list = unwrap(callee.object);
        const array = list.type === 'Identifier' ? constantInit(list) : list;
        if (array?.type !== 'ArrayExpression') return undefined;
        const sep = n.arguments[0] ? staticValueOf(n.arguments[0], hops, budget) : { value: ',' };
        if (!sep || sep.value === undefined || n.arguments[0]?.type === 'SpreadElement') return undefined;
        const parts: string[] = [];
        for (const e of array.elements) {
          const part = e && e.type !== 'SpreadElement' ? staticValueOf(e, hops + 1, budget) : undefined;
          if (!part) return undefined;
          parts.push(part.value === null || part.value === undefined ? '' : String(part.value));
        }
        return { value: parts.join(String(sep.value)) };
      }
      case 'Identifier': {
        const variable = variableOf(n);
        if (n.name === 'undefined' && (variable === null || variable?.defs.length === 0)) {
          return { value: undefined };
        }
        const init = constantInit(n);
        return init ? staticValueOf(init, hops + 1, budget) : undefined;
      }
      default:
        return undefined;
    }
  }

  return {
    resolve: (node) => resolveNode(node, 0),
    variableOf,
    staticValue: (node) => staticValueOf(node, 0, { n: STATIC_BUDGET }),
    constantInit,
    singleDeclarator,
  };
}

/**
 * Property path from a declaration pattern down to one bound identifier:
 * `{ a: { b: x } }` and x → ['a', 'b']; a plain identifier → []. Undefined through rest
 * elements, arrays or computed keys.
 */
export function patternPath(pattern: Node, target: Node): string[] | undefined {
  if (pattern === target) return [];
  if (pattern.type === 'AssignmentPattern') return patternPath(pattern.left, target);
  if (pattern.type !== 'ObjectPattern') return undefined;
  for (const prop of pattern.properties) {
    if (prop.type !== 'Property') continue;
    const inner = patternPath(prop.value, target);
    if (inner === undefined) continue;
    const key = propertyKey(prop);
    return key === undefined ? undefined : [key, ...inner];
  }
  return undefined;
}

/** True when the expression is a compile-time constant (literal, constant binding, folded concat). */
export function isStatic(resolver: Resolver, node: Node): boolean {
  return resolver.staticValue(node) !== undefined;
}
