import type { ExtractContext, LockfileExtractor, LockfileInventory, PackageSourceKind } from '../types.ts';
import { LockfileError } from '../types.ts';
import { buildInventory, declaredFrom, undependedRoot, type GraphNode, type GraphRoot } from './graph.ts';
import { manifestFromObject } from './manifest.ts';
import { gitRef, npmSourceKind } from './npm-kind.ts';
import {
  basenameOf,
  entriesOf,
  isObject,
  JsonKeyLines,
  parseJsonObject,
  rootNameFor,
  str,
  stringMap,
} from './text.ts';

/**
 * bun.lock is JSON with trailing commas. Drop a comma that only whitespace separates from `}` or `]`,
 * outside strings, in one linear pass (offsets, hence lines, shift only where a comma goes).
 */
export function stripTrailingCommas(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 44 /* , */) {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j] as string)) j++;
      if (text[j] === '}' || text[j] === ']') {
        out += text.slice(last, i) + ' ';
        last = i + 1;
      }
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/** `name@spec` of a package tuple's first element; the name may be scoped. */
function splitIdent(ident: string): [string, string] {
  const at = ident.indexOf('@', 1);
  return at === -1 ? [ident, ''] : [ident.slice(0, at), ident.slice(at + 1)];
}

/** Splits a bun install key (`a/@s/b/c`) into its package names (`a`, `@s/b`, `c`). */
function keySegments(key: string): string[] {
  const parts = key.split('/');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    out.push(p.startsWith('@') && i + 1 < parts.length ? `${p}/${parts[++i] as string}` : p);
  }
  return out;
}

export const bunLock: LockfileExtractor = {
  format: 'bun.lock',
  ecosystem: 'npm',
  matches: (p) => basenameOf(p) === 'bun.lock',
  extract(path: string, text: string, _context?: ExtractContext): LockfileInventory {
    const doc = parseJsonObject(path, stripTrailingCommas(text));
    if (doc.packages !== undefined && !isObject(doc.packages))
      throw new LockfileError(path, '"packages" is not an object');
    const lines = new JsonKeyLines(text);
    const nodes = new Map<string, GraphNode>();
    const depNames = new Map<string, string[]>();
    const notes: { message: string; line?: number }[] = [];
    const workspaceByName = new Map<string, string>();
    for (const [dir, ws] of entriesOf(doc.workspaces)) {
      const name = isObject(ws) ? str(ws.name) : undefined;
      if (name !== undefined && dir !== '') workspaceByName.set(name, `workspace:${dir}`);
    }
    for (const [key, tuple] of entriesOf(doc.packages)) {
      const line = lines.lineOf(key);
      const ident = Array.isArray(tuple) ? str(tuple[0]) : undefined;
      if (ident === undefined || key === '' || key.split('/').includes('..')) {
        notes.push({ message: `skipped malformed package entry ${JSON.stringify(key).slice(0, 120)}`, line });
        continue;
      }
      const [name, spec] = splitIdent(ident);
      let kind: PackageSourceKind = npmSourceKind(spec) ?? 'registry';
      const segments = keySegments(key);
      const installed = segments.at(-1) as string;
      let version = spec;
      if (kind === 'git') version = gitRef(spec);
      if (kind === 'workspace') continue;
      if (kind === 'registry' && installed !== name) kind = 'alias';
      const meta = (tuple as unknown[]).find((x, i) => i > 0 && isObject(x));
      const node: GraphNode = { key, name, version, kind, deps: [] };
      if (line !== undefined) node.line = line;
      if (kind === 'alias') node.alias = installed;
      if (kind === 'git') node.vcsUrl = spec;
      nodes.set(key, node);
      const m = isObject(meta) ? meta : {};
      depNames.set(key, [
        ...stringMap(m.dependencies).keys(),
        ...stringMap(m.optionalDependencies).keys(),
        ...stringMap(m.peerDependencies).keys(),
      ]);
    }
    // A dependency of `a/b` is `a/b/c`, else `a/c`, else `c` (bun hoists like node_modules).
    const resolve = (fromKey: string, dep: string): string | undefined => {
      const segs = fromKey === '' ? [] : keySegments(fromKey);
      for (let n = segs.length; n >= 0; n--) {
        const candidate = [...segs.slice(0, n), dep].join('/');
        if (nodes.has(candidate)) return candidate;
      }
      return workspaceByName.get(dep);
    };
    for (const [key, names] of depNames) {
      (nodes.get(key) as GraphNode).deps = names.flatMap((d) => resolve(key, d) ?? []);
    }
    const roots: GraphRoot[] = [];
    // The root workspace's ranges first; a dependency only a member lists takes the member's.
    const ranges: Map<string, string>[] = [];
    for (const [dir, ws] of entriesOf(doc.workspaces)) {
      if (!isObject(ws)) continue;
      const m = manifestFromObject(ws);
      const name = m.name ?? (dir === '' ? rootNameFor(path) : basenameOf(dir));
      const root: GraphRoot = {
        name,
        prod: [...m.prod.keys()].flatMap((d) => resolve('', d) ?? []),
        dev: [...m.dev.keys()].flatMap((d) => resolve('', d) ?? []),
      };
      roots.push(root);
      if (dir === '') ranges.unshift(m.prod, m.dev);
      else ranges.push(m.prod, m.dev);
      if (dir !== '')
        nodes.set(`workspace:${dir}`, {
          key: `workspace:${dir}`,
          name,
          version: '',
          kind: 'workspace',
          deps: root.prod,
        });
    }
    if (roots.length === 0) roots.push(undependedRoot(rootNameFor(path), nodes));
    return buildInventory({
      path,
      format: 'bun.lock',
      ecosystem: 'npm',
      nodes,
      roots,
      declared: declaredFrom(...ranges),
      notes,
    });
  },
};
