import { isVendored } from '../sca/inventory.ts';
import { extractLockfile, extractorFor } from '../sca/lockfiles/index.ts';
import { MAX_LOCKFILE_BYTES } from '../sca/lockfiles/text.ts';
import { purlFor } from '../sca/purl.ts';
import type { Package } from '../sca/types.ts';
import { isMatchable, LockfileError } from '../sca/types.ts';

const NODE_PACKAGE = /(^|\/)node_modules\/(@[^/]+\/)?[^/]+\/package\.json$/;
const PY_METADATA = /(^|\/)(site|dist)-packages\/[^/]+\.(dist-info\/METADATA|egg-info\/PKG-INFO|egg-info)$/;
/** Manifests lockfile extractors read beside a lockfile (declared ranges, workspaces, `-r` includes). */
const SIBLING_MANIFEST = /(^|\/)(package\.json|pyproject\.toml|Pipfile|composer\.json)$/;
/** Distribution-owned trees: their lockfile-looking names are documentation, not an application's. */
const OS_TREES = /^(usr\/share|usr\/include|usr\/src|proc|sys)\//;

/** Largest installed-package manifest read; real ones are a few KB. */
const MAX_MANIFEST = 1024 * 1024;

function isAppLockfile(path: string): boolean {
  return !OS_TREES.test(path) && !isVendored(path) && extractorFor(path) !== undefined;
}

/** Files the language analyser wants buffered from the layers. */
export function wantsLanguageFile(path: string, size: number): boolean {
  if (size <= MAX_MANIFEST && (NODE_PACKAGE.test(path) || PY_METADATA.test(path))) return true;
  if (size <= MAX_LOCKFILE_BYTES && isAppLockfile(path)) return true;
  return size <= MAX_MANIFEST && SIBLING_MANIFEST.test(path) && !OS_TREES.test(path) && !isVendored(path);
}

export interface LanguageIssue {
  path: string;
  line?: number;
  message: string;
}

type Installed = Omit<Package, 'layer'>;

/**
 * The language packages one merged-tree file declares: an installed package's own manifest
 * (node_modules/…/package.json, a Python dist-info METADATA) or every registry package of a
 * lockfile the SCA extractors read (aliases included, under their real name). `read` gives sibling files from the same merged tree.
 */
export function parseLanguageFile(
  path: string,
  content: Buffer,
  read: (path: string) => string | undefined,
): { packages: Installed[]; issue?: LanguageIssue } {
  if (NODE_PACKAGE.test(path)) {
    let manifest: { name?: unknown; version?: unknown };
    try {
      manifest = JSON.parse(content.toString('utf8')) as typeof manifest;
    } catch (err) {
      return {
        packages: [],
        issue: { path, message: `package.json is not valid JSON: ${(err as Error).message}` },
      };
    }
    if (typeof manifest.name !== 'string' || typeof manifest.version !== 'string') return { packages: [] };
    return { packages: [installed('npm', manifest.name, manifest.version, path)] };
  }
  if (PY_METADATA.test(path)) {
    // RFC 822-style headers; the body after the first blank line is the long description.
    const head = content.toString('utf8').split(/\r?\n\r?\n/, 1)[0] ?? '';
    const name = /^Name:\s*(.+)$/m.exec(head)?.[1]?.trim();
    const version = /^Version:\s*(.+)$/m.exec(head)?.[1]?.trim();
    if (!name || !version)
      return { packages: [], issue: { path, message: 'Python package metadata without Name or Version' } };
    return { packages: [installed('PyPI', name.toLowerCase().replace(/[-_.]+/g, '-'), version, path)] };
  }
  const extractor = isAppLockfile(path) ? extractorFor(path) : undefined;
  if (!extractor) return { packages: [] };
  try {
    const inventory = extractLockfile(extractor, path, content.toString('utf8'), { readFile: read });
    return { packages: inventory.packages.filter(isMatchable) };
  } catch (err) {
    if (err instanceof LockfileError)
      return { packages: [], issue: { path, line: err.line, message: err.message } };
    throw err;
  }
}

function installed(ecosystem: string, name: string, version: string, path: string): Installed {
  return {
    ecosystem,
    name,
    version,
    kind: 'registry',
    direct: false,
    dev: false,
    paths: [[name]],
    source: path,
    purl: purlFor(ecosystem, name, version),
  };
}
