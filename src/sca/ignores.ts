import { parse as parseToml } from 'smol-toml';
import type { ConfigSource } from '../core/config/loader.ts';
import type { IgnoreEntry } from '../core/config/types.ts';

/** osv-scanner's per-directory config file, honoured so users can switch without rewriting it. */
export const OSV_SCANNER_TOML = 'osv-scanner.toml';
export const MAX_IGNORE_FILE_BYTES = 1024 * 1024;
const MAX_BYTES = MAX_IGNORE_FILE_BYTES;

/** Whether a POSIX path names an osv-scanner.toml (in any folder). */
export const isOsvScannerToml = (path: string): boolean =>
  path === OSV_SCANNER_TOML || path.endsWith(`/${OSV_SCANNER_TOML}`);

/** A `[[PackageOverrides]]` entry with `ignore = true`: every advisory of matching packages. */
export interface PackageIgnore {
  name?: string;
  ecosystem?: string;
  version?: string;
  reason: string;
  expires?: string;
  line: number;
}

export interface OsvScannerIgnores {
  /** POSIX path of the file relative to the scan root. */
  path: string;
  /** `[[IgnoredVulns]]` as vigil ignore entries (`ignoreUntil` → `expires`). */
  vulns: IgnoreEntry[];
  packages: PackageIgnore[];
  /** A ConfigSource for the file, so expired entries point at their line. */
  source: ConfigSource;
}

export class IgnoreFileError extends Error {
  constructor(path: string, message: string, line?: number) {
    super(`${path}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'IgnoreFileError';
  }
}

function dateOf(value: unknown, path: string, what: string, line: number): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  throw new IgnoreFileError(path, `${what} must be a date (YYYY-MM-DD)`, line);
}

/** Lines where each `[[Table]]` header of that name starts, in order. */
function headerLines(text: string, table: string): number[] {
  const lines: number[] = [];
  const re = new RegExp(`^\\s*\\[\\[\\s*${table}\\s*\\]\\]`);
  text.split(/\r?\n/).forEach((l, i) => {
    if (re.test(l)) lines.push(i + 1);
  });
  return lines;
}

/**
 * Read an `osv-scanner.toml`: `[[IgnoredVulns]]` (id, ignoreUntil, reason) and
 * `[[PackageOverrides]]` with `ignore = true` (name, ecosystem, version, effectiveUntil, reason).
 * Bad input throws IgnoreFileError naming the file and, where known, the line.
 */
export function parseOsvScannerToml(path: string, text: string): OsvScannerIgnores {
  if (text.length > MAX_BYTES) throw new IgnoreFileError(path, `over ${MAX_BYTES} bytes`);
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const e = error as Error & { line?: number };
    throw new IgnoreFileError(path, `not valid TOML: ${e.message.split('\n')[0]}`, e.line);
  }
  const vulnLines = headerLines(text, 'IgnoredVulns');
  const pkgLines = headerLines(text, 'PackageOverrides');
  const tables = (key: string): Record<string, unknown>[] => {
    const v = doc[key];
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((t) => typeof t !== 'object' || t === null || Array.isArray(t)))
      throw new IgnoreFileError(path, `${key} must be an array of tables ([[${key}]])`);
    return v as Record<string, unknown>[];
  };
  const str = (v: unknown, what: string, line: number): string | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new IgnoreFileError(path, `${what} must be a string`, line);
    return v;
  };
  const vulns = tables('IgnoredVulns').map((t, i) => {
    const line = vulnLines[i] ?? 1;
    const id = str(t.id, 'IgnoredVulns.id', line);
    if (!id) throw new IgnoreFileError(path, 'IgnoredVulns entry without an id', line);
    const expires = dateOf(t.ignoreUntil, path, 'ignoreUntil', line);
    return {
      id,
      reason: str(t.reason, 'reason', line) ?? '(no reason given)',
      ...(expires ? { expires } : {}),
    };
  });
  const packages: PackageIgnore[] = [];
  tables('PackageOverrides').forEach((t, i) => {
    const line = pkgLines[i] ?? 1;
    if (t.ignore !== true) return; // other overrides (license, vulnerability.ignore=false…) do not hide findings
    const expires = dateOf(t.effectiveUntil, path, 'effectiveUntil', line);
    const name = str(t.name, 'name', line);
    const ecosystem = str(t.ecosystem, 'ecosystem', line);
    const version = str(t.version, 'version', line);
    packages.push({
      ...(name ? { name } : {}),
      ...(ecosystem ? { ecosystem } : {}),
      ...(version ? { version } : {}),
      reason: str(t.reason, 'reason', line) ?? '(no reason given)',
      ...(expires ? { expires } : {}),
      line,
    });
  });
  return {
    path,
    vulns,
    packages,
    source: {
      file: path,
      pathInRoot: path,
      lineOf: (key) => {
        const m = /^ignore\[(\d+)\]$/.exec(key);
        return m ? vulnLines[Number(m[1])] : undefined;
      },
    },
  };
}

/** The live entry covering any of these ids, or undefined; an expired entry covers nothing. */
export function ignoredBy(
  ignores: OsvScannerIgnores,
  ids: string[],
  today: string,
): { entry: IgnoreEntry; line: number } | undefined {
  const lower = ids.map((id) => id.toLowerCase());
  const index = ignores.vulns.findIndex(
    (e) => lower.includes(e.id.toLowerCase()) && !(e.expires !== undefined && e.expires < today),
  );
  if (index === -1) return undefined;
  return { entry: ignores.vulns[index]!, line: ignores.source.lineOf(`ignore[${index}]`) ?? 1 };
}

/** The live package override covering this package, or undefined. */
export function packageIgnoredBy(
  ignores: OsvScannerIgnores,
  pkg: { ecosystem: string; name: string; version: string },
  today: string,
): PackageIgnore | undefined {
  return ignores.packages.find(
    (p) =>
      (p.name === undefined || p.name === pkg.name) &&
      (p.ecosystem === undefined || p.ecosystem.toLowerCase() === pkg.ecosystem.toLowerCase()) &&
      (p.version === undefined || p.version === pkg.version) &&
      !(p.expires !== undefined && p.expires < today),
  );
}
