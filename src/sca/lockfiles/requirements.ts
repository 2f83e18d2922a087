import type { ExtractContext, LockfileExtractor, LockfileInventory, Package } from '../types.ts';
import { LockfileError } from '../types.ts';
import { buildInventory, type GraphNode } from './graph.ts';
import { normalizePypiName } from './python.ts';
import { basenameOf, siblingPath } from './text.ts';

const MAX_INCLUDE_DEPTH = 16;

interface Requirement {
  name: string;
  version: string;
  source: string;
  line: number;
}

type Note = { message: string; line?: number };

/** Logical lines: `\` continuations joined, comments dropped, each with its first physical line. */
function logicalLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let buf = '';
  let start = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i] as string;
    if (buf === '') start = i + 1;
    // A `#` starts a comment at the line start or after whitespace (URLs keep their fragments).
    l = l.replace(/(^|\s)#.*$/, '');
    if (l.endsWith('\\')) {
      buf += l.slice(0, -1) + ' ';
      continue;
    }
    buf += l;
    if (buf.trim() !== '') out.push({ text: buf.trim(), line: start });
    buf = '';
  }
  if (buf.trim() !== '') out.push({ text: buf.trim(), line: start });
  return out;
}

function parseFile(
  path: string,
  text: string,
  context: ExtractContext | undefined,
  seen: Set<string>,
  depth: number,
  reqs: Requirement[],
  notes: Note[],
  top: string,
): void {
  const note = (message: string, line: number): void => {
    notes.push(path === top ? { message, line } : { message: `${message} (in ${path}:${line})` });
  };
  for (const { text: l, line } of logicalLines(text)) {
    const include = /^(?:-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/.exec(l);
    if (include) {
      const isConstraint = l.startsWith('-c') || l.startsWith('--constraint');
      const target = siblingPath(path, include[1] as string);
      if (isConstraint) continue;
      if (target === undefined) {
        note(`include ${include[1]} points outside the scanned tree; not read`, line);
        continue;
      }
      if (seen.has(target)) continue;
      const included = context?.readFile(target);
      if (included === undefined) {
        note(`included file ${target} was not found in the scanned tree`, line);
        continue;
      }
      if (depth >= MAX_INCLUDE_DEPTH)
        throw new LockfileError(path, `includes nested deeper than ${MAX_INCLUDE_DEPTH}`, line);
      seen.add(target);
      parseFile(target, included, context, seen, depth + 1, reqs, notes, top);
      continue;
    }
    if (l.startsWith('-')) {
      if (/^(-e|--editable)\b/.test(l)) note(`editable requirement not matched`, line);
      continue;
    }
    // Per-requirement options and environment markers do not change what is installed here.
    const spec =
      l
        .replace(/\s--hash[=\s]\S+/g, '')
        .replace(/\s--\S+(=\S+)?/g, '')
        .split(';')[0]
        ?.trim() ?? '';
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$/.exec(spec);
    if (!m || /^[a-z+]+:\/\//i.test(spec) || spec.includes('/')) {
      note(`not a pinned PyPI requirement (URL or path); not matched`, line);
      continue;
    }
    const constraint = (m[2] ?? '').trim();
    const pinned = /^===?\s*([^\s,=<>!~*]+)$/.exec(constraint);
    if (!pinned) {
      note(`${m[1]}${constraint ? ` ${constraint}` : ''} is not pinned with ==; not matched`, line);
      continue;
    }
    reqs.push({ name: normalizePypiName(m[1] as string), version: pinned[1] as string, source: path, line });
  }
}

export const requirementsTxt: LockfileExtractor = {
  format: 'requirements.txt',
  ecosystem: 'PyPI',
  matches: (p) => /^requirements.*\.txt$/i.test(basenameOf(p)) || /\.requirements\.txt$/i.test(basenameOf(p)),
  extract(path: string, text: string, context?: ExtractContext): LockfileInventory {
    if (text.includes('\0')) throw new LockfileError(path, 'binary content, not a requirements file', 1);
    const reqs: Requirement[] = [];
    const notes: Note[] = [];
    parseFile(path, text, context, new Set([path]), 0, reqs, notes, path);
    const nodes = new Map<string, GraphNode>();
    const sources = new Map<string, Requirement>();
    for (const r of reqs) {
      const key = `${r.name}@${r.version}`;
      if (nodes.has(key)) continue;
      nodes.set(key, { key, name: r.name, version: r.version, kind: 'registry', line: r.line, deps: [] });
      sources.set(key, r);
    }
    const dev = /dev|test/i.test(basenameOf(path));
    const keys = [...nodes.keys()];
    const inv = buildInventory({
      path,
      format: 'requirements.txt',
      ecosystem: 'PyPI',
      nodes,
      roots: [{ name: basenameOf(path), prod: dev ? [] : keys, dev: dev ? keys : [] }],
      notes,
    });
    // A package from an included file is reported where it is written.
    inv.packages.forEach((p: Package, i) => {
      const r = sources.get(keys[i] as string);
      if (r) p.source = r.source;
    });
    return inv;
  },
};
