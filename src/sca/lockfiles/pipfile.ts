import type { ExtractContext, LockfileExtractor, LockfileInventory } from '../types.ts';
import { LockfileError } from '../types.ts';
import { buildInventory, declaredFrom, type GraphNode } from './graph.ts';
import { readSibling } from './manifest.ts';
import { normalizePypiName } from './python.ts';
import { tryToml } from './toml.ts';
import {
  basenameOf,
  entriesOf,
  isObject,
  JsonKeyLines,
  parseJsonObject,
  str,
  type JsonObject,
} from './text.ts';

export const pipfileLock: LockfileExtractor = {
  format: 'Pipfile.lock',
  ecosystem: 'PyPI',
  matches: (p) => basenameOf(p) === 'Pipfile.lock',
  extract(path: string, text: string, context?: ExtractContext): LockfileInventory {
    const doc = parseJsonObject(path, text);
    for (const section of ['default', 'develop']) {
      if (doc[section] !== undefined && !isObject(doc[section]))
        throw new LockfileError(path, `"${section}" is not an object`);
    }
    const lines = new JsonKeyLines(text);
    const nodes = new Map<string, GraphNode>();
    const notes: { message: string; line?: number }[] = [];
    const prod: string[] = [];
    const dev: string[] = [];
    // Pipfile.lock records no graph: every locked package hangs off the project.
    for (const [section, target] of [
      ['default', prod],
      ['develop', dev],
    ] as const) {
      for (const [rawName, entry] of entriesOf(doc[section])) {
        const line = lines.lineOf(rawName);
        if (!isObject(entry)) continue;
        const name = normalizePypiName(rawName);
        const git = str(entry.git);
        const version = git ? (str(entry.ref) ?? '') : (str(entry.version) ?? '').replace(/^===?/, '');
        if (version === '' || (!git && /[<>!~*,]/.test(version))) {
          notes.push({ message: `${rawName} has no pinned version; not matched`, line });
          continue;
        }
        const key = `${name}@${version}`;
        if (!nodes.has(key)) {
          const node: GraphNode = {
            key,
            name,
            version,
            kind: git ? 'git' : str(entry.path) || str(entry.file) ? 'file' : 'registry',
            deps: [],
          };
          if (line !== undefined) node.line = line;
          if (git) node.vcsUrl = git;
          nodes.set(key, node);
        }
        target.push(key);
      }
    }
    const pipfile = tryToml(readSibling(path, 'Pipfile', context));
    const inv = buildInventory({
      path,
      format: 'Pipfile.lock',
      ecosystem: 'PyPI',
      nodes,
      roots: [{ name: 'Pipfile', prod, dev }],
      declared: pipfile ? declaredFrom(ranges(pipfile.packages), ranges(pipfile['dev-packages'])) : undefined,
      notes,
    });
    if (pipfile) {
      // With the Pipfile at hand, only what it lists is direct.
      const listed = new Set([...ranges(pipfile.packages).keys(), ...ranges(pipfile['dev-packages']).keys()]);
      for (const p of inv.packages) p.direct = listed.has(p.name);
    }
    return inv;
  },
};

function ranges(table: unknown): Map<string, string> {
  const m = new Map<string, string>();
  for (const [n, v] of entriesOf(table)) {
    m.set(
      normalizePypiName(n),
      typeof v === 'string' ? v : isObject(v) ? (str((v as JsonObject).version) ?? '*') : '*',
    );
  }
  return m;
}
