import type { LockfileExtractor, LockfileInventory } from '../types.ts';
import { LockfileError } from '../types.ts';
import { buildInventory, type GraphNode } from './graph.ts';
import { basenameOf } from './text.ts';

interface Require {
  path: string;
  version: string;
  indirect: boolean;
  line: number;
}

interface Replace {
  oldPath: string;
  oldVersion?: string;
  newPath: string;
  newVersion?: string;
}

/** Splits a go.mod line into tokens; Go allows quoted module paths. */
function tokens(line: string): string[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** Go module versions carry a `v`; OSV's Go records do not. */
function osvVersion(v: string): string {
  return v.replace(/^v/, '');
}

export const goMod: LockfileExtractor = {
  format: 'go.mod',
  ecosystem: 'Go',
  matches: (p) => basenameOf(p) === 'go.mod',
  extract(path: string, text: string): LockfileInventory {
    let module: string | undefined;
    let goVersion: string | undefined;
    let toolchain: string | undefined;
    const requires: Require[] = [];
    const replaces: Replace[] = [];
    let block: string | undefined;
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i] as string;
      const n = i + 1;
      const comment = raw.indexOf('//');
      const indirect = comment !== -1 && /^\/\/\s*indirect\b/.test(raw.slice(comment).trim());
      const code = (comment === -1 ? raw : raw.slice(0, comment)).trim();
      if (code === '') continue;
      let t = tokens(code);
      if (block !== undefined) {
        if (code === ')') {
          block = undefined;
          continue;
        }
        t = [block, ...t];
      } else if (t[1] === '(' && t.length === 2) {
        block = t[0];
        continue;
      }
      const [verb, ...args] = t;
      switch (verb) {
        case 'module':
          module = args[0];
          break;
        case 'go':
          goVersion = args[0];
          break;
        case 'toolchain':
          toolchain = args[0];
          break;
        case 'require':
          if (args.length < 2) throw new LockfileError(path, `malformed require: ${code.slice(0, 120)}`, n);
          requires.push({
            path: args[0] as string,
            version: osvVersion(args[1] as string),
            indirect,
            line: n,
          });
          break;
        case 'replace': {
          const arrow = args.indexOf('=>');
          if (arrow < 1 || arrow > 2 || args.length < arrow + 2) {
            throw new LockfileError(path, `malformed replace: ${code.slice(0, 120)}`, n);
          }
          const r: Replace = { oldPath: args[0] as string, newPath: args[arrow + 1] as string };
          if (arrow === 2) r.oldVersion = osvVersion(args[1] as string);
          const nv = args[arrow + 2];
          if (nv !== undefined) r.newVersion = osvVersion(nv);
          replaces.push(r);
          break;
        }
        case 'exclude':
        case 'retract':
        case 'godebug':
        case 'tool':
        case 'ignore':
          break;
        default:
          throw new LockfileError(path, `unknown directive ${JSON.stringify(verb).slice(0, 60)}`, n);
      }
    }
    if (block !== undefined) throw new LockfileError(path, `unterminated ${block} block`, lines.length);
    const nodes = new Map<string, GraphNode>();
    const prod: string[] = [];
    const direct = new Set<string>();
    const replacesByPath = new Map<string, Replace[]>();
    for (const r of replaces) {
      const list = replacesByPath.get(r.oldPath);
      if (list) list.push(r);
      else replacesByPath.set(r.oldPath, [r]);
    }
    for (const req of requires) {
      // A replace naming the version wins over one for every version of the module (as in Go).
      const candidates = replacesByPath.get(req.path) ?? [];
      const rep =
        candidates.find((r) => r.oldVersion === req.version) ??
        candidates.find((r) => r.oldVersion === undefined);
      const local = rep !== undefined && rep.newVersion === undefined;
      const name = rep && !local ? rep.newPath : req.path;
      const version = rep && !local ? (rep.newVersion as string) : req.version;
      const key = `${name}@${version}`;
      if (!nodes.has(key)) {
        nodes.set(key, { key, name, version, kind: local ? 'file' : 'registry', line: req.line, deps: [] });
        prod.push(key);
      }
      if (!req.indirect) direct.add(key);
    }
    // The Go toolchain's standard library has advisories of its own, under the package name `stdlib`.
    // Only a full release (`toolchain go1.23.6`, `go 1.22.3`) says which one builds the module;
    // `go 1.16` is a language version and would flag every 1.16.x advisory.
    const stdlib = (toolchain?.replace(/^go/, '') ?? goVersion)?.match(/^\d+\.\d+\.\d+/)?.[0];
    if (stdlib !== undefined) {
      nodes.set('stdlib', { key: 'stdlib', name: 'stdlib', version: stdlib, kind: 'registry', deps: [] });
      prod.push('stdlib');
      direct.add('stdlib');
    }
    const inv = buildInventory({
      path,
      format: 'go.mod',
      ecosystem: 'Go',
      nodes,
      roots: [{ name: module ?? basenameOf(path), prod, dev: [] }],
    });
    // go.mod lists the whole build list without its graph: `// indirect` is all it says.
    for (const p of inv.packages) p.direct = direct.has(`${p.name}@${p.version}`) || p.name === 'stdlib';
    return inv;
  },
};
