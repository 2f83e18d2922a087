import { parse as parseToml, TomlError } from 'smol-toml';
import { LockfileError } from '../types.ts';
import { isObject, type JsonObject } from './text.ts';

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

/**
 * The `[[package]]` tables of a TOML lockfile (Cargo.lock, poetry.lock, uv.lock), each with the
 * line of its header: the i-th table starts at the i-th `[[package]]` line.
 */
export function packageTables(
  path: string,
  text: string,
): { doc: JsonObject; tables: { table: JsonObject; line?: number }[] } {
  const doc = parseTomlFile(path, text);
  if (doc.package !== undefined && !Array.isArray(doc.package)) {
    throw new LockfileError(path, '`package` is not an array of tables');
  }
  const lines: number[] = [];
  let n = 0;
  for (const line of text.split('\n')) {
    n++;
    if (/^\s*\[\[\s*package\s*\]\]/.test(line)) lines.push(n);
  }
  const tables: { table: JsonObject; line?: number }[] = [];
  ((doc.package as unknown[] | undefined) ?? []).forEach((table, i) => {
    if (!isObject(table)) return;
    const line = lines[i];
    tables.push(line === undefined ? { table } : { table, line });
  });
  return { doc, tables };
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
