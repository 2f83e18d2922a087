import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { isFunctionNode, type FunctionNode } from '../naming.ts';
import { parseSource, parsesNatively } from '../parse.ts';
import { memberName, patternPath, propertyKey, resolverFor, unwrap } from '../resolve.ts';
import { lineStarts, locatorOf } from '../source-text.ts';
import { nameOf } from '../taint/nodes.ts';
import { traverse } from '../traverse.ts';
import type { ImportGraph } from '../workers/graph.ts';

type Node = TSESTree.Node;

/** Hops (alias, member, import, wrapper) followed to find what an expression is. */
const MAX_HOPS = 24;

/** What an expression is: an expression or declaration in some file, or a module's exports. */
export type Value =
  { file: string; node: Node; module?: never } | { file: string; module: true; node?: never };

/** Texts parsed on another thread: a tree (no parent pointers) or null for each, in order. */
export type ParseElsewhere = (
  files: Array<{ path: string; text: string }>,
) => Promise<Array<TSESTree.Program | null>> | undefined;

type ExportEntry = Node | { from: string; name: string } | { namespace: string };

interface ExportTable {
  named: Map<string, ExportEntry>;
  /** `export * from './x'`. */
  stars: string[];
}

/**
 * The scan's own code, read syntax tree by syntax tree, answering "what is this expression?"
 * across files — for the questions asked after every file's taint analysis, when the trees are
 * gone (only summaries crossed files). Follows `const` aliases, destructuring, CommonJS and ESM
 * imports and exports, re-exports and barrels, object literal members, class methods (of the class
 * or of `new C()`), through the scan's import graph. Each file is parsed once, on first use; a
 * file that does not parse is unknown. Every table is built once per file or object, so each
 * question costs at most MAX_HOPS lookups.
 */
export class ProjectCode {
  private readonly programs = new Map<string, TSESTree.Program | undefined>();
  private readonly exportTables = new Map<string, ExportTable>();
  private readonly memberTables = new WeakMap<Node, Map<string, Node>>();
  private readonly lineStarts = new Map<string, number[]>();

  private readonly texts: ReadonlyMap<string, string>;
  private readonly graph: ImportGraph;
  private readonly parseElsewhere: ParseElsewhere | undefined;

  /** `parseElsewhere`: a thread that parses with Oxc what this one cannot (see prefetch). */
  constructor(texts: ReadonlyMap<string, string>, graph: ImportGraph, parseElsewhere?: ParseElsewhere) {
    this.texts = texts;
    this.graph = graph;
    this.parseElsewhere = parseElsewhere;
  }

  /**
   * Have the files that this thread could not parse natively parsed elsewhere, ahead of `program`:
   * typescript-estree would otherwise parse them here, after loading TypeScript's compiler. A
   * failure elsewhere leaves them to `program`.
   */
  async prefetch(files: Iterable<string>): Promise<void> {
    if (!this.parseElsewhere) return;
    const wanted: Array<{ path: string; text: string }> = [];
    for (const path of new Set(files)) {
      const text = this.texts.get(path);
      if (text !== undefined && !this.programs.has(path) && !parsesNatively(text))
        wanted.push({ path, text });
    }
    if (wanted.length === 0) return;
    let trees: Array<TSESTree.Program | null> | undefined;
    try {
      trees = await this.parseElsewhere(wanted);
    } catch {
      return;
    }
    wanted.forEach(({ path }, i) => {
      const tree = trees?.[i];
      if (tree) this.programs.set(path, withParents(tree));
    });
  }

  /** The file's tree with parent pointers, or undefined when it is not scanned or does not parse. */
  program(file: string): TSESTree.Program | undefined {
    if (this.programs.has(file)) return this.programs.get(file);
    const text = this.texts.get(file);
    let program: TSESTree.Program | undefined;
    if (text !== undefined) {
      try {
        program = withParents(parseSource(file, text));
      } catch {
        // The taint analysis has reported it; here it is code we cannot read.
      }
    }
    this.programs.set(file, program);
    return program;
  }

  /** A scanned file's text ('' when it is not scanned). */
  text(file: string): string {
    return this.texts.get(file) ?? '';
  }

  /** The source text of a node of a scanned file. */
  textOf(file: string, node: Node): string {
    return this.texts.get(file)?.slice(node.range[0], node.range[1]) ?? '';
  }

  /** The 1-based line of an offset in a scanned file. */
  lineOf(file: string, offset: number): number {
    return locatorOf(this.startsOf(file))(offset).line;
  }

  /** The offset of a 1-based line and column, or undefined outside the file. */
  offsetOf(file: string, line: number, column: number): number | undefined {
    const start = this.startsOf(file)[line - 1];
    return start === undefined ? undefined : start + column - 1;
  }

  private startsOf(file: string): number[] {
    let starts = this.lineStarts.get(file);
    if (!starts) {
      starts = lineStarts(this.texts.get(file) ?? '');
      this.lineStarts.set(file, starts);
    }
    return starts;
  }

  /** What an expression of `file` is, followed through bindings, members and imports. */
  valueOf(file: string, node: Node, hops = 0): Value | undefined {
    if (hops > MAX_HOPS) return undefined;
    const n = unwrap(node);
    switch (n.type) {
      case 'Identifier':
        return this.identifierValue(file, n, hops + 1);
      case 'MemberExpression': {
        const name = memberName(n);
        const base = name === undefined ? undefined : this.valueOf(file, n.object, hops + 1);
        return base && this.memberOf(base, name!, hops + 1);
      }
      case 'CallExpression': {
        const spec = requiredSpecifier(n);
        if (spec === undefined) return { file, node: n };
        const target = this.graph.imports.get(file)?.get(spec);
        return target === undefined ? undefined : { file: target, module: true };
      }
      default:
        return { file, node: n };
    }
  }

  /**
   * The function a route argument runs: the expression's value, or the function a wrapper call is
   * given (`catchAsync(async (req, res) => …)`, `asyncHandler(controller.list)`). The arguments of
   * nested wrappers are looked at within one budget: calls whose arguments are calls, through
   * shared constants, cannot multiply the work.
   */
  functionOf(
    value: Value | undefined,
    budget = { n: MAX_HOPS },
  ): { file: string; fn: FunctionNode } | undefined {
    if (!value?.node || --budget.n < 0) return undefined;
    const n = value.node;
    if (isFunctionNode(n)) return { file: value.file, fn: n };
    if (n.type !== 'CallExpression') return undefined;
    for (const arg of n.arguments) {
      if (arg.type === 'SpreadElement') continue;
      const inner = this.functionOf(this.valueOf(value.file, arg), budget);
      if (inner) return inner;
    }
    return undefined;
  }

  private identifierValue(file: string, id: TSESTree.Identifier, hops: number): Value | undefined {
    const program = this.program(file);
    const resolver = program && resolverFor(program);
    const variable = resolver?.variableOf(id);
    if (!resolver || !variable || variable.defs.length !== 1) return undefined;
    const def = variable.defs[0]!;
    switch (def.type) {
      case 'FunctionName':
      case 'ClassName':
        return { file, node: def.node };
      case 'ImportBinding': {
        const spec = def.node;
        if (spec.type === 'TSImportEqualsDeclaration') return undefined;
        const from = (def.parent as TSESTree.ImportDeclaration).source.value;
        const target = this.graph.imports.get(file)?.get(from);
        if (target === undefined) return undefined;
        if (spec.type === 'ImportNamespaceSpecifier') return { file: target, module: true };
        const name = spec.type === 'ImportDefaultSpecifier' ? 'default' : nameOf(spec.imported);
        return this.exportOf(target, name, hops + 1);
      }
      case 'Variable': {
        // Written again after its declaration: what it holds at the route is not known.
        const declarator = resolver.singleDeclarator(variable);
        if (!declarator?.init) return undefined;
        const path = patternPath(declarator.id, def.name);
        if (path === undefined) return undefined;
        let value = this.valueOf(file, declarator.init, hops + 1);
        for (const key of path) value = value && this.memberOf(value, key, hops + 1);
        return value;
      }
      default:
        return undefined;
    }
  }

  /** A member of a value: an export of a module, a property of an object, a method of a class. */
  memberOf(value: Value, name: string, hops: number): Value | undefined {
    if (hops > MAX_HOPS) return undefined;
    if (value.module) return this.exportOf(value.file, name, hops + 1);
    const holder = value.node;
    // `wrapController(controllers).list`: a wrapper given one module or object keeps its members.
    if (holder.type === 'CallExpression') {
      const arg = holder.arguments.length === 1 ? holder.arguments[0] : undefined;
      const inner = arg && arg.type !== 'SpreadElement' ? this.valueOf(value.file, arg, hops + 1) : undefined;
      return inner && (inner.module || inner.node.type === 'ObjectExpression')
        ? this.memberOf(inner, name, hops + 1)
        : undefined;
    }
    if (holder.type === 'NewExpression') {
      const cls = this.valueOf(value.file, holder.callee, hops + 1);
      if (!cls?.node) return undefined;
      return this.memberOf(cls, name, hops + 1);
    }
    if (
      holder.type !== 'ObjectExpression' &&
      holder.type !== 'ClassDeclaration' &&
      holder.type !== 'ClassExpression'
    )
      return undefined;
    let table = this.memberTables.get(holder);
    if (!table) {
      table = memberTable(holder);
      this.memberTables.set(holder, table);
    }
    const member = table.get(name);
    return member && this.valueOf(value.file, member, hops + 1);
  }

  /** An export of a module, CommonJS or ESM, through re-exports. */
  exportOf(file: string, name: string, hops: number): Value | undefined {
    if (hops > MAX_HOPS) return undefined;
    const table = this.exportTable(file);
    const entry = table.named.get(name);
    if (entry) {
      if ('type' in entry) return this.valueOf(file, entry, hops + 1);
      if ('namespace' in entry) return { file: entry.namespace, module: true };
      return this.exportOf(entry.from, entry.name, hops + 1);
    }
    // `module.exports = { logout }` or `module.exports = controller`: its members are the exports.
    const whole = name === 'default' ? undefined : table.named.get('default');
    if (whole && 'type' in whole) {
      const value = this.valueOf(file, whole, hops + 1);
      const member = value && this.memberOf(value, name, hops + 1);
      if (member) return member;
    }
    for (const star of table.stars) {
      const found = this.exportOf(star, name, hops + 1);
      if (found) return found;
    }
    return undefined;
  }

  private exportTable(file: string): ExportTable {
    let table = this.exportTables.get(file);
    if (table) return table;
    table = { named: new Map(), stars: [] };
    this.exportTables.set(file, table);
    const imports = this.graph.imports.get(file);
    for (const statement of this.program(file)?.body ?? []) addExports(statement, table, imports);
    return table;
  }
}

function addExports(
  statement: TSESTree.ProgramStatement,
  table: ExportTable,
  imports: ReadonlyMap<string, string> | undefined,
): void {
  switch (statement.type) {
    case 'ExportNamedDeclaration': {
      const d = statement.declaration;
      if ((d?.type === 'FunctionDeclaration' || d?.type === 'ClassDeclaration') && d.id)
        table.named.set(d.id.name, d);
      if (d?.type === 'VariableDeclaration')
        for (const decl of d.declarations)
          if (decl.id.type === 'Identifier' && decl.init) table.named.set(decl.id.name, decl.init);
      const from = statement.source ? imports?.get(statement.source.value) : undefined;
      if (statement.source && from === undefined) return;
      for (const s of statement.specifiers) {
        if (from !== undefined) table.named.set(nameOf(s.exported), { from, name: nameOf(s.local) });
        else if (s.local.type === 'Identifier') table.named.set(nameOf(s.exported), s.local);
      }
      return;
    }
    case 'ExportDefaultDeclaration':
      table.named.set('default', statement.declaration);
      return;
    case 'ExportAllDeclaration': {
      const from = imports?.get(statement.source.value);
      if (from === undefined) return;
      if (statement.exported) table.named.set(nameOf(statement.exported), { namespace: from });
      else table.stars.push(from);
      return;
    }
    case 'ExpressionStatement': {
      const e = statement.expression;
      if (e.type !== 'AssignmentExpression' || e.operator !== '=' || e.left.type !== 'MemberExpression')
        return;
      if (isModuleExports(e.left)) table.named.set('default', e.right);
      else if (isModuleExports(e.left.object) || isExportsObject(e.left.object)) {
        const name = memberName(e.left);
        if (name !== undefined) table.named.set(name, e.right);
      }
      return;
    }
    default:
      return;
  }
}

function isModuleExports(n: Node): boolean {
  return (
    n.type === 'MemberExpression' &&
    n.object.type === 'Identifier' &&
    n.object.name === 'module' &&
    memberName(n) === 'exports'
  );
}

function isExportsObject(n: Node): boolean {
  return n.type === 'Identifier' && n.name === 'exports';
}

/** Members of an object literal or a class by name (the last one wins, as at runtime). */
function memberTable(
  holder: TSESTree.ObjectExpression | TSESTree.ClassDeclaration | TSESTree.ClassExpression,
): Map<string, Node> {
  const table = new Map<string, Node>();
  if (holder.type === 'ObjectExpression') {
    for (const p of holder.properties) {
      const key = p.type === 'Property' ? propertyKey(p) : undefined;
      if (p.type === 'Property' && key !== undefined) table.set(key, p.value);
    }
    return table;
  }
  for (const m of holder.body.body) {
    if (m.type !== 'MethodDefinition' && m.type !== 'PropertyDefinition') continue;
    const key = !m.computed && m.key.type === 'Identifier' ? m.key.name : undefined;
    if (key !== undefined && m.value && key !== 'constructor') table.set(key, m.value);
  }
  return table;
}

/** The relative specifier of `require('./x')`, if that is what the call is. */
function requiredSpecifier(call: TSESTree.CallExpression): string | undefined {
  const arg = call.arguments[0];
  return call.callee.type === 'Identifier' &&
    call.callee.name === 'require' &&
    arg?.type === 'Literal' &&
    typeof arg.value === 'string'
    ? arg.value
    : undefined;
}

/** `traverse` sets every node's parent pointer. */
function withParents(program: TSESTree.Program): TSESTree.Program {
  traverse(
    program,
    () => {},
    () => {},
  );
  return program;
}

/** The nodes holding `offset`, from the program down to the deepest, found by descending the tree. */
export function nodesAt(program: TSESTree.Program, offset: number): Node[] {
  const out: Node[] = [];
  let node: Node | undefined = program;
  while (node) {
    out.push(node);
    let next: Node | undefined;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      const n = Array.isArray(child)
        ? containing(child as Array<Node | null>, offset)
        : (child as Node | null);
      if (n && typeof n.type === 'string' && n.range[0] <= offset && offset < n.range[1]) next = n;
    }
    node = next;
  }
  return out;
}

/** The node of a list in source order that holds `offset`, by binary search (a file of 10,000 statements). */
function containing(list: ReadonlyArray<Node | null>, offset: number): Node | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = list[mid];
    // A hole (`[, a]`): look at its neighbours one by one, which stays within the hole run.
    if (!n)
      return (
        list.slice(lo, hi + 1).find((c) => c && c.range[0] <= offset && offset < c.range[1]) ?? undefined
      );
    if (offset < n.range[0]) hi = mid - 1;
    else if (offset >= n.range[1]) lo = mid + 1;
    else return n;
  }
  return undefined;
}
