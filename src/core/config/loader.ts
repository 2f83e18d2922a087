import { open, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Node,
} from 'yaml';
import { configSchema, describeSchema, type SchemaNode } from './schema.ts';
import type { VigilConfig } from './types.ts';

/** Where vigil looks for its configuration, in order, relative to the scan root. */
export const CONFIG_FILES = ['.vigil.yml', '.github/vigil.yml'] as const;

/** A config file is a few hundred bytes; anything this large is a mistake or hostile. */
export const MAX_CONFIG_BYTES = 256 * 1024;
/** Bounds the work of validating a document whose aliases expand exponentially. */
const MAX_NODES = 100_000;

export interface ConfigIssue {
  file: string;
  line?: number;
  /** Key path such as `rules.js/eval.severity` or `ignore[0].expires`. */
  keyPath?: string;
  message: string;
}

/** An unreadable, unparsable or invalid configuration. The CLI exits 2 on it. */
export class ConfigError extends Error {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}` : issue.file;
  return `${where}: ${issue.keyPath ? `${issue.keyPath}: ` : ''}${issue.message}`;
}

/** Where the configuration came from, so findings about it (expired ignores) can point at a line. */
export interface ConfigSource {
  /** The file as shown in messages (relative to the root when it lies inside it). */
  file: string;
  /** POSIX path relative to the scan root, when the file lies inside it. */
  pathInRoot?: string;
  /** 1-based line of a key path (`ignore[2]`, `rules.js/eval`), when known. */
  lineOf(keyPath: string): number | undefined;
}

export interface LoadedConfig {
  config: VigilConfig;
  configSource?: ConfigSource;
  /**
   * Operator-only keys a `repository`-trusted file set: left out of `config`, each an issue
   * naming the file, line and key. The scan goes on with the operator's values.
   */
  refused?: ConfigIssue[];
}

/**
 * Who wrote the file, which decides what it may set. `operator`: the person running vigil on their
 * own checkout (the CLI), who may set anything. `repository`: a file inside the repository under
 * review (the App and the Action), which must not reach outside it, so OPERATOR_ONLY_KEYS are refused.
 */
export type ConfigTrust = 'operator' | 'repository';

/**
 * Keys that reach outside the repository (an advisory source, a file on the host) or bound the
 * work done on the host. Only the operator sets them: the App's environment, the Action's inputs,
 * the CLI's flags or a file the CLI user chose.
 */
export const OPERATOR_ONLY_KEYS = ['maxFileSize', 'sca.apiUrl', 'sca.database'] as const;

export interface ParseOptions {
  /** POSIX path relative to the scan root, when the file lies inside it. */
  pathInRoot?: string;
  trust?: ConfigTrust;
}

/** Parse and validate configuration text. `file` names it in errors. */
export function parseConfig(text: string, file: string, options: ParseOptions = {}): LoadedConfig {
  const { pathInRoot, trust = 'operator' } = options;
  const lineCounter = new LineCounter();
  // uniqueKeys: the parser's own check compares each key with every earlier one (quadratic in a
  // mapping's size); duplicateKeys does it with a set.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0].line ?? lineAt(e.pos[0]),
        message: `invalid YAML: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  const duplicates = duplicateKeys(doc);
  if (duplicates.length > 0) {
    throw new ConfigError(
      duplicates.map((offset) => ({
        file,
        line: lineAt(offset),
        message: 'invalid YAML: Map keys must be unique',
      })),
    );
  }
  const validator = new Validator(doc, file, lineAt);
  const value = doc.contents === null ? {} : validator.check(doc.contents, configSchema, '');
  if (validator.issues.length > 0) throw new ConfigError(validator.issues);
  const lines = validator.lines;
  const config = (value ?? {}) as VigilConfig;
  const refused = trust === 'repository' ? refuseOperatorKeys(config, file, lines) : [];
  return {
    config,
    ...(refused.length > 0 ? { refused } : {}),
    configSource: {
      file,
      ...(pathInRoot === undefined ? {} : { pathInRoot }),
      lineOf: (keyPath) => lines.get(keyPath),
    },
  };
}

/** Offset of every scalar key that repeats an earlier key of the same mapping, in linear time. */
function duplicateKeys(doc: Document): number[] {
  const found: number[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (seen.has(key.value)) found.push(key.range?.[0] ?? 0);
        else seen.add(key.value);
      }
    },
  });
  return found.sort((a, b) => a - b);
}

/** Removes the operator-only keys `config` sets (in place) and returns one issue per key. */
function refuseOperatorKeys(config: VigilConfig, file: string, lines: Map<string, number>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const refuse = (keyPath: string, drop: () => void) => {
    const line = lines.get(keyPath);
    issues.push({
      file,
      ...(line === undefined ? {} : { line }),
      keyPath,
      message: 'only the operator sets this (not a file in the repository under review); ignored',
    });
    drop();
  };
  if (config.maxFileSize !== undefined) refuse('maxFileSize', () => delete config.maxFileSize);
  if (config.sca?.apiUrl !== undefined) refuse('sca.apiUrl', () => delete config.sca!.apiUrl);
  if (config.sca?.database !== undefined) refuse('sca.database', () => delete config.sca!.database);
  return issues;
}

/**
 * Load the configuration for a scan of `root`: `explicit` (a `--config` path, relative to `cwd`)
 * when given, else the first of CONFIG_FILES that exists, else an empty configuration. `trust`
 * says who wrote the file (see ConfigTrust); the CLI's default is `operator`.
 */
export async function loadConfig(
  root: string,
  explicit?: string,
  cwd = process.cwd(),
  trust: ConfigTrust = 'operator',
): Promise<LoadedConfig> {
  const absRoot = resolve(cwd, root);
  if (explicit !== undefined) {
    const abs = resolve(cwd, explicit);
    const pathInRoot = insideRoot(absRoot, abs);
    return parseConfig(await readConfigFile(abs, explicit), explicit, {
      trust,
      ...(pathInRoot === undefined ? {} : { pathInRoot }),
    });
  }
  for (const name of CONFIG_FILES) {
    const abs = join(absRoot, name);
    const info = await stat(abs).catch(() => undefined);
    if (!info) continue;
    // Messages name the file as the user would type it from where vigil runs.
    const shown = relative(cwd, abs).split(sep).join('/');
    const label = shown.startsWith('../') || isAbsolute(shown) ? abs : shown;
    return parseConfig(await readConfigFile(abs, label), label, { pathInRoot: name, trust });
  }
  return { config: {} };
}

function insideRoot(root: string, abs: string): string | undefined {
  const rel = relative(root, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/**
 * Validate plain values (the operator's, from the environment or the Action's inputs) against the
 * same schema as a file; `file` names where they came from in errors.
 */
export function validateConfigValue(value: Record<string, unknown>, file: string): VigilConfig {
  const doc = new Document(value);
  const validator = new Validator(doc, file, () => undefined);
  const out = validator.check(doc.contents as Node, configSchema, '');
  if (validator.issues.length > 0) throw new ConfigError(validator.issues);
  return out as VigilConfig;
}

/** Refuses configuration text that is too large to be one or is not text; `size` is in bytes. */
export function checkConfigSize(size: number, shown: string): void {
  if (size > MAX_CONFIG_BYTES)
    throw new ConfigError([
      { file: shown, message: `file is too large (${size} bytes; limit ${MAX_CONFIG_BYTES})` },
    ]);
}

export function checkConfigText(text: string, shown: string): string {
  if (text.includes('\u0000')) throw new ConfigError([{ file: shown, message: 'not a text file' }]);
  return text;
}

async function readConfigFile(abs: string, shown: string): Promise<string> {
  let handle;
  try {
    handle = await open(abs, 'r');
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    // A device or FIFO (a link to /dev/zero in a pull request) reports size 0 and never ends.
    if (!info.isFile()) throw new ConfigError([{ file: shown, message: 'not a regular file' }]);
    checkConfigSize(info.size, shown);
    return checkConfigText(await handle.readFile('utf8'), shown);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([{ file: shown, message: `cannot read config: ${describeFsError(error)}` }]);
  } finally {
    await handle?.close();
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const known: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
    ELOOP: 'too many symbolic links',
  };
  return (code && known[code]) ?? (error instanceof Error ? error.message : String(error));
}

class Validator {
  readonly issues: ConfigIssue[] = [];
  readonly lines = new Map<string, number>();
  private visited = 0;
  private readonly doc: Document;
  private readonly file: string;
  private readonly lineAt: (offset: number | undefined) => number | undefined;

  constructor(doc: Document, file: string, lineAt: (offset: number | undefined) => number | undefined) {
    this.doc = doc;
    this.file = file;
    this.lineAt = lineAt;
  }

  private fail(node: Node | null | undefined, keyPath: string, message: string): undefined {
    const line = this.lineAt(node?.range?.[0]);
    this.issues.push({
      file: this.file,
      ...(line === undefined ? {} : { line }),
      ...(keyPath ? { keyPath } : {}),
      message,
    });
    return undefined;
  }

  /** Returns the plain value of `node` when it fits `schema`, else records an issue. */
  check(input: Node | null, schema: SchemaNode, keyPath: string): unknown {
    if (++this.visited > MAX_NODES) {
      if (this.visited === MAX_NODES + 1)
        this.fail(input, keyPath, 'document is too large or too deeply aliased');
      return undefined;
    }
    const node = input && isAlias(input) ? (input.resolve(this.doc) ?? null) : input;
    if (node?.range && keyPath && !this.lines.has(keyPath)) {
      const line = this.lineAt(node.range[0]);
      if (line !== undefined) this.lines.set(keyPath, line);
    }
    const scalar = node === null ? null : isScalar(node) ? node.value : undefined;
    // Errors point at the alias where it is used, not at its anchor.
    const mismatch = () =>
      this.fail(input, keyPath, `expected ${describeSchema(schema)}, got ${describeValue(node, scalar)}`);

    switch (schema.type) {
      case 'string':
        if (typeof scalar !== 'string') return mismatch();
        if (schema.pattern && !schema.pattern.test(scalar)) return mismatch();
        return scalar;
      case 'enum':
        return typeof scalar === 'string' && schema.values.includes(scalar) ? scalar : mismatch();
      case 'boolean':
        return typeof scalar === 'boolean' ? scalar : mismatch();
      case 'integer': {
        if (typeof scalar !== 'number' || !Number.isInteger(scalar)) return mismatch();
        if (
          (schema.min !== undefined && scalar < schema.min) ||
          (schema.max !== undefined && scalar > schema.max)
        ) {
          return this.fail(
            node,
            keyPath,
            `expected an integer from ${schema.min} to ${schema.max}, got ${scalar}`,
          );
        }
        return scalar;
      }
      case 'date':
        return typeof scalar === 'string' && isCalendarDate(scalar) ? scalar : mismatch();
      case 'array': {
        if (!node || !isSeq(node)) return mismatch();
        if (schema.maxItems !== undefined && node.items.length > schema.maxItems) {
          return this.fail(
            node,
            keyPath,
            `expected at most ${schema.maxItems} items, got ${node.items.length}`,
          );
        }
        return node.items.map((item, i) => this.check(item as Node, schema.items, `${keyPath}[${i}]`));
      }
      case 'object':
      case 'map': {
        if (!node || !isMap(node)) return mismatch();
        const out: Record<string, unknown> = {};
        for (const pair of node.items) {
          const keyNode = pair.key as Node | null;
          const key = keyNode && isScalar(keyNode) ? keyNode.value : undefined;
          if (typeof key !== 'string' && typeof key !== 'number') {
            this.fail(keyNode, keyPath, 'keys must be plain strings');
            continue;
          }
          const name = String(key);
          const childPath = keyPath ? `${keyPath}.${name}` : name;
          if (keyNode?.range) this.lines.set(childPath, this.lineAt(keyNode.range[0])!);
          let childSchema: SchemaNode | undefined;
          if (schema.type === 'object') {
            childSchema = Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
            if (!childSchema) {
              this.fail(keyNode, childPath, unknownKeyMessage(name, Object.keys(schema.properties)));
              continue;
            }
          } else {
            if (schema.keyPattern && !schema.keyPattern.test(name)) {
              this.fail(keyNode, childPath, 'not a valid rule id');
              continue;
            }
            childSchema = schema.values;
          }
          const valueNode = pair.value as Node | null;
          // An empty section (`rules:` with nothing under it) means "not set".
          if (isEmptyValue(valueNode) && isCollection(childSchema)) continue;
          out[name] = this.check(valueNode, childSchema, childPath);
        }
        if (schema.type === 'object') {
          for (const key of schema.required ?? []) {
            if (!(key in out)) this.fail(node, keyPath, `missing required key "${key}"`);
          }
        }
        return out;
      }
      case 'oneOf': {
        const chosen = schema.options.find((option) => outerFits(option, node, scalar));
        return chosen ? this.check(node, chosen, keyPath) : mismatch();
      }
    }
  }
}

function isEmptyValue(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

function isCollection(schema: SchemaNode): boolean {
  return schema.type === 'object' || schema.type === 'map' || schema.type === 'array';
}

function outerFits(schema: SchemaNode, node: Node | null, scalar: unknown): boolean {
  switch (schema.type) {
    case 'string':
    case 'enum':
    case 'date':
      return typeof scalar === 'string';
    case 'integer':
      return typeof scalar === 'number';
    case 'boolean':
      return typeof scalar === 'boolean';
    case 'array':
      return node !== null && isSeq(node);
    case 'object':
    case 'map':
      return node !== null && isMap(node);
    case 'oneOf':
      return schema.options.some((o) => outerFits(o, node, scalar));
  }
}

function describeValue(node: Node | null, scalar: unknown): string {
  if (node === null || scalar === null) return 'nothing';
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a mapping';
  if (typeof scalar === 'string')
    return JSON.stringify(scalar.length > 60 ? `${scalar.slice(0, 57)}...` : scalar);
  return String(scalar);
}

function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The candidate a typo most likely meant: within two edits, and fewer edits than half its length. */
export function closestMatch(name: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    // Lengths further apart than the cut-off cannot be close; skipping them keeps a long key linear.
    if (Math.abs(candidate.length - name.length) > 2) continue;
    const distance = editDistance(candidate.toLowerCase(), name.toLowerCase());
    if (distance <= 2 && distance < name.length / 2 && (!best || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}

function unknownKeyMessage(name: string, known: string[]): string {
  const close = closestMatch(name, known);
  return close
    ? `unknown key (did you mean "${close}"?)`
    : `unknown key (expected one of ${known.join(', ')})`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
