import { purlFor } from '../purl.ts';
import type { VexProduct } from './types.ts';

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * A purl's identity and version (`pkg:npm/%40babel/core@7.0.0?x=y#sub` → `pkg:npm/@babel/core`,
 * `7.0.0`), or undefined when it is not a purl. The type is lower case, as the spec says.
 */
export function parseProductPurl(purl: string): VexProduct | undefined {
  if (!purl.startsWith('pkg:')) return undefined;
  let rest = purl.slice(4);
  for (const cut of ['#', '?']) {
    const at = rest.indexOf(cut);
    if (at !== -1) rest = rest.slice(0, at);
  }
  rest = rest.replace(/^\/+/, '');
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  const type = rest.slice(0, slash).toLowerCase();
  let path = rest.slice(slash + 1);
  // the version follows the last `@` of the last path segment (an npm scope's `@` is encoded or first)
  const lastSegment = path.lastIndexOf('/') + 1;
  const at = path.lastIndexOf('@');
  let version: string | undefined;
  if (at > lastSegment) {
    version = decode(path.slice(at + 1));
    path = path.slice(0, at);
  }
  if (path === '') return undefined;
  return {
    base: `pkg:${type}/${path.split('/').map(decode).join('/')}`,
    ...(version !== undefined && version !== '' ? { version } : {}),
  };
}

/** Whether a statement's product names this package: same purl identity, and the same version when it gives one. */
export function productMatches(
  product: VexProduct,
  pkg: { ecosystem: string; name: string; version: string },
): boolean {
  const own = parseProductPurl(purlFor(pkg.ecosystem, pkg.name, pkg.version))!;
  return own.base === product.base && (product.version === undefined || product.version === own.version);
}
