import type { ExtractContext, LockfileExtractor, LockfileInventory } from '../types.ts';
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

/** `1.22`, `1.22.3`, `go1.22.3`, `1.23rc1`: the release part, or undefined. */
function release(v: string | undefined): { major: string; patch?: string } | undefined {
  const m = v?.replace(/^go/, '').match(/^(\d+\.\d+)(?:\.(\d+))?/);
  return m ? { major: m[1]!, ...(m[2] !== undefined ? { patch: m[2] } : {}) } : undefined;
}

/**
 * The standard library's version (the toolchain's advisories are filed under the package `stdlib`),
 * as osv-scanner takes it: the configured `sca.goVersion`, else `toolchain`, else `go`. A `go 1.22`
 * directive is a language version, not a release: it is taken as 1.22.0, the oldest toolchain that
 * accepts it, and a note says so and how to name the real one.
 */
function stdlibVersion(
  configured: string | undefined,
  toolchain: string | undefined,
  go: string | undefined,
): { version: string; note?: string } | undefined {
  const chosen = release(configured) ?? release(toolchain) ?? release(go);
  if (!chosen) return undefined;
  const version = `${chosen.major}.${chosen.patch ?? '0'}`;
  if (chosen.patch !== undefined || release(configured) || release(toolchain)) return { version };
  return {
    version,
    note: `stdlib taken as Go ${version} from the language version "go ${go}"; set sca.goVersion to the Go release that builds this module for exact advisories`,
  };
}

export const goMod: LockfileExtractor = {
  format: 'go.mod',
  ecosystem: 'Go',
  matches: (p) => basenameOf(p) === 'go.mod',
  extract(path: string, text: string, context?: ExtractContext): LockfileInventory {
    let module: string | undefined;
    let goVersion: string | undefined;
    let goLine: number | undefined;
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
          goLine = n;
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
    const stdlib = stdlibVersion(context?.goVersion, toolchain, goVersion);
    if (stdlib !== undefined) {
      nodes.set('stdlib', {
        key: 'stdlib',
        name: 'stdlib',
        version: stdlib.version,
        kind: 'registry',
        deps: [],
      });
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
    if (stdlib?.note) (inv.notes ??= []).push({ message: stdlib.note, ...(goLine ? { line: goLine } : {}) });
    return inv;
  },
};
