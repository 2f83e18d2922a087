import type { Flag } from './spec.ts';

/**
 * `s.replace(/[^a-z0-9_-]/gi, '')`: a global replace of everything outside one character class
 * leaves only that class's characters (and the replacement's). Which injections that rules out
 * depends on which characters are left: no quote or space for SQL, no `/` for paths, no `<` for
 * HTML. Only printable ASCII is judged; a class that keeps anything else keeps nothing safe.
 */

/** The characters each flag needs kept out. */
const FORBIDDEN: ReadonlyArray<[Flag, string]> = [
  ['shell', ' \t\n\r;&|$`\'"<>(){}[]*?!~#\\'],
  ['html', '<>"\'&`'],
  ['path', '/\\'],
  // Browsers drop tabs and line breaks from a URL (`/\t/evil.com` is `//evil.com`); a log reads them.
  ['url', ':/\\\t\r\n'],
  ['crlf', '\r\n'],
  ['regex', '.*+?^${}()|[]\\'],
];
/** SQL needs fewer than shell: only letters, digits and `_.-@` (no quote, space or parenthesis). */
const SQL_SAFE = /^[A-Za-z0-9_.@-]$/;
const DIGITS = /^[0-9.+-]$/;
const WORD = /^\w$/;

/**
 * Unicode property escapes for letters and digits of any script (`\p{Letter}`, `\p{L}`, `\p{N}`):
 * no quote, space, bracket, slash or line break is among them.
 */
const LETTER_PROPERTIES = new Set(['L', 'Letter', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'Alphabetic', 'Alpha']);
const DIGIT_PROPERTIES = new Set(['N', 'Number', 'Nd', 'Decimal_Number']);

/**
 * The set of printable ASCII characters a class body allows, or undefined if it cannot be read;
 * `scripts` set when it also allows letters or digits beyond ASCII (a `\p{…}` escape, with `u`).
 */
function classChars(
  body: string,
  ignoreCase: boolean,
  unicode = false,
  scripts = { any: false },
): Set<string> | undefined {
  const chars = new Set<string>();
  const add = (c: string) => {
    chars.add(c);
    if (ignoreCase) {
      chars.add(c.toLowerCase());
      chars.add(c.toUpperCase());
    }
  };
  const addRange = (from: string, to: string) => {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) add(String.fromCharCode(c));
  };
  let i = 0;
  // Each step reads one item (`a`, `\w`, `\.`, `a-z`) and moves past it: linear in the body.
  while (i < body.length) {
    let c = body[i]!;
    if (c === '\\') {
      const e = body[i + 1];
      if (e === undefined) return undefined;
      i += 2;
      if (e === 'w') {
        addRange('a', 'z');
        addRange('A', 'Z');
        addRange('0', '9');
        add('_');
        continue;
      }
      if (e === 'd') {
        addRange('0', '9');
        continue;
      }
      if (e === 's') {
        for (const s of ' \t\n\r\v\f') add(s);
        continue;
      }
      if (e === 'p' && unicode && body[i] === '{') {
        const end = body.indexOf('}', i);
        const name = end < 0 ? '' : body.slice(i + 1, end).replace(/^(?:General_Category|gc)=/, '');
        const letters = LETTER_PROPERTIES.has(name);
        if (!letters && !DIGIT_PROPERTIES.has(name)) return undefined;
        if (letters) {
          addRange('a', 'z');
          addRange('A', 'Z');
        } else addRange('0', '9');
        scripts.any = true;
        i = end + 1;
        continue;
      }
      if (/[a-zA-Z0-9]/.test(e) && e !== 'n' && e !== 't' && e !== 'r') return undefined;
      c = e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
    } else i++;
    if (body[i] === '-' && i + 1 < body.length) {
      let to = body[i + 1]!;
      i += 2;
      if (to === '\\') {
        to = body[i] ?? '';
        i++;
      }
      if (!to || to.charCodeAt(0) < c.charCodeAt(0)) return undefined;
      addRange(c, to);
      continue;
    }
    add(c);
  }
  return chars;
}

/**
 * The flags a replace leaves on its result: `pattern` a regex literal's source and flags,
 * `replacement` the literal text put in place of each removed character.
 */
export function stripClassFlags(source: string, regexFlags: string, replacement: string): Flag[] {
  if (!regexFlags.includes('g')) return [];
  const m = /^\[\^((?:\\.|[^\]\\])*)\][+*]?$/.exec(source);
  if (!m) return [];
  const scripts = { any: false };
  const kept = classChars(m[1]!, regexFlags.includes('i'), /[uv]/.test(regexFlags), scripts);
  if (!kept) return [];
  for (const c of replacement) kept.add(c);
  const all = [...kept];
  // Letters and digits of other scripts are no ASCII word characters nor digits a number parses.
  const flags = alphabetFlags(all).filter((f) => !scripts.any || (f !== 'word' && f !== 'numeric'));
  if (scripts.any) return flags;
  // Here a number's text, its sign and point kept (`[^0-9.-]`), counts as a number too.
  if (all.every((c) => DIGITS.test(c)) && !flags.includes('numeric')) flags.push('numeric');
  return flags;
}

/**
 * The flags text made only of `chars` (single characters) earns: those whose characters it cannot
 * spell; `numeric` for digits alone; `word` for ASCII letters, digits and `_` alone. Only printable
 * ASCII is judged: an alphabet with anything else earns nothing.
 */
export function alphabetFlags(chars: readonly string[]): Flag[] {
  if (chars.some((c) => c.charCodeAt(0) < 32 && c !== '\t' && c !== '\n' && c !== '\r')) return [];
  if (chars.some((c) => c.charCodeAt(0) > 126)) return [];
  const flags: Flag[] = FORBIDDEN.filter(([, bad]) => !chars.some((c) => bad.includes(c))).map(([f]) => f);
  if (chars.every((c) => SQL_SAFE.test(c))) flags.push('sql');
  if (chars.every((c) => WORD.test(c))) flags.push('word');
  if (chars.every((c) => c >= '0' && c <= '9')) flags.push('numeric');
  return flags;
}
