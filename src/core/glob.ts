/**
 * Globs of the repository under review — workspace globs (`packages/*`, `apps/**`, `{libs,tools}/*`),
 * tsconfig `include`/`exclude` lists — matched without a regex. picomatch
 * compiles `*a*a*a*b` to nested lazy quantifiers that backtrack exponentially: six `*a` against a
 * 60-character folder name took 12 s, and both the globs (package.json) and the folder names (the
 * tree, a lockfile's keys) come from the repository under review. Here a segment is matched by the
 * greedy wildcard walk (at most glob length × name length steps), and `**` the same way over
 * segments. Supported: `*`, `?`, `**` as a whole segment, `{a,b}` alternatives; other characters
 * are literal. As in picomatch, a wildcard does not match a name starting with a dot.
 */

/** Longer globs are ignored: none of a real project's comes near, and this bounds each match. */
const MAX_GLOB_LENGTH = 256;
/** Alternatives a glob's braces may expand to. */
const MAX_EXPANSIONS = 64;

/** `a{b,c}d` → [`abd`, `acd`], innermost-first, at most MAX_EXPANSIONS results (undefined beyond). */
function expandBraces(glob: string): string[] | undefined {
  const out: string[] = [];
  const pending = [glob];
  while (pending.length > 0) {
    const g = pending.pop()!;
    const close = g.indexOf('}');
    const open = close === -1 ? -1 : g.lastIndexOf('{', close);
    if (open === -1) {
      out.push(g);
      if (out.length > MAX_EXPANSIONS) return undefined;
      continue;
    }
    for (const alt of g.slice(open + 1, close).split(',')) {
      pending.push(g.slice(0, open) + alt + g.slice(close + 1));
      if (pending.length + out.length > MAX_EXPANSIONS) return undefined;
    }
  }
  return out;
}

/** Greedy wildcard match of one segment: `*` any run, `?` one character. */
function segmentMatches(pattern: string, name: string): boolean {
  if (name.startsWith('.') && !pattern.startsWith('.')) return false;
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = n;
    } else if (star !== -1) {
      p = star + 1;
      n = ++mark;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** The same walk over segments, `**` standing for any number of them (not dot-folders). */
function segmentsMatch(pattern: string[], names: string[]): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < names.length) {
    if (p < pattern.length && pattern[p] !== '**' && segmentMatches(pattern[p]!, names[n]!)) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '**') {
      star = p++;
      mark = n;
    } else if (star !== -1 && !names[mark]!.startsWith('.')) {
      p = star + 1;
      n = ++mark;
    } else return false;
  }
  while (pattern[p] === '**') p++;
  return p === pattern.length;
}

/** A predicate on `/`-separated folder paths: true when any glob matches the whole path. */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const patterns: string[][] = [];
  for (const glob of globs) {
    if (glob.length > MAX_GLOB_LENGTH) continue;
    for (const g of expandBraces(glob) ?? []) patterns.push(g.split('/'));
  }
  return (path) => {
    const names = path.split('/');
    return patterns.some((p) => segmentsMatch(p, names));
  };
}
