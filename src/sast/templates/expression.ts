/**
 * The data paths an output expression writes, read by a hand-written scanner (linear: every
 * character is passed once). What a call returns is its own (an escaper, a formatter, a Markdown
 * renderer), so names given to a call do not count — except through the few methods and
 * functions that hand the same text back.
 */

/** Methods (and `String(x)`) whose result is the receiver's text, still unescaped. */
const SAME_TEXT = new Set([
  'toString',
  'trim',
  'trimStart',
  'trimEnd',
  'toUpperCase',
  'toLowerCase',
  'slice',
  'substring',
  'substr',
  'join',
  'String',
]);

/** Words that are never data: literals and operators of JavaScript and of Jinja-like engines. */
const NOT_NAMES = new Set([
  'true',
  'false',
  'null',
  'undefined',
  'typeof',
  'void',
  'new',
  'instanceof',
  'in',
  'of',
  'True',
  'False',
  'None',
  'none',
  'and',
  'or',
  'not',
  'if',
  'else',
  'is',
]);

const isIdStart = (c: string) => /[A-Za-z_$]/.test(c);
const isIdPart = (c: string) => /[\w$]/.test(c);

/** The offset after the string literal that opens at `i`. */
function skipString(s: string, i: number): number {
  const q = s[i];
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === q) return j + 1;
  }
  return s.length;
}

/** The offset after the bracket group that opens at `i` (strings inside skipped). */
export function skipGroup(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j]!;
    if (c === '"' || c === "'" || c === '`') {
      j = skipString(s, j) - 1;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return s.length;
}

/** The offset after the string literal or bracket group that opens at `i`. */
export function skipStringOrGroup(s: string, i: number): number {
  const c = s[i];
  return c === '"' || c === "'" || c === '`' ? skipString(s, i) : skipGroup(s, i);
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && /\s/.test(s[i]!)) i++;
  return i;
}

/** A literal index (`['bio']`, `[0]`) at `i`: its key and the offset after it. */
function literalIndex(s: string, i: number): { key: string; end: number } | undefined {
  let j = skipSpace(s, i + 1);
  const c = s[j];
  if (c === '"' || c === "'") {
    const end = skipString(s, j);
    const key = s.slice(j + 1, end - 1);
    j = skipSpace(s, end);
    return s[j] === ']' && !key.includes('\\') ? { key, end: j + 1 } : undefined;
  }
  const start = j;
  while (j < s.length && /\d/.test(s[j]!)) j++;
  if (j === start) return undefined;
  const key = s.slice(start, j);
  j = skipSpace(s, j);
  return s[j] === ']' ? { key, end: j + 1 } : undefined;
}

/**
 * The paths `expr` outputs, in the order written. `locals.x` and `this.x` name the local `x`.
 * A path cut by a computed index keeps its head (`items[i].name` → `items`).
 */
export function outputNames(expr: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(expr, i);
      continue;
    }
    if (/\d/.test(c)) {
      while (i < expr.length && /[\w.]/.test(expr[i]!)) i++;
      continue;
    }
    if (!isIdStart(c)) {
      i++;
      continue;
    }
    // A path: name(.name | ?.name | ['key'] | [0])*
    const start = i;
    const segments: string[] = [];
    let cut = false;
    let j = i;
    while (j < expr.length && isIdPart(expr[j]!)) j++;
    segments.push(expr.slice(i, j));
    for (;;) {
      const k = skipSpace(expr, j);
      const dot = expr[k] === '.' ? k + 1 : expr.startsWith('?.', k) && expr[k + 2] !== '(' ? k + 2 : -1;
      if (dot > 0 && isIdStart(expr[skipSpace(expr, dot)] ?? '')) {
        let e = skipSpace(expr, dot);
        const s = e;
        while (e < expr.length && isIdPart(expr[e]!)) e++;
        if (!cut) segments.push(expr.slice(s, e));
        j = e;
        continue;
      }
      if (expr[k] === '[') {
        const lit = literalIndex(expr, k);
        if (lit && !cut) segments.push(lit.key);
        else cut = true;
        j = lit ? lit.end : skipGroup(expr, k);
        continue;
      }
      break;
    }
    i = j;
    const next = skipSpace(expr, i);
    if (expr[next] === '(') {
      // A call: only a same-text method or String() passes its receiver or argument through.
      const method = segments[segments.length - 1]!;
      const end = skipGroup(expr, next);
      if (SAME_TEXT.has(method)) {
        if (segments.length > 1) out.push(...named(segments.slice(0, -1)));
        else out.push(...outputNames(expr.slice(next + 1, end - 1)));
      }
      i = end;
      // What is read from a call's result is the call's too.
      for (;;) {
        const k = skipSpace(expr, i);
        if (expr[k] === '.' && isIdStart(expr[skipSpace(expr, k + 1)] ?? '')) {
          let e = skipSpace(expr, k + 1);
          while (e < expr.length && isIdPart(expr[e]!)) e++;
          const after = skipSpace(expr, e);
          i = expr[after] === '(' ? skipGroup(expr, after) : e;
        } else if (expr[k] === '[') i = skipGroup(expr, k);
        else break;
      }
      continue;
    }
    if (segments.length === 1 && NOT_NAMES.has(segments[0]!)) continue;
    // An operand of a comparison outputs `true` or `false`, not itself: `face === 'config' ? … : ''`.
    if (comparedAfter(expr, next) || comparedBefore(expr, start)) continue;
    // `x => …` and `function (x)` bind names: not output (EJS scriptlet code never reaches here).
    out.push(...named(segments));
  }
  return [...new Set(out)];
}

/** Comparison operators (`=>` and `=` are none). */
const COMPARISON = /^(?:===|!==|==|!=|<=|>=|<(?!=)|>(?!=))/;

/** Does a comparison operator start at `i`? */
function comparedAfter(s: string, i: number): boolean {
  return COMPARISON.test(s.slice(i, i + 3));
}

/** Does a comparison operator end right before `i`, spaces apart? */
function comparedBefore(s: string, i: number): boolean {
  let k = i;
  while (k > 0 && /\s/.test(s[k - 1]!)) k--;
  const op = s.slice(Math.max(0, k - 3), k);
  return /(?:===|!==|[^=!<>]==|[^=!]!=|<=|>=|[^=]<|[^=]>|^<|^>)$/.test(op) && !op.endsWith('=>');
}

function named(segments: readonly string[]): string[] {
  const s = segments[0] === 'locals' || segments[0] === 'this' ? segments.slice(1) : segments;
  return s.length ? [s.join('.')] : [];
}
