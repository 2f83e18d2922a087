import { parse as parseToml, TomlError } from 'smol-toml';
import { LockfileError } from '../types.ts';
import { isObject, type JsonObject } from './text.ts';

/** PyPI names as OSV (and PEP 503) compare them: lowercase, runs of `-_.` as one `-`. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Parse a TOML lockfile, naming the line smol-toml reports on error. */
export function parseTomlFile(path: string, text: string): JsonObject {
  try {
    const doc: unknown = parseToml(text);
    if (!isObject(doc)) throw new LockfileError(path, 'expected a TOML table', 1);
    return doc;
  } catch (e) {
    if (e instanceof LockfileError) throw e;
    if (e instanceof TomlError) {
      throw new LockfileError(path, `not valid TOML: ${e.message.split('\n')[0] ?? ''}`, e.line);
    }
    throw new LockfileError(path, `not valid TOML: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** 1-based lines of each `[[package]]` header, in order: the i-th table of `package` starts there. */
export function arrayTableLines(text: string, table = 'package'): number[] {
  const out: number[] = [];
  const header = new RegExp(`^\\s*\\[\\[\\s*${table}\\s*\\]\\]`);
  let n = 0;
  for (const line of text.split('\n')) {
    n++;
    if (header.test(line)) out.push(n);
  }
  return out;
}

/** Tries to parse a sibling TOML manifest; a broken manifest only costs us the direct/dev split. */
export function tryToml(text: string | undefined): JsonObject | undefined {
  if (text === undefined) return undefined;
  try {
    const doc: unknown = parseToml(text);
    return isObject(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** `requests[socks]>=2.0 ; python_version < "3"` → `requests` (PEP 508 name only). */
export function pep508Name(spec: string): string | undefined {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec);
  return m?.[1];
}
