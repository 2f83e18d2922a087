import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode } from '../naming.ts';
import { calleeName } from '../resolve.ts';
import type { Variable } from '../scope/bindings.ts';
import { rootIdentifier } from './nodes.ts';
import { LOOPS } from './reaching.ts';
import { type Node, propName } from './values.ts';

type MemberWrite = TSESTree.AssignmentExpression & { left: TSESTree.MemberExpression };

const LISTS = new Set(['BlockStatement', 'Program', 'StaticBlock']);
/** `Object.assign(o, …)`, `_.merge(o, …)`, `_.set(o, …)`, `fillDefaults(o)`: they may write any property of `o`. */
const COPIES_INTO = /assign|merge|extend|set|default|mixin|populate|fill|update|patch|copy/i;

/**
 * Writes into an object's properties are otherwise joined with what the object held
 * (Propagation.writtenFields): `const data = req.body; data.organization = org.id;` leaves
 * `data.organization` the client's too. A write that is a statement of its own on the straight way
 * to a read of the same property — the same block or one around the read, no function or loop
 * that writes again between, no later write at that name or at a computed key, the variable not
 * assigned again — is all the read sees, as an assignment to a variable is (ReachingDefs).
 */
export class FieldOverwrites {
  private byVariable: Map<Variable, MemberWrite[]> | undefined;

  private readonly writes: readonly TSESTree.AssignmentExpression[];
  private readonly variableOf: (id: TSESTree.Identifier) => Variable | undefined;
  /** Names a write to which changes others (a URL's `pathname`, its `href`): a write at every name. */
  private readonly linked: (name: string) => boolean;

  constructor(
    writes: readonly TSESTree.AssignmentExpression[],
    variableOf: (id: TSESTree.Identifier) => Variable | undefined,
    linked: (name: string) => boolean,
  ) {
    this.writes = writes;
    this.variableOf = variableOf;
    this.linked = linked;
  }

  /** The write `o.name = v;` that decides the read of `o.name` at `read`, if one does. */
  at(object: TSESTree.Identifier, name: string, read: Node): MemberWrite | undefined {
    if (this.linked(name)) return undefined;
    const variable = this.variableOf(object);
    const writes = variable && this.through(variable);
    if (!writes) return undefined;
    let last: MemberWrite | undefined;
    for (const w of writes) {
      if (w.range[0] >= read.range[0]) break;
      // A write holding the read (`o.n = o.n || x`) takes effect after it.
      if (w.range[1] > read.range[0]) continue;
      const key = keyOf(w);
      if (key === undefined || key === name || this.linked(key)) last = w;
    }
    if (!last || last.operator !== '=' || last.left.object.type !== 'Identifier' || keyOf(last) !== name)
      return undefined;
    const statement = last.parent;
    const list = statement?.parent;
    if (statement?.type !== 'ExpressionStatement' || !list || !LISTS.has(list.type)) return undefined;
    for (let n: Node | undefined = read.parent; n !== list; n = n.parent) {
      if (!n || isFunctionNode(n)) return undefined;
      const loop = n;
      if (
        LOOPS.has(loop.type) &&
        writes.some((w) => w.range[0] > loop.range[0] && w.range[1] < loop.range[1])
      )
        return undefined;
    }
    const between = (n: Node) => n.range[0] > last.range[1] && n.range[0] < read.range[0];
    // Assigned again, or handed to a function named for copying into its first argument.
    const changed = variable.references.some(
      (r) =>
        between(r.identifier) &&
        (r.isWrite() ||
          (r.identifier.parent?.type === 'CallExpression' &&
            r.identifier.parent.arguments[0] === r.identifier &&
            COPIES_INTO.test(calleeName(r.identifier.parent.callee) ?? ''))),
    );
    return changed ? undefined : last;
  }

  /** The writes through `variable` (`v.p = x`, `v.p.q = x`, `v[k] = x`), in source order. */
  private through(variable: Variable): MemberWrite[] | undefined {
    if (!this.byVariable) {
      this.byVariable = new Map();
      for (const w of this.writes) {
        const root = rootIdentifier((w as MemberWrite).left.object);
        const v = root && this.variableOf(root);
        if (!v) continue;
        const list = this.byVariable.get(v);
        if (list) list.push(w as MemberWrite);
        else this.byVariable.set(v, [w as MemberWrite]);
      }
      for (const list of this.byVariable.values()) list.sort((a, b) => a.range[0] - b.range[0]);
    }
    return this.byVariable.get(variable);
  }
}

/** The first property a write goes through from its root (`o.p.q = x`: `p`); undefined when computed. */
function keyOf(w: MemberWrite): string | undefined {
  let m: TSESTree.MemberExpression = w.left;
  while (m.object.type === 'MemberExpression') m = m.object;
  return propName(m);
}
