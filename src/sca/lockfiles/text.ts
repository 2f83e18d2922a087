import { LockfileError } from '../types.ts';

/** Lockfiles larger than this are refused: real ones stay well under (a 5,000-package package-lock is ~3 MiB). */
export const MAX_LOCKFILE_BYTES = 64 * 1024 * 1024;

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own entries of an object (never inherited ones), so `__proto__` or `constructor` keys stay plain data. */
export function entriesOf(v: unknown): [string, unknown][] {
  return isObject(v) ? Object.entries(v) : [];
}

/** Own string-valued entries as a Map (dependency name → range). */
export function stringMap(v: unknown): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, val] of entriesOf(v)) if (typeof val === 'string') m.set(k, val);
  return m;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Appends to the list under `key` (a multimap), creating it on first use. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Maps offsets to 1-based line numbers (binary search over newline offsets). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

/**
 * Finds the line of each JSON object key `"key":` in document order. Keys are looked for after the
 * previous hit first (lockfiles list them in order), then from the start. The characters scanned
 * are budgeted (a few passes over the text): a hostile file whose keys are spelt differently
 * (`\u0061`) loses its line numbers instead of costing quadratic time.
 */
export class JsonKeyLines {
  private readonly text: string;
  private readonly index: LineIndex;
  private cursor = 0;
  private budget: number;
  constructor(text: string) {
    this.text = text;
    this.index = new LineIndex(text);
    this.budget = 8 * text.length + 1_000_000;
  }
  lineOf(key: string): number | undefined {
    if (this.budget <= 0) return undefined;
    const needle = JSON.stringify(key);
    let at = this.find(needle, this.cursor);
    if (at === -1) at = this.find(needle, 0);
    if (at === -1) return undefined;
    this.cursor = at + needle.length;
    return this.index.lineAt(at);
  }
  private find(needle: string, from: number): number {
    let pos = from;
    for (let at = this.text.indexOf(needle, from); at !== -1; at = this.text.indexOf(needle, at + 1)) {
      this.budget -= at - pos + needle.length;
      pos = at;
      if (this.budget <= 0) return -1;
      let j = at + needle.length;
      while (j < this.text.length && /\s/.test(this.text[j] ?? '')) j++;
      if (this.text[j] !== ':') continue;
      // Only keys whose value is an object or array: a package entry, not a `"name": "range"` pair.
      for (j++; j < this.text.length && /\s/.test(this.text[j] ?? '');) j++;
      if (this.text[j] === '{' || this.text[j] === '[') return at;
    }
    this.budget -= this.text.length - pos;
    return -1;
  }
}

/** JSON.parse with the failing line in the error (V8 reports a position or a line/column). */
export function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    let line: number | undefined;
    const lineCol = /line (\d+) column/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    if (lineCol) line = Number(lineCol[1]);
    else if (pos) line = new LineIndex(text).lineAt(Number(pos[1]));
    // V8 quotes the offending text; leave it out (lockfiles can hold credentials in URLs).
    const clean = msg
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/,?\s*"[\s\S]*" is not valid JSON$/, '');
    throw new LockfileError(path, `not valid JSON: ${clean.split('\n')[0] ?? clean}`, line);
  }
}

/** Object at the top of a JSON lockfile, or a clear error. */
export function parseJsonObject(path: string, text: string): JsonObject {
  const doc = parseJson(path, text);
  if (!isObject(doc)) throw new LockfileError(path, 'expected a JSON object at the top level', 1);
  return doc;
}

/** POSIX dirname ('' for a file at the root). */
export function dirnameOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

export function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Join a POSIX path relative to the directory of `from`, or undefined when it climbs out of the tree. */
export function siblingPath(from: string, rel: string): string | undefined {
  const parts = dirnameOf(from)
    .split('/')
    .filter((p) => p !== '');
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

/** Name of the root manifest, when a lockfile does not say: the folder it sits in. */
export function rootNameFor(path: string): string {
  const dir = dirnameOf(path);
  return dir === '' ? '(root)' : basenameOf(dir);
}
