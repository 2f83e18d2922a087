import type { OsvRecord } from '../osv/schema.ts';

/** A function an advisory names as vulnerable. */
export interface VulnerableSymbol {
  /** Go: the import path the symbol is in (`golang.org/x/crypto/ssh`); npm: undefined (any import of the package). */
  importPath?: string;
  /** `template`; Go: `NewServerConn` or a method as `Conn.Read`. */
  name: string;
}

export interface AdvisorySymbols {
  symbols: VulnerableSymbol[];
  from: 'osv' | 'advisory-text';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
const MAX_SYMBOLS = 50;

/** OSV `affected[].ecosystem_specific.imports[].symbols` of the affected entries naming this package. */
function structuredSymbols(record: OsvRecord, ecosystem: string, name: string): VulnerableSymbol[] {
  const out: VulnerableSymbol[] = [];
  for (const a of record.affected ?? []) {
    if (a.package?.ecosystem !== ecosystem || a.package.name !== name) continue;
    const imports = a.ecosystem_specific?.imports;
    if (!Array.isArray(imports)) continue;
    for (const imp of imports) {
      if (!isObject(imp) || typeof imp.path !== 'string' || !Array.isArray(imp.symbols)) continue;
      for (const s of imp.symbols)
        if (typeof s === 'string' && s.length <= 200 && out.length < MAX_SYMBOLS)
          out.push({ importPath: imp.path, name: s });
    }
  }
  return out;
}

/** Code words that are not a package's functions: language words, globals, prototype-pollution keys. */
const NOT_A_FUNCTION = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'Object',
  'Array',
  'Function',
  'JSON',
  'RegExp',
  'String',
  'Promise',
  'eval',
  'require',
  'import',
  'console',
  'process',
  'window',
  'document',
  'this',
  'true',
  'false',
  'null',
  'undefined',
  'toString',
  'valueOf',
  'length',
  'log',
  'alert',
]);
/** `package.json`, `index.js`: files, not functions. */
const FILE_EXTENSION = /\.(?:[cm]?[jt]sx?|json|md|html?|ya?ml|lock|txt|d\.ts)$/i;

/**
 * The function a code word names: `_.template()` → `template`, `lodash.merge` → `merge`,
 * `marked()` → `default` when the word is the package's own name. Undefined for a word that is no
 * function name (a file, a sentence, an option object).
 */
function functionOf(word: string, packageName: string): string | undefined {
  const w = word.trim();
  if (w.length === 0 || w.length > 80 || FILE_EXTENSION.test(w)) return undefined;
  const open = w.indexOf('(');
  const callee = open === -1 ? w : w.slice(0, open);
  if (open !== -1 && !w.endsWith(')')) return undefined;
  const parts = callee.split('.');
  if (!parts.every((p) => IDENT.test(p))) return undefined;
  const last = parts[parts.length - 1]!;
  const bare = packageName
    .replace(/^@[^/]+\//, '')
    .toLowerCase()
    .replace(/[-_.]/g, '');
  // `lodash` names the package; `marked()` calls what it exports
  if (parts.length === 1 && last.toLowerCase() === bare) return open === -1 ? undefined : 'default';
  if (NOT_A_FUNCTION.has(last) || last.length < 2) return undefined;
  return last;
}

/** Words that stand before "function" in prose without naming one ("the vulnerable function"). */
const NOT_A_NAME = new Set([
  'vulnerable',
  'affected',
  'same',
  'following',
  'this',
  'that',
  'internal',
  'exported',
  'callback',
  'utility',
  'helper',
  'a',
  'an',
  'the',
  'any',
  'each',
  'every',
  'hash',
  'arrow',
  'async',
  'user',
  'custom',
  'main',
  'default',
]);

/**
 * `the template function`, `the merge method`: prose naming a function as "the <name> function".
 * The word before ` function`/` method` at `at`, read back at most 40 characters.
 */
function proseFunctionName(text: string, at: number): string | undefined {
  let j = at;
  while (j > 0 && at - j < 40 && /[\w$]/.test(text[j - 1]!)) j--;
  const word = text.slice(j, at);
  if (
    !word ||
    NOT_A_NAME.has(word.toLowerCase()) ||
    !text
      .slice(Math.max(0, j - 4), j)
      .toLowerCase()
      .endsWith('the ')
  )
    return undefined;
  return word;
}

/**
 * Code words of an advisory's text: inline code spans (`` `_.template` ``) outside fenced blocks
 * (whose proof-of-concept code names every helper it calls), `name()` written in prose, 'name'
 * in single quotes, and "the name function". One pass over the text; each backward read is bounded.
 */
function codeWords(text: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('```', i)) {
      const end = text.indexOf('```', i + 3);
      i = end === -1 ? text.length : end + 3;
      continue;
    }
    const c = text[i]!;
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      const newline = text.indexOf('\n', i + 1);
      if (end === -1 || (newline !== -1 && newline < end)) {
        i++;
        continue;
      }
      words.push(text.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    // 'merge' quoted in prose ("the vulnerable functions are 'defaultsDeep', 'merge'"); an
    // apostrophe inside a word ("don't") has a letter before it
    if (c === "'" && !/[\w$]/.test(text[i - 1] ?? '')) {
      const end = text.indexOf("'", i + 1);
      if (end !== -1 && end - i <= 80 && /^[A-Za-z_$][\w$.]*(?:\(\))?$/.test(text.slice(i + 1, end))) {
        words.push(text.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    if (text.startsWith(' function', i) || text.startsWith(' method', i)) {
      const word = proseFunctionName(text, i);
      if (word) words.push(word);
    }
    if (c === '(' && text[i + 1] === ')') {
      let j = i;
      while (j > 0 && i - j < 80 && /[\w$.]/.test(text[j - 1]!)) j--;
      if (j < i) words.push(text.slice(j, i + 2));
    }
    i++;
  }
  return words;
}

/**
 * The functions an advisory names as vulnerable in a package: OSV's structured symbols when the
 * record has them (Go), else the function names its summary and details write in code form.
 * Undefined when it names none.
 */
export function advisorySymbols(
  records: readonly OsvRecord[],
  ecosystem: string,
  name: string,
): AdvisorySymbols | undefined {
  const structured = records.flatMap((r) => structuredSymbols(r, ecosystem, name));
  if (structured.length) return { symbols: dedupe(structured), from: 'osv' };
  if (ecosystem !== 'npm') return undefined;
  const names = new Set<string>();
  for (const r of records)
    for (const word of codeWords(`${r.summary ?? ''}\n${r.details ?? ''}`)) {
      const fn = functionOf(word, name);
      if (fn && names.size < MAX_SYMBOLS) names.add(fn);
    }
  return names.size ? { symbols: [...names].map((n) => ({ name: n })), from: 'advisory-text' } : undefined;
}

function dedupe(symbols: VulnerableSymbol[]): VulnerableSymbol[] {
  const seen = new Map<string, VulnerableSymbol>();
  for (const s of symbols) seen.set(`${s.importPath ?? ''}\u0000${s.name}`, s);
  return [...seen.values()];
}
