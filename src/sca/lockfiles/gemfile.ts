import type { LockfileExtractor, LockfileInventory, PackageSourceKind } from '../types.ts';
import { LockfileError } from '../types.ts';
import { buildInventory, undependedRoot, type GraphNode, type GraphRoot } from './graph.ts';
import { basenameOf, rootNameFor } from './text.ts';

const SOURCES: Record<string, PackageSourceKind> = {
  GEM: 'registry',
  GIT: 'git',
  PATH: 'file',
  PLUGIN: 'registry',
};

/** `name (1.2.3-x86_64-linux)` → name and version without the platform (RubyGems versions never hold `-`). */
function spec(line: string): { name: string; version?: string } | undefined {
  const m = /^([^\s(!]+)(?:\s+\(([^)]*)\))?(!)?\s*$/.exec(line.trim());
  if (!m) return undefined;
  const name = m[1] as string;
  return m[2] === undefined ? { name } : { name, version: m[2] };
}

export const gemfileLock: LockfileExtractor = {
  format: 'Gemfile.lock',
  ecosystem: 'RubyGems',
  matches: (p) => ['Gemfile.lock', 'gems.locked'].includes(basenameOf(p)),
  extract(path: string, text: string): LockfileInventory {
    if (text.includes('\0')) throw new LockfileError(path, 'binary content, not a Gemfile.lock', 1);
    const nodes = new Map<string, GraphNode>();
    const byName = new Map<string, string>();
    const depNames = new Map<string, string[]>();
    const directNames: string[] = [];
    let section = '';
    let kind: PackageSourceKind = 'registry';
    let remote = '';
    let inSpecs = false;
    let current: string | undefined;
    let sawSection = false;
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const n = i + 1;
      if (line.trim() === '') continue;
      if (/^\S/.test(line)) {
        section = line.trim();
        sawSection = true;
        kind = SOURCES[section] ?? 'registry';
        inSpecs = false;
        current = undefined;
        remote = '';
        continue;
      }
      if (!sawSection)
        throw new LockfileError(path, 'indented line before any section: not a Gemfile.lock', n);
      const indent = /^ */.exec(line)?.[0].length ?? 0;
      if (section in SOURCES) {
        if (indent === 2 && line.trim() === 'specs:') inSpecs = true;
        else if (indent === 2 && line.trim().startsWith('remote:')) remote = line.trim().slice(7).trim();
        else if (inSpecs && indent === 4) {
          const s = spec(line);
          if (!s || s.version === undefined)
            throw new LockfileError(path, `malformed gem spec: ${line.trim().slice(0, 120)}`, n);
          const version = s.version.split('-')[0] as string;
          const key = `${s.name}@${version}`;
          current = key;
          if (nodes.has(key)) continue; // the same gem for another platform
          const node: GraphNode = { key, name: s.name, version, kind, line: n, deps: [] };
          if (kind === 'git') node.vcsUrl = remote;
          nodes.set(key, node);
          if (!byName.has(s.name)) byName.set(s.name, key);
          depNames.set(key, []);
        } else if (inSpecs && indent === 6 && current !== undefined) {
          const s = spec(line);
          if (s) depNames.get(current)?.push(s.name);
        }
      } else if (section === 'DEPENDENCIES' && indent === 2) {
        const s = spec(line);
        if (s) directNames.push(s.name);
      }
    }
    for (const [key, names] of depNames) {
      (nodes.get(key) as GraphNode).deps = names.flatMap((d) => byName.get(d) ?? []);
    }
    // Gemfile groups (development, test) are not recorded in the lockfile: everything counts as production.
    const rootName = rootNameFor(path);
    const root: GraphRoot =
      directNames.length > 0
        ? { name: rootName, prod: directNames.flatMap((d) => byName.get(d) ?? []), dev: [] }
        : undependedRoot(rootName, nodes);
    return buildInventory({ path, format: 'Gemfile.lock', ecosystem: 'RubyGems', nodes, roots: [root] });
  },
};
