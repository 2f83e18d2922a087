import type { PackageSourceKind } from '../types.ts';

/**
 * `https://host/…/repo.git` or `….git#ref`, on one line. Written with string search: the regex
 * `^https?:\/\/.*\.git(#.*)?$` backtracks over every `.git#` of a line that fails late (quadratic).
 */
function gitUrl(spec: string): boolean {
  if (!/^https?:\/\//.test(spec) || /[\n\r\u2028\u2029]/.test(spec)) return false;
  const rest = spec.slice(spec.indexOf('//') + 2);
  return rest.endsWith('.git') || rest.includes('.git#');
}

/** What an npm version/resolved/specifier string says about where a package came from. */
export function npmSourceKind(spec: string): PackageSourceKind | undefined {
  if (spec.startsWith('file:')) return 'file';
  if (spec.startsWith('link:') || spec.startsWith('portal:')) return 'link';
  if (spec.startsWith('workspace:')) return 'workspace';
  if (spec.startsWith('npm:')) return 'alias';
  if (
    /^(git\+|git:|git@|github:|gitlab:|bitbucket:|gist:)/.test(spec) ||
    /^https?:\/\/(codeload\.)?(github|gitlab|bitbucket)\.(com|org)\//.test(spec) ||
    gitUrl(spec) ||
    // npm's GitHub shorthand `user/repo#ref`
    /^[\w.-]+\/[\w.-]+(#.*)?$/.test(spec)
  )
    return 'git';
  return undefined;
}

/** The commit (or ref) a git specifier pins, for a version when the lockfile gives none. */
export function gitRef(spec: string): string {
  const hash = spec.lastIndexOf('#');
  if (hash !== -1) return spec.slice(hash + 1).replace(/^commit=/, '');
  const tarball = /\/tar\.gz\/([0-9a-f]{7,40})$/.exec(spec);
  return tarball?.[1] ?? '';
}

/** `npm:real@range` → { name: 'real', range }; scoped names keep their leading `@`. */
export function parseNpmAlias(spec: string): { name: string; range: string } | undefined {
  if (!spec.startsWith('npm:')) return undefined;
  const rest = spec.slice(4);
  const at = rest.indexOf('@', 1);
  return at === -1 ? { name: rest, range: '' } : { name: rest.slice(0, at), range: rest.slice(at + 1) };
}
