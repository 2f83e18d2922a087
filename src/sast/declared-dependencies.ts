import { posix } from 'node:path';

/**
 * What a file's package declares it depends on: the version ranges of its nearest package.json
 * (`dependencies`, `devDependencies`, `optionalDependencies`, `peerDependencies`), for the modules a
 * version-gated sink names (js-yaml's `load` ran `!!js/function` before 4.0). A range is what the
 * package allows, not what a lockfile pinned: the lowest major it admits decides.
 */
export type DeclaredRanges = Readonly<Record<string, string>>;

const FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];
const MAX_MANIFEST = 1024 * 1024;

/**
 * A lookup from a scanned file's path to the declared ranges of `modules` in the nearest
 * package.json above it (outside node_modules); undefined when none names any of them. Manifests
 * that do not parse are skipped (library mode reports them).
 */
export function declaredRangesOf(
  manifests: ReadonlyMap<string, string>,
  modules: ReadonlySet<string>,
): (path: string) => DeclaredRanges | undefined {
  const byRoot = new Map<string, DeclaredRanges | undefined>();
  for (const [path, text] of manifests) {
    if (posix.basename(path) !== 'package.json' || path.split('/').includes('node_modules')) continue;
    const root = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    byRoot.set(root, modules.size ? rangesIn(text, modules) : undefined);
  }
  return (path) => {
    for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
      const key = dir === '.' ? '' : dir;
      // The nearest manifest decides, even when it names none of the modules.
      if (byRoot.has(key)) return byRoot.get(key);
      if (key === '') return undefined;
    }
  };
}

function rangesIn(text: string, modules: ReadonlySet<string>): DeclaredRanges | undefined {
  if (text.length > MAX_MANIFEST) return undefined;
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!manifest || typeof manifest !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const field of FIELDS) {
    const deps = (manifest as Record<string, unknown>)[field];
    if (!deps || typeof deps !== 'object') continue;
    for (const [name, range] of Object.entries(deps as Record<string, unknown>))
      if (modules.has(name) && typeof range === 'string' && !(name in out)) out[name] = range;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The lowest major version a range admits (`^3.14.0`, `~3.13`, `3.x`, `>=3 <5`, `2 || 4.1` → 3,
 * 3, 3, 3, 2); undefined for what names no version (`*`, `latest`, a URL, a tag, `workspace:`).
 */
export function lowestMajor(range: string): number | undefined {
  return lowestVersion(range)?.[0];
}

/** The lowest version a range admits (`^3.14.0` → 3.14.0, `3.x` → 3.0.0); see lowestMajor. */
function lowestVersion(range: string): [number, number, number] | undefined {
  let lowest: [number, number, number] | undefined;
  for (const alternative of range.split('||')) {
    const m = /^\s*(?:[\^~=v]|>=?)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[.\s]|$|[xX*-])/.exec(alternative);
    if (!m) continue;
    const version: [number, number, number] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
    if (!lowest || compare(version, lowest) < 0) lowest = version;
  }
  return lowest;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/**
 * Does a range admit a version below `below`, a major (`4`), a major and minor (`'3.33'`) or a
 * whole version (`'4.17.12'`)? False when the range names no version.
 */
export function admitsBelow(range: string, below: number | string): boolean {
  const v = lowestVersion(range);
  return v !== undefined && compare(v, String(below).split('.').map(Number)) < 0;
}
