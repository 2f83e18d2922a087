import { posix } from 'node:path';
import { skipGroup, skipStringOrGroup } from './expression.ts';
import { type Engine, engineNamed } from './engines.ts';

/** What the application's code says about its views, read from the text of its JS/TS files. */
export interface ViewSettings {
  /** `app.set('views', …)` folders that are constants of the program, relative to the scan root. */
  folders: string[];
  /** Extensions `app.set('view engine', …)` names, without the dot. */
  extensions: string[];
  /** Engines registered for extensions: `app.engine('html', cons.swig)`. */
  engines: Map<string, Engine>;
  /** Engines whose autoescaping the code turns off (`swig.setDefaults({ autoescape: false })`). */
  autoescapeOff: Set<Engine>;
}

/** Characters read for one call's arguments: settings are short, and the reading stays linear. */
const MAX_CALL = 2000;

/** The arguments of the call whose `(` is at `open`, split at top-level commas. */
function argumentsAt(source: string, open: number): string[] {
  const text = source.slice(open, open + MAX_CALL);
  const end = skipGroup(text, 0);
  const inner = text.slice(1, end - 1);
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '(' || c === '[' || c === '{' || c === '"' || c === "'" || c === '`') {
      i = skipStringOrGroup(inner, i) - 1;
    } else if (c === ',') {
      out.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(inner.slice(start).trim());
  return out;
}

/** A string literal's value (no placeholders), else undefined. */
function stringLiteral(expr: string): string | undefined {
  const q = expr[0];
  if ((q !== '"' && q !== "'" && q !== '`') || expr[expr.length - 1] !== q || expr.length < 2)
    return undefined;
  const s = expr.slice(1, -1);
  return s.includes(q) || s.includes('\\') || (q === '`' && s.includes('${')) ? undefined : s;
}

/**
 * A folder written with constants and `__dirname` (the file's folder): `'views'`,
 * `path.join(__dirname, 'views')`, `` `${__dirname}/app/views` ``, `__dirname + '/views'`.
 * Relative folders are taken from `base` (where the application starts). Undefined otherwise.
 */
export function constantFolder(expr: string, dir: string, base: string): string | undefined {
  const e = expr.trim();
  const call = /^(?:path\.)?(join|resolve)\s*\(/.exec(e);
  if (call && e.endsWith(')')) {
    const args = argumentsAt(e, call[0].length - 1);
    // `__dirname` anchors the path at the file's folder, `process.cwd()` at the start folder.
    const anchored =
      args[0] === '__dirname' || args[0] === 'process.cwd()' || args[0]?.startsWith('`${__dirname}');
    const parts = args.map((a) => (a === 'process.cwd()' ? base : constantFolder(a, dir, '.')));
    if (parts.some((p) => p === undefined)) return undefined;
    return posix.normalize(posix.join(anchored ? '.' : base, ...(parts as string[]))).replace(/^\.\//, '');
  }
  const pieces: string[] = [];
  let absolute = false;
  for (const raw of e.split('+')) {
    const piece = raw.trim();
    if (piece === '__dirname') {
      pieces.push(dir);
      absolute = true;
    } else if (piece.startsWith('`${__dirname}')) {
      const rest = stringLiteral(`\`${piece.slice('`${__dirname}'.length)}`);
      if (rest === undefined) return undefined;
      pieces.push(dir + rest);
      absolute = true;
    } else {
      const s = stringLiteral(piece);
      if (s === undefined) return undefined;
      pieces.push(s);
    }
  }
  const joined = pieces.join('');
  if (joined.startsWith('/') && !absolute) return undefined;
  return posix.normalize(absolute ? joined : posix.join(base, joined)).replace(/^\.\//, '');
}

/**
 * Reads `app.set('views' | 'view engine', …)`, `app.engine(ext, …)` and `autoescape: false` from the
 * code. `baseOf` gives the folder a file's relative paths are taken from (its package's root).
 */
export function viewSettings(
  texts: ReadonlyMap<string, string>,
  baseOf: (path: string) => string,
): ViewSettings {
  const out: ViewSettings = { folders: [], extensions: [], engines: new Map(), autoescapeOff: new Set() };
  for (const [path, text] of texts) {
    const dir = posix.dirname(path);
    if (text.includes('views') || text.includes('view engine')) {
      for (let at = text.indexOf('.set('); at >= 0; at = text.indexOf('.set(', at + 5)) {
        const args = argumentsAt(text, at + 4);
        const key = stringLiteral(args[0] ?? '');
        if (args.length < 2) continue;
        if (key === 'views') {
          const folder = constantFolder(args[1]!, dir, baseOf(path));
          if (folder !== undefined) out.folders.push(folder === '' ? '.' : folder);
        } else if (key === 'view engine') {
          const ext = stringLiteral(args[1]!);
          if (ext) out.extensions.push(ext.replace(/^\./, '').toLowerCase());
        }
      }
    }
    for (let at = text.indexOf('.engine('); at >= 0; at = text.indexOf('.engine(', at + 8)) {
      const args = argumentsAt(text, at + 7);
      const ext = stringLiteral(args[0] ?? '');
      const engine = engineNamed(args[1] ?? '');
      if (ext && engine) out.engines.set(ext.replace(/^\./, '').toLowerCase(), engine);
    }
    const off = /autoescape['"]?\s*:\s*false/.exec(text);
    if (off) {
      const engine = engineNamed(
        text.includes('swig') ? 'swig' : text.includes('nunjucks') ? 'nunjucks' : '',
      );
      if (engine) out.autoescapeOff.add(engine);
    }
  }
  return out;
}
