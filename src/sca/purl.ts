import { withoutUserinfo } from '../core/urls.ts';
import type { Ecosystem } from './types.ts';

/** PURL type for each OSV ecosystem we read lockfiles for (package-url spec, "types" section). */
const PURL_TYPES: Record<string, string> = {
  npm: 'npm',
  PyPI: 'pypi',
  Go: 'golang',
  'crates.io': 'cargo',
  RubyGems: 'gem',
  Packagist: 'composer',
};

/** Percent-encode a purl segment; the spec keeps these unreserved. */
function encodeSegment(s: string): string {
  if (/^[A-Za-z0-9._~-]*$/.test(s)) return s;
  return encodeURIComponent(s).replace(/%3A/g, ':');
}

export interface PurlQualifiers {
  /** For git dependencies: where the code came from (`vcs_url` qualifier). */
  vcsUrl?: string;
}

/**
 * Package URL for one package. Namespaces follow each type's rule: npm scopes, Go module path
 * prefixes, composer vendors; PyPI names are already normalised by the extractor.
 */
export function purlFor(
  ecosystem: Ecosystem,
  name: string,
  version: string,
  qualifiers: PurlQualifiers = {},
): string {
  const type = PURL_TYPES[ecosystem] ?? ecosystem.toLowerCase().replace(/[^a-z0-9.+-]/g, '-');
  let segments: string[];
  if (type === 'npm' || type === 'composer' || type === 'golang') {
    segments = name.split('/').filter((s) => s !== '');
  } else {
    segments = [name];
  }
  const path = segments.map(encodeSegment).join('/');
  const v = type === 'golang' && /^\d/.test(version) && name !== 'stdlib' ? `v${version}` : version;
  let purl = `pkg:${type}/${path}`;
  if (v !== '') purl += `@${encodeSegment(v)}`;
  // A purl is printed everywhere (reports, SBOM, PR comments): never with the URL's credentials.
  if (qualifiers.vcsUrl) purl += `?vcs_url=${encodeURIComponent(withoutUserinfo(qualifiers.vcsUrl))}`;
  return purl;
}
