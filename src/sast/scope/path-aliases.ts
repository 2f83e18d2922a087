import { posix } from 'node:path';
import type { Diagnostic } from '../../core/finding.ts';
import { isTestFile } from '../test-files.ts';
import { resolvePath } from './modules.ts';

/**
 * TypeScript's module aliases (`compilerOptions.paths` and `baseUrl` in tsconfig.json or
 * jsconfig.json): `import { db } from '@/lib/db'` or `@acme/api/services/x` names a file of the
 * tree as surely as a relative import does. Without them a Next.js or Nx application's files look
 * unrelated, and a project's own `updateMany` looks like a database's.
 */

/** One `paths` entry: the part before and after its `*` (or the whole key), and its targets. */
interface Alias {
  prefix: string;
  /** undefined for an exact key (no `*`). */
  suffix: string | undefined;
  targets: string[];
  /** Folder the targets are relative to: `baseUrl`, else the folder of the config declaring them. */
  base: string;
}

/** What a config says once its `extends` chain is applied. */
interface Settings {
  aliases: Alias[];
  baseUrl: string | undefined;
}

const CONFIG_NAME = /^(?:tsconfig(?:\.[\w.-]+)?|jsconfig)\.json$/;
/** Configs that govern the files below them: the others are only `extends` targets. */
const GOVERNING = new Set(['tsconfig.json', 'jsconfig.json']);
const MAX_CONFIG = 1024 * 1024;
const MAX_EXTENDS = 8;

export function isPathAliasConfig(path: string): boolean {
  return CONFIG_NAME.test(posix.basename(path));
}

export class PathAliases {
  /** Governing config folder → its settings, deepest folders first. */
  private readonly scopes: Array<{ dir: string; settings: Settings }>;

  constructor(scopes: Array<{ dir: string; settings: Settings }>) {
    this.scopes = scopes.sort((a, b) => b.dir.length - a.dir.length);
  }

  /**
   * The scanned file a bare specifier names under the config nearest above `fromFile`: the
   * `paths` key with the longest prefix before its `*` (an exact key first), its targets in order;
   * then `baseUrl` alone, as TypeScript resolves. Nothing outside the scan root.
   */
  resolve(fromFile: string, specifier: string, files: ReadonlySet<string>): string | undefined {
    const scope = this.scopes.find((s) => s.dir === '' || fromFile.startsWith(s.dir + '/'));
    if (!scope) return undefined;
    const { aliases, baseUrl } = scope.settings;
    let best: { alias: Alias; star: string } | undefined;
    for (const alias of aliases) {
      if (alias.suffix === undefined) {
        if (alias.prefix === specifier) {
          best = { alias, star: '' };
          break;
        }
        continue;
      }
      if (
        specifier.length >= alias.prefix.length + alias.suffix.length &&
        specifier.startsWith(alias.prefix) &&
        specifier.endsWith(alias.suffix) &&
        (!best || alias.prefix.length > best.alias.prefix.length)
      )
        best = { alias, star: specifier.slice(alias.prefix.length, specifier.length - alias.suffix.length) };
    }
    if (best) {
      for (const target of best.alias.targets) {
        const found = inside(best.alias.base, target.replace('*', best.star), files);
        if (found) return found;
      }
      return undefined;
    }
    return baseUrl === undefined ? undefined : inside(baseUrl, specifier, files);
  }
}

function inside(base: string, relative: string, files: ReadonlySet<string>): string | undefined {
  const joined = posix.normalize(posix.join(base, relative));
  if (joined.startsWith('../') || joined === '..' || posix.isAbsolute(relative)) return undefined;
  return resolvePath(joined, files);
}

/**
 * The aliases of the tree's tsconfig/jsconfig files (path → text). Each tsconfig.json or
 * jsconfig.json governs the files below its folder, down to the next one; its `extends` are
 * followed within the tree (a config published as a package sets no aliases of this tree). A
 * config that does not parse sets nothing and is reported; test fixtures are left out.
 */
export function pathAliases(configs: ReadonlyMap<string, string>): {
  aliases: PathAliases;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const parsed = new Map<string, Record<string, unknown> | undefined>();
  const read = (path: string): Record<string, unknown> | undefined => {
    if (!parsed.has(path)) {
      const text = configs.get(path);
      const value = text === undefined ? undefined : parseJsonc(text);
      if (value instanceof Error) {
        diagnostics.push({
          level: 'warning',
          source: 'sast',
          path,
          message: `${posix.basename(path)} not read for its path aliases: ${value.message}`,
        });
      }
      parsed.set(path, value instanceof Error ? undefined : value);
    }
    return parsed.get(path);
  };
  const settingsOf = (path: string, depth: number): Settings => {
    const config = read(path);
    const options = objectAt(config, 'compilerOptions');
    const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    let inherited: Settings = { aliases: [], baseUrl: undefined };
    if (depth < MAX_EXTENDS)
      for (const parent of extendsOf(config)) {
        if (!parent.startsWith('.')) continue;
        let target = posix.normalize(posix.join(dir, parent));
        if (!target.endsWith('.json')) target += '.json';
        if (target.startsWith('..') || !configs.has(target)) continue;
        const from = settingsOf(target, depth + 1);
        inherited = {
          aliases: from.aliases.length ? from.aliases : inherited.aliases,
          baseUrl: from.baseUrl ?? inherited.baseUrl,
        };
      }
    const baseUrl =
      typeof options?.baseUrl === 'string' ? posix.normalize(posix.join(dir, options.baseUrl)) : undefined;
    const paths = objectAt(options, 'paths');
    const effectiveBase = baseUrl ?? inherited.baseUrl;
    const aliases = paths
      ? Object.entries(paths).flatMap(([key, value]): Alias[] => {
          const targets = Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
          const star = key.indexOf('*');
          if (targets.length === 0 || key.indexOf('*', star + 1) !== -1) return [];
          return [
            {
              prefix: star === -1 ? key : key.slice(0, star),
              suffix: star === -1 ? undefined : key.slice(star + 1),
              targets,
              base: effectiveBase ?? dir,
            },
          ];
        })
      : inherited.aliases;
    return { aliases, baseUrl: effectiveBase };
  };
  const scopes: Array<{ dir: string; settings: Settings }> = [];
  for (const path of configs.keys()) {
    if (!GOVERNING.has(posix.basename(path)) || isTestFile(path)) continue;
    if (path.split('/').includes('node_modules')) continue;
    const settings = settingsOf(path, 0);
    if (settings.aliases.length === 0 && settings.baseUrl === undefined) continue;
    const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    // tsconfig.json beside jsconfig.json: TypeScript reads the former.
    if (scopes.some((s) => s.dir === dir)) continue;
    scopes.push({ dir, settings });
  }
  return { aliases: new PathAliases(scopes), diagnostics };
}

function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  const v = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function extendsOf(config: Record<string, unknown> | undefined): string[] {
  const e = config?.extends;
  if (typeof e === 'string') return [e];
  return Array.isArray(e) ? e.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * JSON with comments and trailing commas, as tsconfig.json is written: comments and the commas
 * before `}`/`]` are blanked in one pass that skips strings, then JSON.parse reads the rest.
 */
export function parseJsonc(text: string): Record<string, unknown> | Error {
  if (text.length > MAX_CONFIG) return new Error(`larger than ${MAX_CONFIG} bytes`);
  const out: string[] = [];
  let pendingComma = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out.push(text.slice(i, j + 1));
      i = j;
      pendingComma = -1;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end - 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
      out.push(' ');
    } else if (c === ',') {
      pendingComma = out.length;
      out.push(c);
    } else if ((c === '}' || c === ']') && pendingComma !== -1) {
      out[pendingComma] = ' ';
      pendingComma = -1;
      out.push(c);
    } else {
      if (!/\s/.test(c)) pendingComma = -1;
      out.push(c);
    }
  }
  try {
    const value = JSON.parse(out.join('')) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return new Error('not an object');
    return value as Record<string, unknown>;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
