import { lineReader } from './snippet.ts';
import type { FileImports } from './types.ts';

/**
 * The name a Go package is referred to by when imported without an alias: the last path element,
 * without a `.vN` suffix (`gopkg.in/yaml.v2` → `yaml`), a major-version element (`…/v5` → the
 * element before it) or a `go-` prefix (`github.com/go-git/go-git/v5` → `git`).
 */
export function goPackageName(importPath: string): string {
  const parts = importPath.split('/');
  let last = parts.pop() ?? importPath;
  if (/^v\d+$/.test(last) && parts.length) last = parts.pop()!;
  return last
    .replace(/\.v\d+$/, '')
    .replace(/^go-/, '')
    .replace(/[^\w]/g, '_');
}

/** A word (identifier, keyword or number), a string literal, or one of `(`, `)`, `.`. */
interface Token {
  kind: 'word' | 'string' | 'punct';
  text: string;
  offset: number;
}

const WORD_CHAR = /[\w]/;

/**
 * Go source as tokens, comments skipped, strings and runes as one token each (their value in
 * `text`). One linear pass; an unterminated literal or comment runs to the end of the text.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && !(c !== '`' && text[j] === '\n'))
        j += text[j] === '\\' && c !== '`' ? 2 : 1;
      tokens.push({ kind: 'string', text: text.slice(i + 1, Math.min(j, text.length)), offset: i });
      i = j + 1;
    } else if (WORD_CHAR.test(c)) {
      let j = i + 1;
      while (j < text.length && WORD_CHAR.test(text[j]!)) j++;
      tokens.push({ kind: 'word', text: text.slice(i, j), offset: i });
      i = j;
    } else {
      if (c === '(' || c === ')' || c === '.') tokens.push({ kind: 'punct', text: c, offset: i });
      i++;
    }
  }
  return tokens;
}

const DECLARATION = new Set(['func', 'var', 'const', 'type']);

/**
 * Imports of a Go file (`import "p"`, `import alias "p"`, `import ( … )` blocks) and every
 * `name.Symbol` written through an imported package's name. Dot and blank imports load the package
 * (it counts as imported) but give no name to match symbols by. A hand-written linear scan: Go's
 * import syntax is small. Without type information a method (`Conn.Read`) is not matched.
 */
export function goImports(text: string): FileImports {
  const tokens = tokenize(text);
  const lines = lineReader(text);
  const out: FileImports = { imports: [], uses: [] };
  const byName = new Map<string, number>();
  const addImport = (path: Token, alias: string | undefined) => {
    const line = lines.line(path.offset);
    out.imports.push({ module: path.text, specifier: path.text, line, snippet: lines.snippet(line) });
    const name = alias ?? goPackageName(path.text);
    if (name !== '_' && name !== '.') byName.set(name, out.imports.length - 1);
  };
  /** One import spec at `i`: an optional name (`alias`, `_`, `.`) then the path. Returns the next index. */
  const spec = (i: number): number => {
    const first = tokens[i];
    if (first?.kind === 'string') {
      addImport(first, undefined);
      return i + 1;
    }
    const path = tokens[i + 1];
    if (first && (first.kind === 'word' || first.text === '.') && path?.kind === 'string') {
      addImport(path, first.text);
      return i + 2;
    }
    return i + 1;
  };

  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === 'word' && DECLARATION.has(t.text)) break;
    if (t.kind === 'word' && t.text === 'import') {
      if (tokens[i + 1]?.text === '(') {
        i += 2;
        while (i < tokens.length && tokens[i]!.text !== ')') i = spec(i);
        i++;
      } else i = spec(i + 1);
      continue;
    }
    i++;
  }
  for (; i + 2 < tokens.length; i++) {
    const t = tokens[i]!;
    const before = tokens[i - 1];
    if (t.kind !== 'word' || (before?.kind === 'punct' && before.text === '.')) continue;
    const index = byName.get(t.text);
    const dot = tokens[i + 1]!;
    const member = tokens[i + 2]!;
    if (index === undefined || dot.text !== '.' || member.kind !== 'word') continue;
    const line = lines.line(t.offset);
    out.uses.push({ importIndex: index, symbol: member.text, line, snippet: lines.snippet(line) });
  }
  return out;
}
