import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { alwaysLeaves, enclosingFunction, isFunctionNode } from '../naming.ts';
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

/** Statements branchDefs looks back over for one read before it gives up (the union answers). */
const BRANCH_BUDGET = 200;
interface Budget {
  statements: number;
  /** The variable whose definitions are sought (an `if`'s test may prove what it holds). */
  variable: Variable;
}
/** The writes reaching the end of some statements, and whether a path through them writes nothing. */
interface Scan {
  defs: ReachingDef[];
  open: boolean;
}

/** Does `n` hold one of `writes` (source-ordered)? */
function writesIn(n: Node, writes: readonly Write[]): boolean {
  const k = firstAtOrAfter(writes, n.range[0]);
  return k < writes.length && writes[k]!.id.range[0] < n.range[1];
}

/**
 * The statement list holding a `try` whose `block` is `block`, when code after the `try` runs only
 * if the block completed: its `catch` always leaves (ends in `return` or `throw`) and there is no
 * `finally`.
 */
function completedTry(block: Node): Node | undefined {
  const t = block.parent;
  if (t?.type !== 'TryStatement' || t.block !== block || t.finalizer || !t.handler) return undefined;
  if (!alwaysLeaves(t.handler.body)) return undefined;
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
 * the block around the `try` when its `catch` always leaves. Through `if`/`else` branches the
 * reaching definitions are those each path ends at (reachingDefs). Anything else — a write in a
 * branch, in a closure, in an expression — falls back to the union.
 */
export class ReachingDefs {
  /**
   * `allowed(test, outcome, variable)`: does the test of an `if` having that truth value prove the
   * variable holds one of the program's own values? A path that takes such a branch without writing
   * the variable brings no earlier definition of it to the read: `if (!LANGS.includes(lang)) lang =
   * fallback` leaves `lang` one of `LANGS` or the fallback.
   */
  private readonly allowed: (test: Node, outcome: boolean, variable: Variable) => boolean;

  constructor(allowed: ReachingDefs['allowed'] = () => false) {
    this.allowed = allowed;
  }

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
   * The definitions that reach a read: the unique one (uniqueDef), or those the structure of the
   * code around it proves (branchDefs): `x = clean(x); if (c) x = other(x); use(x)` reads
   * `clean(x)` or `other(x)`, never the value `clean` replaced.
   */
  reachingDefs(read: TSESTree.Identifier, variable: Variable): ReachingDef[] | undefined {
    const one = this.uniqueDef(read, variable);
    if (one) return [one];
    if (this.mutated.has(variable)) return undefined;
    const writes = this.declaredWrites(variable);
    const fn = enclosingFunction(read);
    if (!writes || writes.some((w) => w.fn !== fn)) return undefined;
    // In source order, as the union of every write is made: a value keeps the first module path.
    return this.branchDefs(read, writes, variable)?.sort((a, b) => a.at.range[0] - b.at.range[0]);
  }

  /**
   * Backwards from the read through the statements before it, out through the blocks, `if`s and
   * completed `try`s around it, down into the `if`/`else` branches and blocks it passes: each path
   * ends at a write that is a statement of its own. A branch that always leaves (`return`,
   * `throw`) reaches nothing after it. Undefined for any other shape that writes the variable (a
   * loop, a `switch`, a write inside an expression), and when a path reaches the function's start
   * (a parameter or a declaration without value): the union then answers.
   */
  private branchDefs(read: Node, writes: readonly Write[], variable: Variable): ReachingDef[] | undefined {
    const budget: Budget = { statements: BRANCH_BUDGET, variable };
    const defs: ReachingDef[] = [];
    let node: Node = read;
    let first = true;
    for (let parent = node.parent; parent && !isFunctionNode(parent); node = parent, parent = parent.parent) {
      if (LISTS.has(parent.type)) {
        const body = (parent as TSESTree.BlockStatement).body as Node[];
        // The statement holding the read may write the variable only after it (`x = f(x)`).
        if (first) {
          const own = writes.filter((w) => contains(node, w.id));
          if (own.some((w) => !(w.simple?.statement === node) && w.id.range[0] < read.range[0]))
            return undefined;
          first = false;
        }
        const r = this.scanBack(body, body.indexOf(node), writes, budget);
        if (!r) return undefined;
        defs.push(...r.defs);
        if (!r.open) return defs.length ? defs : undefined;
      } else if (LOOPS.has(parent.type) || parent.type === 'CatchClause') {
        if (writesIn(parent, writes)) return undefined;
      } else if (parent.type === 'SwitchCase') {
        // Cases before it may fall through into it.
        if (writesIn(parent.parent, writes)) return undefined;
      } else if (parent.type === 'IfStatement') {
        if (node !== parent.test && writesIn(parent.test, writes)) return undefined;
      } else if (parent.type === 'TryStatement' && node !== parent.block) return undefined;
    }
    return undefined;
  }

  /** Backwards over `list` before index `end`: the writes that reach there, and whether a path passes none. */
  private scanBack(
    list: readonly Node[],
    end: number,
    writes: readonly Write[],
    budget: Budget,
  ): Scan | undefined {
    const defs: ReachingDef[] = [];
    for (let i = end - 1; i >= 0; i--) {
      if (--budget.statements < 0) return undefined;
      const stmt = list[i]!;
      if (!writesIn(stmt, writes)) continue;
      const r = this.statementDefs(stmt, writes, budget);
      if (!r) return undefined;
      defs.push(...r.defs);
      if (!r.open) return { defs, open: false };
    }
    return { defs, open: true };
  }

  /** What a statement that writes the variable leaves at its end. */
  private statementDefs(stmt: Node, writes: readonly Write[], budget: Budget): Scan | undefined {
    const inside = writes.filter((w) => contains(stmt, w.id));
    const only = inside.length === 1 ? inside[0]!.simple : undefined;
    if (only?.statement === stmt) return { defs: [{ value: only.value, at: stmt }], open: false };
    switch (stmt.type) {
      case 'BlockStatement':
        return this.scanBack(stmt.body, stmt.body.length, writes, budget);
      case 'IfStatement': {
        if (writesIn(stmt.test, writes)) return undefined;
        const yes = this.branch(stmt.consequent, writes, budget);
        const no = stmt.alternate ? this.branch(stmt.alternate, writes, budget) : { defs: [], open: true };
        if (!yes || !no) return undefined;
        // A way through that leaves the variable as it was, taken only when it holds an allowed value.
        const passes = (s: Scan, outcome: boolean) =>
          s.open && !this.allowed(stmt.test, outcome, budget.variable);
        return { defs: [...yes.defs, ...no.defs], open: passes(yes, true) || passes(no, false) };
      }
      case 'TryStatement':
        return completedTry(stmt.block) && !writesIn(stmt.handler!, writes)
          ? this.scanBack(stmt.block.body, stmt.block.body.length, writes, budget)
          : undefined;
      default:
        return undefined;
    }
  }

  /** An `if`'s branch: nothing reaches past one that always leaves. */
  private branch(b: Node, writes: readonly Write[], budget: Budget): Scan | undefined {
    if (alwaysLeaves(b)) return { defs: [], open: false };
    return writesIn(b, writes) ? this.statementDefs(b, writes, budget) : { defs: [], open: true };
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
