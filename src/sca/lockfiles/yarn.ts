import { createRequire } from 'node:module';
import { parseSyml } from '@yarnpkg/parsers';
import type { ExtractContext, LockfileExtractor, LockfileInventory, PackageSourceKind } from '../types.ts';
import { LockfileError } from '../types.ts';
import { buildInventory, declaredFrom, undependedRoot, type GraphNode, type GraphRoot } from './graph.ts';
import { readSiblingPackageJson, workspaceMemberDirs, type NpmManifest } from './manifest.ts';
import { gitRef, npmSourceKind, parseNpmAlias } from './npm-kind.ts';
import { basenameOf, entriesOf, isObject, rootNameFor, str, stringMap } from './text.ts';

// A CommonJS module whose default export bundlers and Node's ESM loader shape differently; require is stable.
const lockfileV1 = createRequire(import.meta.url)('@yarnpkg/lockfile') as {
  parse(text: string): { type: string; object: Record<string, unknown> };
};

/** `name@range` → [name, range]; the name may be scoped (`@s/n@^1`). */
function splitDescriptor(d: string): [string, string] {
  const at = d.indexOf('@', 1);
  return at === -1 ? [d, ''] : [d.slice(0, at), d.slice(at + 1)];
}

/** Line of every descriptor in the file's top-level keys (`"a@^1", a@^1.1:`). */
function descriptorLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let n = 0;
  for (const line of text.split('\n')) {
    n++;
    if (line === '' || line.startsWith(' ') || line.startsWith('#') || !line.trimEnd().endsWith(':'))
      continue;
    // Berry quotes the whole list (`"a@npm:^1, a@npm:^2":`), v1 each descriptor (`"a@^1", a@^2:`).
    for (const raw of line.trimEnd().slice(0, -1).split(',')) {
      const d = raw.trim().replace(/^"|"$/g, '');
      if (d !== '' && !lines.has(d)) lines.set(d, n);
    }
  }
  return lines;
}

function errorLine(e: unknown): { message: string; line?: number } {
  const message = e instanceof Error ? e.message : String(e);
  const pos = /\((\d+):\d+\)|:(\d+):\d+/.exec(message);
  const first = message.split('\n')[0] ?? message;
  return pos ? { message: first, line: Number(pos[1] ?? pos[2]) } : { message: first };
}

interface Resolved {
  node: GraphNode;
  depSpecs: [string, string][];
}

function rootFrom(
  name: string,
  manifest: NpmManifest | undefined,
  lookup: (dep: string, range: string) => string | undefined,
): { name: string; prod: string[]; dev: string[] } | undefined {
  if (!manifest || manifest.prod.size + manifest.dev.size === 0) return undefined;
  const keys = (m: Map<string, string>): string[] =>
    [...m].flatMap(([dep, range]) => lookup(dep, range) ?? []);
  return { name, prod: keys(manifest.prod), dev: keys(manifest.dev) };
}

/**
 * @yarnpkg/lockfile's tokenizer scans for the end of a string or comment past the end of its input
 * (an unterminated `"` or a final comment without a newline spins until the string length limit).
 * Real v1 lockfiles keep every string on one line, so check that first and end the text with a newline.
 */
function assertV1Tokenizable(path: string, text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trimStart().startsWith('#')) continue;
    let quotes = 0;
    // The tokenizer's own rule: a quote is escaped by one backslash, not by two.
    for (let j = line.indexOf('"'); j !== -1; j = line.indexOf('"', j + 1)) {
      if (!(line[j - 1] === '\\' && line[j - 2] !== '\\')) quotes++;
    }
    if (quotes % 2 !== 0) throw new LockfileError(path, 'unterminated string', i + 1);
  }
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** yarn.lock v1, through Yarn's own parser. */
function extractV1(path: string, text: string, context?: ExtractContext): LockfileInventory {
  let parsed: { type: string; object: Record<string, unknown> };
  const safe = assertV1Tokenizable(path, text);
  try {
    parsed = lockfileV1.parse(safe);
  } catch (e) {
    const { message, line } = errorLine(e);
    throw new LockfileError(path, `not a valid yarn.lock v1: ${message}`, line);
  }
  if (parsed.type === 'conflict') throw new LockfileError(path, 'contains unresolved merge conflicts');
  const lines = descriptorLines(text);
  const byEntry = new Map<unknown, Resolved>();
  const byDescriptor = new Map<string, string>();
  for (const [descriptor, value] of entriesOf(parsed.object)) {
    if (!isObject(value)) continue;
    const existing = byEntry.get(value);
    if (existing) {
      byDescriptor.set(descriptor, existing.node.key);
      continue;
    }
    const [installedName, range] = splitDescriptor(descriptor);
    const aliased = parseNpmAlias(range);
    const version = str(value.version) ?? '';
    const resolved = str(value.resolved) ?? '';
    let kind: PackageSourceKind =
      npmSourceKind(aliased?.range ?? range) ??
      (resolved.startsWith('https://codeload.') || resolved.startsWith('git') ? 'git' : 'registry');
    if (kind === 'alias' || (aliased && kind === 'registry')) kind = 'alias';
    const name = aliased?.name ?? installedName;
    const node: GraphNode = {
      key: `${descriptor}`,
      name,
      version: version || (kind === 'git' ? gitRef(resolved || range) : ''),
      kind,
      deps: [],
    };
    const line = lines.get(descriptor);
    if (line !== undefined) node.line = line;
    if (aliased) node.alias = installedName;
    if (kind === 'git') node.vcsUrl = resolved || range;
    byEntry.set(value, {
      node,
      depSpecs: [...stringMap(value.dependencies), ...stringMap(value.optionalDependencies)],
    });
    byDescriptor.set(descriptor, node.key);
  }
  const nodes = new Map<string, GraphNode>();
  for (const { node, depSpecs } of byEntry.values()) {
    node.deps = depSpecs.flatMap(([d, r]) => byDescriptor.get(`${d}@${r}`) ?? []);
    nodes.set(node.key, node);
  }
  const manifest = readSiblingPackageJson(path, context);
  const rootName = manifest?.name ?? rootNameFor(path);
  const lookup = (d: string, r: string): string | undefined => byDescriptor.get(`${d}@${r}`);
  const root = rootFrom(rootName, manifest, lookup);
  // Yarn v1 does not lock workspace members; their package.json files say what they list.
  const members = workspaceMemberDirs(path, manifest?.workspaces ?? [], context).flatMap((dir) => {
    const m = readSiblingPackageJson(path, context, `${dir}/package.json`);
    return rootFrom(m?.name ?? dir, m, lookup) ?? [];
  });
  const roots =
    root || members.length > 0 ? [...(root ? [root] : []), ...members] : [undependedRoot(rootName, nodes)];
  return buildInventory({
    path,
    format: 'yarn.lock v1',
    ecosystem: 'npm',
    nodes,
    roots,
    declared: manifest ? declaredFrom(manifest.prod, manifest.dev) : undefined,
  });
}

/** `name@protocol:…` resolution → name, kind and the registry name for patched packages. */
function berryResolution(resolution: string): { name: string; kind: PackageSourceKind; ref: string } {
  const [name, rest] = splitDescriptor(resolution);
  if (rest.startsWith('patch:')) {
    // patch:typescript@npm%3A5.0.0#… → the patched registry package
    const inner = decodeURIComponent(rest.slice(6).split('#')[0] ?? '');
    const [innerName, innerRange] = splitDescriptor(inner);
    return { ...berryResolution(`${innerName}@${innerRange}`), name: innerName || name };
  }
  if (rest.startsWith('npm:')) return { name, kind: 'registry', ref: rest };
  if (rest.startsWith('workspace:')) return { name, kind: 'workspace', ref: rest.slice(10) };
  if (rest.startsWith('portal:') || rest.startsWith('link:')) return { name, kind: 'link', ref: rest };
  if (rest.startsWith('file:') || rest.startsWith('exec:')) return { name, kind: 'file', ref: rest };
  if (rest.includes('#commit=') || npmSourceKind(rest) === 'git') return { name, kind: 'git', ref: rest };
  return { name, kind: 'registry', ref: rest };
}

/** Yarn Berry (v2+), through Yarn's own SYML parser. */
function extractBerry(
  path: string,
  doc: Record<string, unknown>,
  text: string,
  context?: ExtractContext,
): LockfileInventory {
  const lines = descriptorLines(text);
  const nodes = new Map<string, GraphNode>();
  const byDescriptor = new Map<string, string>();
  const depSpecs = new Map<string, [string, string][]>();
  const workspaces: { node: GraphNode; dir: string }[] = [];
  for (const [keyList, value] of entriesOf(doc)) {
    if (keyList === '__metadata' || !isObject(value)) continue;
    const resolution = str(value.resolution);
    if (resolution === undefined) continue;
    const descriptors = keyList
      .split(',')
      .map((d) => d.trim())
      .filter((d) => d !== '');
    const first = descriptors[0] ?? resolution;
    const res = berryResolution(resolution);
    let kind = res.kind;
    const [installedName] = splitDescriptor(first);
    const isAlias = installedName !== res.name && kind === 'registry';
    if (isAlias) kind = 'alias';
    const node: GraphNode = {
      key: resolution,
      name: res.name,
      version: kind === 'git' && !str(value.version) ? gitRef(res.ref) : (str(value.version) ?? ''),
      kind,
      deps: [],
    };
    if (isAlias) node.alias = installedName;
    if (kind === 'git') node.vcsUrl = res.ref;
    const line = lines.get(first);
    if (line !== undefined) node.line = line;
    nodes.set(resolution, node);
    for (const d of descriptors) byDescriptor.set(d, resolution);
    depSpecs.set(resolution, [...stringMap(value.dependencies)]);
    if (kind === 'workspace') workspaces.push({ node, dir: res.ref });
  }
  const lookup = (dep: string, range: string): string | undefined =>
    byDescriptor.get(`${dep}@${range}`) ?? byDescriptor.get(`${dep}@npm:${range}`);
  for (const node of nodes.values()) {
    node.deps = (depSpecs.get(node.key) ?? []).flatMap(([d, r]) => lookup(d, r) ?? []);
  }
  const manifest = readSiblingPackageJson(path, context);
  const roots: GraphRoot[] = [];
  let declared: Record<string, string> | undefined;
  for (const { node, dir } of workspaces) {
    const member = dir === '.' ? manifest : readSiblingPackageJson(path, context, `${dir}/package.json`);
    // Berry merges a workspace's dev dependencies into `dependencies`; only its package.json tells
    // them apart (a name in both counts as production).
    const own = depSpecs.get(node.key) ?? [];
    const isDev = ([d]: [string, string]): boolean =>
      member !== undefined && member.dev.has(d) && !member.prod.has(d);
    const resolveAll = (specs: [string, string][]): string[] => specs.flatMap(([d, r]) => lookup(d, r) ?? []);
    const root: GraphRoot = {
      name: member?.name ?? node.name,
      prod: resolveAll(own.filter((s) => !isDev(s))),
      dev: resolveAll(own.filter(isDev)),
    };
    node.deps = root.prod;
    // A trimmed root workspace listing nothing that resolves says nothing about what is direct.
    roots.push(
      dir === '.' && root.prod.length + root.dev.length === 0 ? undependedRoot(root.name, nodes) : root,
    );
    if (dir === '.') {
      nodes.delete(node.key);
      declared = member ? declaredFrom(member.prod, member.dev) : Object.fromEntries(own);
    }
  }
  if (roots.length === 0) roots.push(undependedRoot(manifest?.name ?? rootNameFor(path), nodes));
  return buildInventory({ path, format: 'yarn.lock berry', ecosystem: 'npm', nodes, roots, declared });
}

export const yarnLock: LockfileExtractor = {
  format: 'yarn.lock',
  ecosystem: 'npm',
  matches: (p) => basenameOf(p) === 'yarn.lock',
  extract(path: string, text: string, context?: ExtractContext): LockfileInventory {
    // Berry files carry `__metadata`; v1 files never do.
    if (!/^__metadata:/m.test(text)) return extractV1(path, text, context);
    let doc: unknown;
    try {
      doc = parseSyml(text);
    } catch (e) {
      const { message, line } = errorLine(e);
      throw new LockfileError(path, `not a valid Yarn Berry lockfile: ${message}`, line);
    }
    if (!isObject(doc))
      throw new LockfileError(path, 'not a valid Yarn Berry lockfile: expected a mapping', 1);
    return extractBerry(path, doc, text, context);
  },
};
