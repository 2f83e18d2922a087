/** Replaces that make text harmless: a path that cannot climb out of its folder, markup escaped. */

/**
 * Does `s.replace(regex, replacement)` leave no `..` behind? Only when every `..` goes at once: a
 * global replace of dots alone (`/\.\./g`, `/\.{2,}/g`) by text without a dot, or the anchored
 * strip of leading `../` runs after `path.normalize` (`/^(\.\.(\/|\\|$))+/`). Removing `../` once, or
 * even globally, is undone by `....//` (what is left closes up into `../`).
 */
export function stripsDotDot(regex: { pattern: string; flags: string }, replacement: string): boolean {
  if (replacement.includes('.')) return false;
  const p = regex.pattern;
  if (regex.flags.includes('g') && DOTS_ONLY.has(p)) return true;
  return LEADING_DOT_DOT_RUNS.has(p);
}

/**
 * Does the replace remove every path separator (`s.replace(/\//g, '-')`)? A name without one cannot
 * leave the folder it is joined to (a bare `..` names that folder's parent, no file in it).
 */
export function stripsSeparators(regex: { pattern: string; flags: string }, replacement: string): boolean {
  return (
    regex.flags.includes('g') &&
    SEPARATORS.has(regex.pattern) &&
    !replacement.includes('/') &&
    !replacement.includes('\\')
  );
}

/**
 * Does the replace remove every backslash (`s.replace(/\\/g, '')`, `/[\\/]+/g` by `'/'`, `/[\\"<>]/g`)?
 * A global replace of backslashes alone, or of a class that holds one, by text without one.
 */
export function stripsBackslashes(regex: { pattern: string; flags: string }, replacement: string): boolean {
  if (!regex.flags.includes('g') || replacement.includes('\\')) return false;
  const body = regex.pattern.replace(/[+*]$/, '');
  if (body === '\\\\') return true;
  const cls = /^\[([^\]^][^\]]*)\]$/.exec(body)?.[1];
  return cls !== undefined && cls.includes('\\\\');
}

/**
 * Does the replace remove every line feed: a global replace, by text with no line break, of a pattern
 * one of whose alternatives matches any `\n` (`/\s+/g`, `/[\r\n]+/g`, `/\n|\r/g`, `/\r?\n/g`)?
 * A trim (`/^\s+|\s+$/g`), a CRLF pair alone (`/\r\n/g`, which leaves a bare `\n`), a class that
 * keeps `\n` (`/[^\n]/g`) and a first-match replace are not. A bare `\r` may stay, as for CodeQL.
 */
export function stripsLineBreaks(regex: { pattern: string; flags: string }, replacement: string): boolean {
  if (!regex.flags.includes('g') || /[\r\n]/.test(replacement)) return false;
  return alternatives(regex.pattern).some(matchesEveryLineFeed);
}

/**
 * The top-level alternatives of a pattern, a wrapping group taken off (`(?:\r|\n)+`). A pattern with
 * another group inside is one alternative: no split may invent one it does not have.
 */
function alternatives(pattern: string): string[] {
  const body = /^\((?:\?:)?([^()]*)\)[+*]?$/.exec(pattern)?.[1] ?? pattern;
  const parts: string[] = [];
  let start = 0;
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') return [body];
    else if (c === '|') {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/** Does this alternative, repeated or not, match every `\n` on its own? */
function matchesEveryLineFeed(alternative: string): boolean {
  const body = alternative.replace(/[+*]$/, '');
  if (body === '\\s' || body === '\\n' || body === '\\r?\\n') return true;
  const cls = /^\[([^\]^][^\]]*)\]$/.exec(body)?.[1];
  return cls !== undefined && (cls.includes('\\s') || cls.includes('\\n'));
}

const SEPARATORS = new Set([
  '\\/',
  '\\/+',
  '[\\/\\\\]',
  '[\\\\/]',
  '[/\\\\]',
  '[\\\\\\/]',
  '[\\/\\\\]+',
  '[/\\\\]+',
]);

const DOTS_ONLY = new Set([
  '\\.\\.',
  '\\.\\.+',
  '\\.{2,}',
  '\\.\\.\\.*',
  '(\\.\\.)',
  '(\\.\\.)+',
  '(?:\\.\\.)+',
]);
const LEADING_DOT_DOT_RUNS = new Set([
  '^(\\.\\.(\\/|\\\\|$))+',
  '^(?:\\.\\.(?:\\/|\\\\|$))+',
  '^(\\.\\.[\\/\\\\])+',
  '^(?:\\.\\.[\\/\\\\])+',
  '^(\\.\\.\\/)+',
  '^(?:\\.\\.\\/)+',
]);

/**
 * Does the replace escape or remove every `<` (`s.replace(/</g, '&lt;')`, `/[&<>"']/g` with a
 * function of the match)? Without a `<` no tag can open. Removing `<script>` or escaping `&` alone
 * leaves `<img onerror=…>` whole.
 */
export function escapesMarkup(
  regex: { pattern: string; flags: string },
  replacement: string | undefined,
): boolean {
  if (!regex.flags.includes('g') || (replacement !== undefined && replacement.includes('<'))) return false;
  const p = regex.pattern;
  return p === '<' || (p.startsWith('[') && !p.startsWith('[^') && p.endsWith(']') && p.includes('<'));
}
