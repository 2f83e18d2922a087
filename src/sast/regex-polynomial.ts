/**
 * Regexes whose worst case is polynomial (quadratic or worse) in the length of the text they run
 * over, the shapes behind most ReDoS advisories of npm packages that are not exponential:
 *
 *  - a search not anchored at the start whose first element is an unbounded loop (or single
 *    characters the loop matches too, then the loop: `/,.*\}/`), with something after it that can
 *    fail: `/\s+$/`, `/a+b/`, `/.*foo/`. The engine tries every start position
 *    inside a long run of the loop's characters, and each try scans to the end of the run: n²;
 *  - two unbounded loops with a character in common, next to each other (only optional items, or
 *    characters both loops match, between), with something after them that can fail:
 *    `/^\s*(.*?)\s*$/`, `/\d+\d*x/`, `/.*\/.*\}$/`. The run
 *    can be split between them in n ways, each tried to the end: n² (n³ with three).
 *
 * Both are looked for on each path through optional groups and alternations.
 *
 * Character sets come from regex-safety.ts (ASCII plus one bit for the rest).
 */
import regexpTree from 'regexp-tree';
import type { Expression, Repetition } from 'regexp-tree/ast';
import {
  alternatives,
  charSet,
  type CharSet,
  isUnbounded,
  memoisedRegexAnalysis,
  minCount,
  parseRegex,
} from './regex-safety.ts';

export interface PolynomialProblem {
  /** The loop (or loops) that backtrack. */
  part: string;
  /** What the attack text repeats, as CodeQL words it: "many repetitions of ' '". */
  pump: string;
}

export const findPolynomialProblem = memoisedRegexAnalysis(analyse);

/** `(x)`, `(?:x)` → `x`: a group around one element repeats as that element does. */
function unwrap(e: Expression): Expression {
  while (e.type === 'Group' && e.expression) e = e.expression;
  return e;
}

/**
 * An unbounded loop over one character set (`\s*`, `[^,]+`, `(.*?)`), with that set; an optional
 * loop (`(?:\d+)?`, the same as `\d*`) is one too.
 */
function loopSet(element: Expression, ignoreCase: boolean): CharSet | undefined {
  let e = unwrap(element);
  if (e.type === 'Repetition' && !isUnbounded(e) && maxCount(e) === 1) e = unwrap(e.expression);
  if (e.type !== 'Repetition' || !isUnbounded(e)) return undefined;
  let body: Expression = e.expression;
  while (body.type === 'Group' && body.expression) body = body.expression;
  // `(?:;[^;]*)*` repeats `;` alone when the rest of each turn is empty: a loop over `;`.
  if (body.type === 'Alternative') {
    const mandatory = body.expressions.filter((x) => !optional(x));
    return mandatory.length === 1 ? charSet(mandatory[0]!, ignoreCase) : undefined;
  }
  return charSet(body, ignoreCase);
}

/** The most times a bounded repetition may match (`?` once, `{2,5}` five times). */
const maxCount = (rep: Repetition): number =>
  rep.quantifier.kind === '?'
    ? 1
    : rep.quantifier.kind === 'Range'
      ? (rep.quantifier.to ?? Infinity)
      : Infinity;

const optional = (element: Expression) => {
  const e = unwrap(element);
  return e.type === 'Repetition' && minCount(e as Repetition) === 0;
};

/** Whether anything in `rest` can fail to match (`$`, a character, a mandatory group). */
const canFail = (rest: readonly Expression[]) => rest.some((e) => !optional(e));

/** A printable character of the set, for the message: space, then letters, digits, the rest. */
function sample(set: CharSet): string {
  for (const c of [32, ...range(97, 122), ...range(65, 90), ...range(48, 57), ...range(33, 126), 9, 10])
    if ((set >> BigInt(c)) & 1n) return JSON.stringify(String.fromCharCode(c)).slice(1, -1);
  return '\\u00e9';
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The elements matched one after the other, groups of a single alternative spliced in: `^((?:\d+)?\.?\d+) *` is `^`, `(?:\d+)?`, `\.?`, `\d+`, ` *`. */
function sequence(node: Expression): Expression[] {
  const items = node.type === 'Alternative' ? node.expressions : [node];
  return items.flatMap((e) =>
    e.type === 'Group' && e.expression?.type === 'Alternative' ? sequence(e.expression) : [e],
  );
}

/** Paths followed through one alternative: nested choices multiply them. */
const MAX_PATHS = 32;

/**
 * The sequences an alternative may match, each nested choice taken either way: a group of
 * alternatives (`(?:a|b)`) one alternative at a time, an optional group (`(?:a*b)?`) skipped or
 * taken. ansi-regex 6.0.0's `[;?]*(?:(?:[a-z\d]*(?:;[…]*)*)?\u0007|…)` shows its two loops over
 * `;` only on the path that takes the optional group. Past MAX_PATHS, the plain sequence.
 */
function paths(alt: Expression): Expression[][] {
  let out: Expression[][] = [[]];
  for (const e of sequence(alt)) {
    const inner = unwrap(e);
    let choices: Expression[][] = [[e]];
    if (e.type === 'Group' && e.expression?.type === 'Disjunction')
      choices = alternatives(e.expression).flatMap(paths);
    else if (
      inner.type === 'Repetition' &&
      !isUnbounded(inner) &&
      maxCount(inner) === 1 &&
      minCount(inner) === 0 &&
      inner.expression.type === 'Group' &&
      // (`(?:\d+)?` alone is already a loop: loopSet)
      (inner.expression.expression?.type === 'Alternative' ||
        inner.expression.expression?.type === 'Disjunction')
    )
      choices = [[], ...alternatives(inner.expression.expression).flatMap(paths)];
    out = out.flatMap((p) => choices.map((c) => [...p, ...c]));
    if (out.length > MAX_PATHS) return [sequence(alt)];
  }
  return out;
}

function analyse(pattern: string, flags: string): PolynomialProblem | undefined {
  const ast = parseRegex(pattern, flags);
  if (!ast?.body) return undefined;
  const ignoreCase = flags.includes('i');
  const sticky = flags.includes('y');
  for (const seq of alternatives(ast.body).flatMap(paths)) {
    const anchored = sticky || (seq[0]?.type === 'Assertion' && seq[0].kind === '^');
    const part = (from: number, to: number) =>
      seq
        .slice(from, to + 1)
        .map((e) => regexpTree.generate(e))
        .join('');
    // Single characters before the leading loop that it matches too (`/,.*\}/`, `/<.*>/`): a run
    // of them is as many start positions, each scanning to the end of the run.
    let k = 0;
    let lead: CharSet | undefined;
    for (let set; k < seq.length && (set = charSet(seq[k]!, ignoreCase)) !== undefined; k++)
      lead = (lead ?? set) & set;
    const first = seq[k] && loopSet(seq[k]!, ignoreCase);
    const pumped = first === undefined ? 0n : lead === undefined ? first : first & lead;
    if (!anchored && pumped !== 0n && canFail(seq.slice(k + 1)))
      return { part: part(0, k), pump: `'${sample(pumped)}'` };
    for (let i = 0; i < seq.length; i++) {
      const a = loopSet(seq[i]!, ignoreCase);
      if (a === undefined) continue;
      // The characters a run may repeat to be split between this loop and a later one: through
      // optional items, and through single characters they share (`.*\/.*` on `////…`).
      let shared = a;
      for (let j = i + 1; j < seq.length; j++) {
        const b = loopSet(seq[j]!, ignoreCase);
        if (b !== undefined && (shared & b) !== 0n && canFail(seq.slice(j + 1)))
          return { part: part(i, j), pump: `'${sample(shared & b)}'` };
        if (optional(seq[j]!)) continue;
        const set = charSet(seq[j]!, ignoreCase);
        if (set === undefined || (shared & set) === 0n) break;
        shared &= set;
      }
    }
  }
  return undefined;
}
