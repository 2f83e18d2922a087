/**
 * Objects without a prototype: `Object.create(null)` has no `__proto__` setter and no
 * `constructor`, so `o[k] = v` with `k = '__proto__'` only adds an own property. A write at the end
 * of a chain of such objects (`this.idx[domain][path][key] = cookie`, the holder and every level
 * made by `Object.create(null)` wherever the file writes them) reaches no prototype.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '../scope/bindings.ts';
import { pushChildren } from './key-writes.ts';
import { enclosingClass } from './nodes.ts';
import type { Node } from './values.ts';

type VarOf = (id: TSESTree.Identifier) => Variable | undefined;

/** What the file assigns to one holder (depth 0) and to each level under it (depth 1, 2…). */
type Levels = Map<number, Node[]>;

interface FileLevels {
  byHolder: Map<unknown, Levels>;
  /** Locals initialised with a holder (`const idx = this.idx`): their writes are the holder's. */
  aliases: Map<unknown, unknown[]>;
}

const cache = new WeakMap<TSESTree.Program, FileLevels>();

/** `Object.create(null)`, or an object literal that names `__proto__: null` (which sets no property). */
export function isNullObject(n: Node): boolean {
  if (n.type === 'ObjectExpression')
    return n.properties.some(
      (p) =>
        p.type === 'Property' &&
        !p.computed &&
        !p.shorthand &&
        p.kind === 'init' &&
        ((p.key.type === 'Identifier' && p.key.name === '__proto__') ||
          (p.key.type === 'Literal' && p.key.value === '__proto__')) &&
        p.value.type === 'Literal' &&
        p.value.value === null,
    );
  return (
    n.type === 'CallExpression' &&
    n.callee.type === 'MemberExpression' &&
    !n.callee.computed &&
    n.callee.object.type === 'Identifier' &&
    n.callee.object.name === 'Object' &&
    n.callee.property.type === 'Identifier' &&
    n.callee.property.name === 'create' &&
    n.arguments[0]?.type === 'Literal' &&
    n.arguments[0].value === null
  );
}

/** The holder under a chain of computed lookups and how many lookups: `this.idx[d][p]` → this.idx, 2. */
function holderOf(target: Node): { holder: Node; depth: number } {
  let n = target;
  let depth = 0;
  while (n.type === 'MemberExpression' && n.computed) {
    n = n.object;
    depth++;
  }
  return { holder: n, depth };
}

/** One identity per holder: a variable's binding, or a field of `this` in one class. */
function holderKey(holder: Node, varOf: VarOf): unknown {
  if (holder.type === 'Identifier') return varOf(holder);
  if (
    holder.type === 'MemberExpression' &&
    !holder.computed &&
    holder.object.type === 'ThisExpression' &&
    holder.property.type === 'Identifier'
  ) {
    const cls = enclosingClass(holder);
    return cls ? `${cls.range[0]}:${holder.property.name}` : undefined;
  }
  return undefined;
}

function programOf(node: Node): TSESTree.Program {
  let n = node;
  while (n.parent) n = n.parent;
  return n as TSESTree.Program;
}

/** Every plain assignment of the file, by holder and depth (one walk per file). */
function levelsOf(program: TSESTree.Program, varOf: VarOf): FileLevels {
  const known = cache.get(program);
  if (known) return known;
  const byHolder = new Map<unknown, Levels>();
  const aliases = new Map<unknown, unknown[]>();
  const record = (key: unknown, depth: number, value: Node) => {
    let levels = byHolder.get(key);
    if (!levels) byHolder.set(key, (levels = new Map()));
    const values = levels.get(depth);
    if (values) values.push(value);
    else levels.set(depth, [value]);
  };
  const stack: Node[] = [program];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'AssignmentExpression' && n.operator === '=') {
      const { holder, depth } = holderOf(n.left);
      const key = holderKey(holder, varOf);
      if (key !== undefined) record(key, depth, n.right);
    } else if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init) {
      const key = varOf(n.id);
      const aliased = holderKey(n.init, varOf);
      if (key !== undefined && aliased !== undefined) {
        const list = aliases.get(aliased);
        if (list) list.push(key);
        else aliases.set(aliased, [key]);
      } else if (key !== undefined) record(key, 0, n.init);
    }
    pushChildren(n, stack);
  }
  const file = { byHolder, aliases };
  cache.set(program, file);
  return file;
}

/**
 * Is `target[key] = v` a write into a null-prototype object reached through null-prototype
 * levels? Every value the file gives the holder and each level above the write must be
 * `Object.create(null)`, and there must be one at each: a level the file never makes comes from
 * elsewhere and may have a prototype.
 */
export function onNullPrototypes(target: TSESTree.MemberExpression, varOf: VarOf): boolean {
  const { holder, depth } = holderOf(target.object);
  return withoutPrototypes(holder, depth, varOf);
}

/**
 * Is `holder` (a variable or a field of `this`) an object without a prototype? A lookup in it
 * (`holder[k]`, `k in holder`) is then true of its own names only, never of `constructor`.
 */
export function hasNullPrototype(holder: Node, varOf: VarOf): boolean {
  return withoutPrototypes(holder, 0, varOf);
}

/** The holder and its levels down to `depth` are made without a prototype wherever the file writes them. */
function withoutPrototypes(holder: Node, depth: number, varOf: VarOf): boolean {
  const key = holderKey(holder, varOf);
  if (key === undefined) return false;
  const { byHolder, aliases } = levelsOf(programOf(holder), varOf);
  const levels = byHolder.get(key);
  if (!levels) return false;
  for (let d = 0; d <= depth; d++) {
    const values = levels.get(d);
    if (!values?.length || !values.every(isNullObject)) return false;
  }
  // What a local alias writes under the holder (`idx[d] = …`) must be a null object as well.
  for (const alias of aliases.get(key) ?? []) {
    for (const [d, values] of byHolder.get(alias) ?? []) {
      if (d > 0 && d <= depth && !values.every(isNullObject)) return false;
    }
  }
  return true;
}
