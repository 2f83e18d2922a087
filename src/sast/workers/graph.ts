import { isRelative, resolveRelative, scanImports } from '../scope/modules.ts';
import { type LocalPackage, resolveLocalPackage } from '../library/packages.ts';
import type { PathAliases } from '../scope/path-aliases.ts';

/** Which scanned files each file imports (by specifier), and the reverse edges. */
export interface ImportGraph {
  /** file → (specifier → imported file) */
  imports: Map<string, Map<string, string>>;
  importedBy: Map<string, Set<string>>;
}

/**
 * Relative imports, bare ones a tsconfig's `paths` or `baseUrl` maps into the tree (`aliases`),
 * and bare ones naming a package of the scanned tree (`packages`: a workspace's, or the
 * application's own name), resolved to the files they load.
 */
export function buildImportGraph(
  texts: ReadonlyMap<string, string>,
  packages: ReadonlyMap<string, LocalPackage> = new Map(),
  aliases?: PathAliases,
): ImportGraph {
  const files = new Set(texts.keys());
  const imports = new Map<string, Map<string, string>>();
  const importedBy = new Map<string, Set<string>>();
  for (const [path, text] of texts) {
    const specs = new Map<string, string>();
    for (const spec of scanImports(text)) {
      const target = isRelative(spec)
        ? resolveRelative(path, spec, files)
        : (aliases?.resolve(path, spec, files) ??
          (packages.size ? resolveLocalPackage(spec, packages, files) : undefined));
      if (!target || target === path) continue;
      specs.set(spec, target);
      let rev = importedBy.get(target);
      if (!rev) importedBy.set(target, (rev = new Set()));
      rev.add(path);
    }
    imports.set(path, specs);
  }
  return { imports, importedBy };
}

/** `start` plus every file whose imports reach one of them, directly or through others. */
export function importersOf(graph: ImportGraph, start: Iterable<string>): Set<string> {
  const out = new Set<string>(start);
  const queue = [...out];
  while (queue.length) {
    const f = queue.pop()!;
    for (const importer of graph.importedBy.get(f) ?? []) {
      if (!out.has(importer)) {
        out.add(importer);
        queue.push(importer);
      }
    }
  }
  return out;
}

/** Every file `start` imports, transitively; never a file of `skip`, nor through one. */
export function dependenciesOf(
  graph: ImportGraph,
  start: Iterable<string>,
  skip?: ReadonlySet<string>,
): Set<string> {
  const out = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const f = queue.pop()!;
    for (const dep of graph.imports.get(f)?.values() ?? []) {
      if (!out.has(dep) && !skip?.has(dep)) {
        out.add(dep);
        queue.push(dep);
      }
    }
  }
  return out;
}

/**
 * Strongly connected components of the import graph restricted to `files` (Tarjan's algorithm,
 * iterative: an import chain thousands of files long must not overflow the stack). Maps each
 * file to its component's id.
 */
function components(graph: ImportGraph, files: ReadonlySet<string>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let ids = 0;
  const depsOf = (f: string) => [...(graph.imports.get(f)?.values() ?? [])].filter((d) => files.has(d));
  for (const root of files) {
    if (index.has(root)) continue;
    const work: Array<{ file: string; deps: string[]; at: number }> = [];
    const enter = (file: string) => {
      index.set(file, counter);
      low.set(file, counter++);
      stack.push(file);
      onStack.add(file);
      work.push({ file, deps: depsOf(file), at: 0 });
    };
    enter(root);
    while (work.length) {
      const top = work.at(-1)!;
      if (top.at < top.deps.length) {
        const dep = top.deps[top.at++]!;
        if (!index.has(dep)) enter(dep);
        else if (onStack.has(dep)) low.set(top.file, Math.min(low.get(top.file)!, index.get(dep)!));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.file, Math.min(low.get(parent.file)!, low.get(top.file)!));
      if (low.get(top.file) === index.get(top.file)) {
        const id = ids++;
        for (let f = stack.pop()!; ; f = stack.pop()!) {
          onStack.delete(f);
          component.set(f, id);
          if (f === top.file) break;
        }
      }
    }
  }
  return component;
}

/**
 * Hands out files so that a file comes after the files it imports (their summaries are ready).
 * An import cycle is broken, with what is known, only when everything its files import from
 * outside it is done and none of its files is running or ready: at the file with the fewest
 * unfinished imports. Other files and other cycles keep the workers busy meanwhile.
 */
export class DependencyScheduler {
  /** Unfinished imports of each file not yet handed out. */
  private readonly pending = new Map<string, number>();
  /** Unfinished imports from outside the file's own cycle. */
  private readonly outside = new Map<string, number>();
  private readonly readyFiles: string[] = [];
  private readonly component: Map<string, number>;
  /**
   * Per cycle: its files not ready nor handed out, how many of them still wait on files outside
   * the cycle, and how many of its files are handed out and not complete.
   */
  private readonly cycles = new Map<number, { waiting: Set<string>; blocked: number; running: number }>();
  private readonly graph: ImportGraph;

  constructor(graph: ImportGraph, files: Iterable<string>) {
    this.graph = graph;
    const set = new Set(files);
    this.component = components(graph, set);
    const size = new Map<number, number>();
    for (const c of this.component.values()) size.set(c, (size.get(c) ?? 0) + 1);
    for (const [c, n] of size) if (n > 1) this.cycles.set(c, { waiting: new Set(), blocked: 0, running: 0 });
    for (const f of set) {
      const deps = new Set([...(graph.imports.get(f)?.values() ?? [])].filter((d) => set.has(d)));
      this.pending.set(f, deps.size);
      const c = this.component.get(f)!;
      const outside = [...deps].filter((d) => this.component.get(d) !== c).length;
      this.outside.set(f, outside);
      const cycle = this.cycles.get(c);
      if (cycle) {
        cycle.waiting.add(f);
        if (outside > 0) cycle.blocked++;
      }
      this.update(f);
    }
  }

  get remaining(): number {
    return this.pending.size;
  }

  /** Files that can be handed out now without breaking a cycle. */
  get ready(): number {
    return this.readyFiles.length;
  }

  /** The next file to analyse, or undefined when none can start until a running one finishes. */
  next(): string | undefined {
    let f = this.readyFiles.pop();
    if (f === undefined) {
      for (const cycle of this.cycles.values()) {
        if (cycle.running > 0 || cycle.blocked > 0 || cycle.waiting.size === 0) continue;
        let bestCount = Infinity;
        for (const file of cycle.waiting) {
          const count = this.pending.get(file)!;
          if (count < bestCount) [f, bestCount] = [file, count];
        }
        break;
      }
    }
    if (f === undefined) return undefined;
    const cycle = this.cycles.get(this.component.get(f)!);
    if (cycle) {
      cycle.waiting.delete(f);
      cycle.running++;
    }
    this.pending.delete(f);
    return f;
  }

  complete(file: string): void {
    const c = this.component.get(file);
    const own = c === undefined ? undefined : this.cycles.get(c);
    if (own) own.running--;
    for (const importer of this.graph.importedBy.get(file) ?? []) {
      const count = this.pending.get(importer);
      if (count === undefined) continue;
      this.pending.set(importer, count - 1);
      if (this.component.get(importer) !== c) {
        const left = this.outside.get(importer)! - 1;
        this.outside.set(importer, left);
        if (left === 0) {
          const cycle = this.cycles.get(this.component.get(importer)!);
          if (cycle) cycle.blocked--;
        }
      }
      this.update(importer);
    }
  }

  /** A file not handed out yet is ready once all its imports are done. */
  private update(file: string): void {
    if (this.pending.get(file) !== 0) return;
    this.cycles.get(this.component.get(file)!)?.waiting.delete(file);
    this.readyFiles.push(file);
  }
}
