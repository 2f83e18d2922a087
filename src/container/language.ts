import type { Package } from '../sca/types.ts';
import { purlFor } from '../sca/purl.ts';

const NODE_PACKAGE = /(^|\/)node_modules\/(@[^/]+\/)?[^/]+\/package\.json$/;
const PY_METADATA = /(^|\/)(site|dist)-packages\/[^/]+\.(dist-info\/METADATA|egg-info\/PKG-INFO|egg-info)$/;

/** Largest manifest read; real ones are a few KB. */
const MAX_MANIFEST = 1024 * 1024;

/** Files the language analyser wants buffered from the layers. */
export function wantsLanguageFile(path: string, size: number): boolean {
  return size <= MAX_MANIFEST && (NODE_PACKAGE.test(path) || PY_METADATA.test(path));
}

export interface LanguageIssue {
  path: string;
  message: string;
}

/** One installed language package found in the image tree, or an issue naming the file. */
export function parseLanguageFile(
  path: string,
  content: Buffer,
): Omit<Package, 'layer'> | LanguageIssue | undefined {
  if (NODE_PACKAGE.test(path)) {
    let manifest: { name?: unknown; version?: unknown; private?: unknown };
    try {
      manifest = JSON.parse(content.toString('utf8')) as typeof manifest;
    } catch (err) {
      return { path, message: `package.json is not valid JSON: ${(err as Error).message}` };
    }
    if (typeof manifest.name !== 'string' || typeof manifest.version !== 'string') return undefined;
    return installed('npm', manifest.name, manifest.version, path);
  }
  if (PY_METADATA.test(path)) {
    // RFC 822-style headers; the body after the first blank line is the long description.
    const head = content.toString('utf8').split(/\r?\n\r?\n/, 1)[0] ?? '';
    const name = /^Name:\s*(.+)$/m.exec(head)?.[1]?.trim();
    const version = /^Version:\s*(.+)$/m.exec(head)?.[1]?.trim();
    if (!name || !version) return { path, message: 'Python package metadata without Name or Version' };
    return installed('PyPI', name.toLowerCase().replace(/[-_.]+/g, '-'), version, path);
  }
  return undefined;
}

function installed(ecosystem: string, name: string, version: string, path: string): Omit<Package, 'layer'> {
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

export function isLanguageIssue(x: unknown): x is LanguageIssue {
  return typeof x === 'object' && x !== null && 'message' in x;
}
