import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { enclosingFunction, isFunctionNode } from '../naming.ts';
import type { Variable } from '../scope/bindings.ts';

type Node = TSESTree.Node;

/** A definition that alone reaches a read: the value assigned, and the statement assigning it. */
export interface ReachingDef {
  value: Node;
  at: Node;
}

interface Write {
  id: Node;
  /** `x = e;` or `let x = e;` as a statement of its own: the statement and `e`. */
  simple?: { statement: Node; value: Node };
  /** The function holding it; undefined at the top level. */
  fn: Node | undefined;
}

/** Loops: what one of them runs again may see a write that comes later in the text. */
export const LOOPS: ReadonlySet<string> = new Set([
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
  'WhileStatement',
  'DoWhileStatement',
]);
const LISTS = new Set(['BlockStatement', 'Program', 'StaticBlock']);

function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Index of the first write at or after `offset` (writes are in source order). */
function firstAtOrAfter(writes: ReadonlyArray<{ id: Node }>, offset: number): number {
  let lo = 0;
  let hi = writes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (writes[mid]!.id.range[0] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function simpleDef(id: Node): Write['simple'] {
  const p = id.parent;
  if (
    p?.type === 'AssignmentExpression' &&
    p.left === id &&
    p.operator === '=' &&
    p.parent.type === 'ExpressionStatement'
  )
    return { statement: p.parent, value: p.right };
  if (p?.type === 'VariableDeclarator' && p.id === id && p.init && p.parent.type === 'VariableDeclaration')
    return { statement: p.parent, value: p.init };
  return undefined;
}

/**
 * The statement list holding a `try` whose `block` is `block`, when code after the `try` runs only
 * if the block completed: its `catch` always leaves (ends in `return` or `throw`) and there is no
 * `finally`.
 */
function completedTry(block: Node): Node | undefined {
  const t = block.parent;
  if (t?.type !== 'TryStatement' || t.block !== block || t.finalizer || !t.handler) return undefined;
  const last = t.handler.body.body[t.handler.body.body.length - 1];
  if (last?.type !== 'ReturnStatement' && last?.type !== 'ThrowStatement') return undefined;
  return LISTS.has(t.parent.type) ? t.parent : undefined;
}

/**
 * Reassignment in straight-line code: `id = Number(id); exec('ls ' + id)` reads the number, not
 * the query string it replaced, and `let cmd = 'ls'; exec(cmd); cmd = req.query.c` runs a
 * constant. The engine is otherwise flow-insensitive (a variable holds the union of everything
 * assigned to it); this finds, for one read, the single definition that must reach it, when the
 * structure of the code proves it: the last assignment before the read is a statement of its own
 * in a block enclosing the read, in the same function, no loop between them writes the variable
 * again (a back edge), and no nested function writes it at all; a write in a `try` block counts in
 * the block around the `try` when its `catch` always leaves. Past an `if` with no `else` that
 * writes it once, the reaching definitions are that write and the one reaching the `if`
 * (reachingDefs). Anything else — a write in a
 * branch, in a closure, in an expression — falls back to the union.
 */
export class ReachingDefs {
  private readonly writes = new Map<Variable, Write[] | null>();
  private readonly globalWrites = new Map<Variable, Array<{ id: Node }>>();
  private readonly mutated = new Set<Variable>();

  /** Its contents change without an assignment (`a.push(x)`, `o.p = x`): always the union. */
  markMutated(variable: Variable): void {
    this.mutated.add(variable);
  }

  isMutated(variable: Variable): boolean {
    return this.mutated.has(variable);
  }

  /**
   * `identity`: the object the variable holds, not what is in it — a change in place (`o[k] = v`)
   * leaves the definition that made it the one that reaches.
   */
  uniqueDef(read: TSESTree.Identifier, variable: Variable, identity = false): ReachingDef | undefined {
    if (!identity && this.mutated.has(variable)) return undefined;
    const def = variable.defs[0];
    if (!def && variable.references.length > 0) return this.adjacentGlobalWrite(read, variable);
    return this.straightDef(read, variable);
  }

  /**
   * The definitions that reach a read: the unique one (uniqueDef), or, past an `if` with no
   * `else` whose branch writes the variable once as a statement of its own (`x = clean(x); if (c)
   * x = other(x); use(x)`), that write and the one unique definition reaching the `if`.
   */
  reachingDefs(read: TSESTree.Identifier, variable: Variable): ReachingDef[] | undefined {
    const one = this.uniqueDef(read, variable);
    if (one) return [one];
    if (this.mutated.has(variable) || !variable.defs[0]) return undefined;
    const writes = this.declaredWrites(variable);
    const last = writes && this.lastWriteBefore(writes, read);
    const statement = last?.simple?.statement;
    if (!last || !statement || last.fn !== enclosingFunction(read)) return undefined;
    const branch = statement.parent;
    const choice =
      branch?.type === 'IfStatement'
        ? branch
        : branch?.type === 'BlockStatement' && branch.parent.type === 'IfStatement'
          ? branch.parent
          : undefined;
    if (!choice || choice.alternate || choice.test === statement) return undefined;
    // The branch's one write of the variable, and nothing written in the test.
    const inside = writes!.filter((w) => contains(choice, w.id));
    if (inside.length !== 1 || !LISTS.has(choice.parent.type)) return undefined;
    if (!this.reachesStraight(choice.parent, read, writes!)) return undefined;
    const before = this.straightDef(choice, variable);
    return before && [before, { value: last.simple!.value, at: statement }];
  }

  /** Writes of a declared variable or parameter, in source order; undefined when not all are known. */
  private declaredWrites(variable: Variable): Write[] | undefined {
    const def = variable.defs[0];
    if (!def || (def.type !== 'Variable' && def.type !== 'Parameter')) return undefined;
    return this.writesOf(variable) ?? undefined;
  }

  /**
   * The last write before `at`; one whose own statement holds `at` (`x = f(x)`) takes effect
   * after it, so the one before counts. Binary searches: a file may hold thousands.
   */
  private lastWriteBefore(writes: readonly Write[], at: Node): Write | undefined {
    let i = firstAtOrAfter(writes, at.range[0]) - 1;
    if (i >= 0 && writes[i]!.simple && contains(writes[i]!.simple!.statement, at)) i--;
    return i >= 0 ? writes[i] : undefined;
  }

  /** The last write before `at` (a read, or a statement) when it is a statement on the straight way to it. */
  private straightDef(at: Node, variable: Variable): ReachingDef | undefined {
    const writes = this.declaredWrites(variable);
    if (!writes) return undefined;
    const last = this.lastWriteBefore(writes, at);
    const simple = last?.simple;
    if (!last || !simple || last.fn !== enclosingFunction(at)) return undefined;
    let list = simple.statement.parent!;
    if (!LISTS.has(list.type)) return undefined;
    // `try { x = check(x); } catch { return; }`: past the try, its block ran to the end.
    if (!contains(list, at)) list = completedTry(list) ?? list;
    return this.reachesStraight(list, at, writes) ? { value: simple.value, at: simple.statement } : undefined;
  }

  /** Is `at` inside statement list `list` with no function between, and no loop that writes again? */
  private reachesStraight(list: Node, at: Node, writes: readonly Write[]): boolean {
    for (let n: Node | undefined = at.parent; n !== list; n = n.parent) {
      if (!n || isFunctionNode(n)) return false;
      if (LOOPS.has(n.type)) {
        const k = firstAtOrAfter(writes, n.range[0]);
        if (k < writes.length && writes[k]!.id.range[0] < n.range[1]) return false;
      }
    }
    return true;
  }

  /**
   * An undeclared global of a sloppy script (`output = {…}` in two handlers) is written from many
   * functions, so no write is known to reach a read in general. One does when it is the statement
   * right before the read's, in the same block: nothing else can run between the two.
   */
  private adjacentGlobalWrite(read: TSESTree.Identifier, variable: Variable): ReachingDef | undefined {
    let statement: Node = read;
    while (statement.parent && !LISTS.has(statement.parent.type)) {
      if (isFunctionNode(statement.parent)) return undefined;
      statement = statement.parent;
    }
    const siblings = (statement.parent as { body?: Node[] } | undefined)?.body;
    const before = siblings ? siblings[siblings.indexOf(statement) - 1] : undefined;
    if (!before) return undefined;
    let writes = this.globalWrites.get(variable);
    if (!writes) {
      writes = variable.references
        .filter((r) => r.isWrite())
        .map((r) => ({ id: r.identifier as Node }))
        .sort((a, b) => a.id.range[0] - b.id.range[0]);
      this.globalWrites.set(variable, writes);
    }
    const write = writes[firstAtOrAfter(writes, before.range[0])];
    if (!write || !contains(before, write.id)) return undefined;
    const simple = simpleDef(write.id);
    return simple?.statement === before ? { value: simple.value, at: simple.statement } : undefined;
  }

  /**
   * Writes in source order; null when there is nothing to choose between (one write or none: the
   * union is that write) or a nested function writes the variable (it may run anywhere).
   */
  private writesOf(variable: Variable): Write[] | null {
    let known = this.writes.get(variable);
    if (known !== undefined) return known;
    // A parameter's binding at the call is a definition too, with no write reference.
    let count = variable.defs[0]?.type === 'Parameter' ? 1 : 0;
    for (const ref of variable.references) if (ref.isWrite()) count++;
    if (count < 2) {
      this.writes.set(variable, null);
      return null;
    }
    const home = variable.scope.block as Node;
    const homeFn = isFunctionNode(home) ? home : enclosingFunction(home);
    const list: Write[] = [];
    for (const ref of variable.references) {
      if (!ref.isWrite()) continue;
      const id = ref.identifier as Node;
      const fn = enclosingFunction(id);
      list.push({ id, fn, simple: simpleDef(id) });
    }
    // A parameter's own scope is its function; a closure writing a variable can run between any two statements.
    known = list.every((w) => w.fn === homeFn) ? list.sort((a, b) => a.id.range[0] - b.id.range[0]) : null;
    this.writes.set(variable, known);
    return known;
  }
}
