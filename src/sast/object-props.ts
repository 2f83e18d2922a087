/**
 * Which properties can an object expression hold? Settings rules (JWT payloads, cookie and CORS
 * options) ask it of an argument that is often not a literal at the call: a variable filled in
 * earlier (`const o = {…}`, `let o; o = {…}`, `o.k = v`, `o.a.k = v`), `Object.assign(…)` or a
 * spread. The answer is every property any of those writes may put there, with its value when the
 * write shows it; it stays within one file and a small budget.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberName, propertyKey, unwrap, type Resolver } from './resolve.ts';

type Node = TSESTree.Node;

export interface ObjectProp {
  key: string;
  /** The value written, when the write shows it. */
  value: Node | undefined;
  /** The property or assignment that writes it (where to report). */
  node: Node;
  /** 0 for a top-level key, 1 for a key of a nested object, … */
  depth: number;
}

/** Nested objects followed, and nodes visited per question. */
const MAX_DEPTH = 3;
const BUDGET = 200;

/** Properties the object `node` evaluates to may hold (empty when nothing is known). */
export function objectProps(resolver: Resolver, node: Node): ObjectProp[] {
  return objectShape(resolver, node).props;
}

/**
 * The properties, and whether they are all of them: `complete` is false when some part of the
 * object comes from something unseen (a parameter, a call, a spread of either), so an absent key
 * may be there after all.
 */
export function objectShape(resolver: Resolver, node: Node): { props: ObjectProp[]; complete: boolean } {
  const props: ObjectProp[] = [];
  const budget: Budget = { n: BUDGET, seen: new Set(), complete: true };
  collect(resolver, node, 0, props, budget);
  return { props, complete: budget.complete && budget.n >= 0 };
}

/** The last property named `key` at the top level, as `findProperty` but through variables. */
export function lastProp(props: ObjectProp[], key: string): ObjectProp | undefined {
  let found: ObjectProp | undefined;
  for (const p of props) if (p.depth === 0 && p.key === key) found = p;
  return found;
}

interface Budget {
  n: number;
  seen: Set<Node>;
  /** Cleared when a top-level part of the object could not be seen. */
  complete: boolean;
}

function collect(resolver: Resolver, node: Node, depth: number, out: ObjectProp[], budget: Budget): void {
  if (depth > MAX_DEPTH || --budget.n < 0 || budget.seen.has(node)) return;
  budget.seen.add(node);
  const n = unwrap(node);
  switch (n.type) {
    case 'ObjectExpression':
      for (const p of n.properties) {
        if (p.type === 'SpreadElement') {
          collect(resolver, p.argument, depth, out, budget);
          continue;
        }
        const key = propertyKey(p);
        if (key === undefined) continue;
        out.push({ key, value: p.value, node: p, depth });
        collect(resolver, p.value, depth + 1, out, budget);
      }
      return;
    case 'CallExpression':
      // Object.assign(target, ...sources) holds every source's properties.
      if (resolver.resolve(n.callee) === 'Object.assign') {
        for (const a of n.arguments)
          collect(resolver, a.type === 'SpreadElement' ? a.argument : a, depth, out, budget);
      } else if (depth === 0) budget.complete = false;
      return;
    case 'Identifier':
      identifierProps(resolver, n, depth, out, budget);
      return;
    default:
      if (depth === 0) budget.complete = false;
      return;
  }
}

/** Everything written to a local variable: its initialiser, assignments, and `v.k = …` writes. */
function identifierProps(
  resolver: Resolver,
  id: TSESTree.Identifier,
  depth: number,
  out: ObjectProp[],
  budget: Budget,
): void {
  const variable = resolver.variableOf(id);
  if (!variable || variable.defs.length !== 1 || variable.defs[0]!.type !== 'Variable') {
    if (depth === 0) budget.complete = false;
    return;
  }
  for (const ref of variable.references) {
    if (--budget.n < 0) return;
    if (ref.isWrite()) {
      if (ref.writeExpr) collect(resolver, ref.writeExpr, depth, out, budget);
      continue;
    }
    // v.k = value, v.a.k = value: the member chain the reference heads, on an assignment's left.
    let top: Node = ref.identifier;
    let levels = 0;
    while (top.parent?.type === 'MemberExpression' && top.parent.object === top) {
      top = top.parent;
      levels++;
    }
    const parent = top.parent;
    if (levels === 0 || parent?.type !== 'AssignmentExpression' || parent.left !== top) continue;
    const key = memberName(top as TSESTree.MemberExpression);
    if (key === undefined) continue;
    const d = depth + levels - 1;
    if (d > MAX_DEPTH) continue;
    out.push({ key, value: parent.right, node: parent, depth: d });
    collect(resolver, parent.right, d + 1, out, budget);
  }
}
