import type { Variable } from '../scope/bindings.ts';
import { unwrap } from '../resolve.ts';
import { tableNaming } from './guards.ts';
import { returnedBy } from './key-writes.ts';
import type { ParamLookup } from './summary.ts';
import type { Fn, Node } from './values.ts';

type VarOf = (node: Node) => Variable | undefined;

/** `null`, `undefined`, `false`: a return that finds nothing. */
function findsNothing(n: Node): boolean {
  return (
    (n.type === 'Literal' && (n.value === null || n.value === false)) ||
    (n.type === 'Identifier' && n.name === 'undefined')
  );
}

/**
 * The variable at the root of `a.b.c` when the module declares it: a table the module holds, not a
 * caller's (a parameter, or a closure's over one) nor one built in the call.
 */
function moduleRoot(n: Node, varOf: VarOf): Variable | undefined {
  let m = unwrap(n);
  while (m.type === 'MemberExpression') m = unwrap(m.object);
  const variable = m.type === 'Identifier' ? varOf(m) : undefined;
  return variable && ['module', 'global'].includes(variable.scope.type) ? variable : undefined;
}

/**
 * A function that returns one of its parameters looked up in a table of its own
 * (`findCache(name) { return caches[name]; }`, `(k) => registry[k]`), and otherwise only nothing:
 * its result is truthy only when the argument names an entry, so a caller's `if (!find(x)) return`
 * allows what the lookup written in place would (guards.ts foundBy). The table is one the module
 * declares; `owned`: does it hold no untrusted data (one the attacker fills names anything)?
 */
export function paramLookup(fn: Fn, varOf: VarOf, owned: (n: Node) => boolean): ParamLookup | undefined {
  // A generator's result is an iterator, truthy whatever it yields; an overload's signature has no body.
  if (fn.generator || !(fn.body as Node | null)) return undefined;
  const params = fn.params.map((p) => (p.type === 'Identifier' ? varOf(p) : undefined));
  let found: ParamLookup | undefined;
  for (const r of returnedBy(fn)) {
    const m = unwrap(r.type === 'AwaitExpression' ? r.argument : r);
    if (findsNothing(m)) continue;
    if (m.type !== 'MemberExpression' || !m.computed || m.property.type !== 'Identifier') return undefined;
    const key = varOf(m.property);
    const param = key ? params.indexOf(key) : -1;
    // The key is the parameter as passed: nothing writes it on the way.
    if (param < 0 || key!.references.some((ref) => ref.isWrite())) return undefined;
    if (!moduleRoot(m.object, varOf) || !owned(m.object)) return undefined;
    const naming = tableNaming(m.object, varOf);
    if (found && (found.param !== param || found.naming !== naming)) return undefined;
    found = { param, naming, ...(fn.async ? { async: true } : {}) };
  }
  return found;
}
