import { resolveRelative, scanRelativeImports } from '../scope/modules.ts';

/** Which scanned files each file imports (by specifier), and the reverse edges. */
export interface ImportGraph {
  /** file → (specifier → imported file) */
  imports: Map<string, Map<string, string>>;
  importedBy: Map<string, Set<string>>;
}

export function buildImportGraph(texts: ReadonlyMap<string, string>): ImportGraph {
  const files = new Set(texts.keys());
  const imports = new Map<string, Map<string, string>>();
  const importedBy = new Map<string, Set<string>>();
  for (const [path, text] of texts) {
    const specs = new Map<string, string>();
    for (const spec of scanRelativeImports(text)) {
      const target = resolveRelative(path, spec, files);
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

/** Every file `start` imports, transitively. */
export function dependenciesOf(graph: ImportGraph, start: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const f = queue.pop()!;
    for (const dep of graph.imports.get(f)?.values() ?? []) {
      if (!out.has(dep)) {
        out.add(dep);
        queue.push(dep);
      }
    }
  }
  return out;
}

/**
 * Hands out files so that a file comes after the files it imports (their summaries are ready).
 * In an import cycle, the file with the fewest unfinished imports goes first with what is known.
 */
export class DependencyScheduler {
  private readonly pending = new Map<string, number>();
  private readonly ready: string[] = [];
  private readonly done = new Set<string>();
  private readonly graph: ImportGraph;

  constructor(graph: ImportGraph, files: Iterable<string>) {
    this.graph = graph;
    const set = new Set(files);
    for (const f of set) {
      const deps = [...(graph.imports.get(f)?.values() ?? [])].filter((d) => set.has(d));
      this.pending.set(f, new Set(deps).size);
      if (this.pending.get(f) === 0) this.ready.push(f);
    }
  }

  get remaining(): number {
    return this.pending.size;
  }

  /** The next file to analyse, or undefined when none can start until a running one finishes. */
  next(running: number): string | undefined {
    const f = this.ready.pop();
    if (f !== undefined) {
      this.pending.delete(f);
      return f;
    }
    if (running > 0 || this.pending.size === 0) return undefined;
    // A cycle: break it at the file with the fewest unfinished imports.
    let best: string | undefined;
    let bestCount = Infinity;
    for (const [file, count] of this.pending) if (count < bestCount) [best, bestCount] = [file, count];
    this.pending.delete(best!);
    return best;
  }

  complete(file: string): void {
    this.done.add(file);
    for (const importer of this.graph.importedBy.get(file) ?? []) {
      const count = this.pending.get(importer);
      if (count === undefined) continue;
      this.pending.set(importer, count - 1);
      if (count - 1 === 0) this.ready.push(importer);
    }
  }
}
