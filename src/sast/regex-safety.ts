/**
 * A small, conservative check for regexes that can backtrack catastrophically, on the AST from
 * regexp-tree. It looks for the three shapes behind almost every real ReDoS:
 *
 *  - nested unbounded quantifiers (star height > 1): `(a+)+`, `(\w+\s?)*`, `(a+|b)*` — unless every
 *    iteration of the outer loop must consume a delimiter the inner loop cannot match, as in
 *    `(\s*,\s*\w+)*` or `([a-z]+\.)+`, which are linear;
 *  - an unbounded quantifier over alternatives that can match the same character: `(a|a)*`,
 *    `(\w|\d)+`, `(.|\s)*`, or the same run, one alternative spelling what the single-character
 *    ones spell over several iterations: `(?:\\.|[^"])*` (a backslash both escapes and is a character);
 *  - a bounded repetition (3+ times) of a body containing an unbounded quantifier without such a
 *    delimiter: `(.*a){12}`, polynomial in the count.
 *
 * Character sets are approximated over ASCII plus one bit for "anything else", which is enough to
 * decide overlap for the classes people write.
 */
import regexpTree from 'regexp-tree';
import type { AstNode, Expression, Repetition } from 'regexp-tree/ast';

/** 129 bits: ASCII 0..127, and 128 for every other code point. */
export type CharSet = bigint;
const OTHER = 128n;
const ALL: CharSet = (1n << 129n) - 1n;

function bit(code: number): CharSet {
  return 1n << (code < 128 ? BigInt(code) : OTHER);
}

function range(from: number, to: number): CharSet {
  let set = 0n;
  for (let c = from; c <= Math.min(to, 127); c++) set |= bit(c);
  if (to >= 128) set |= bit(128);
  return set;
}

const DIGIT = range(48, 57);
const WORD = DIGIT | range(65, 90) | range(97, 122) | bit(95);
const SPACE = range(9, 13) | bit(32) | bit(128);
const NEWLINES = bit(10) | bit(13);

export function charSet(node: Expression | null, ignoreCase: boolean): CharSet | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'Char': {
      if (node.kind === 'meta') {
        switch (node.value) {
          case '.':
            return ALL & ~NEWLINES;
          case '\\d':
            return DIGIT;
          case '\\D':
            return ALL & ~DIGIT;
          case '\\w':
            return WORD;
          case '\\W':
            return ALL & ~WORD;
          case '\\s':
            return SPACE;
          case '\\S':
            return ALL & ~SPACE;
          default:
            return bit(node.codePoint);
        }
      }
      return caseFold(bit(node.codePoint), ignoreCase);
    }
    case 'CharacterClass': {
      let set = 0n;
      for (const e of node.expressions) {
        set |=
          e.type === 'ClassRange' ? range(e.from.codePoint, e.to.codePoint) : (charSet(e, ignoreCase) ?? ALL);
      }
      set = caseFold(set, ignoreCase);
      return node.negative ? ALL & ~set : set;
    }
    default:
      return undefined;
  }
}

function caseFold(set: CharSet, ignoreCase: boolean): CharSet {
  if (!ignoreCase) return set;
  const upper = (set >> 65n) & ((1n << 26n) - 1n);
  const lower = (set >> 97n) & ((1n << 26n) - 1n);
  return set | ((upper | lower) << 65n) | ((upper | lower) << 97n);
}

export function isUnbounded(rep: Repetition): boolean {
  const q = rep.quantifier;
  return q.kind === '*' || q.kind === '+' || (q.kind === 'Range' && q.to === undefined);
}

export function minCount(rep: Repetition): number {
  const q = rep.quantifier;
  return q.kind === '+' ? 1 : q.kind === 'Range' ? q.from : 0;
}

function children(node: AstNode): Expression[] {
  switch (node.type) {
    case 'Alternative':
      return node.expressions;
    case 'Disjunction':
      return [node.left, node.right].filter((n): n is Expression => n !== null);
    case 'Group':
      return node.expression ? [node.expression] : [];
    case 'Repetition':
      return [node.expression];
    default:
      return [];
  }
}

/** Union of the character sets of every unbounded repetition inside `node` (undefined if none). */
function innerLoops(node: Expression, ignoreCase: boolean): CharSet | undefined {
  let found: CharSet | undefined;
  const visit = (n: Expression) => {
    if (n.type === 'Repetition' && isUnbounded(n))
      found = (found ?? 0n) | firstChars(n.expression, ignoreCase);
    children(n).forEach(visit);
  };
  visit(node);
  return found;
}

/** Characters a node can start with (over-approximated; ALL when unsure). */
function firstChars(node: Expression, ignoreCase: boolean): CharSet {
  const own = charSet(node, ignoreCase);
  if (own !== undefined) return own;
  switch (node.type) {
    case 'Group':
      return node.expression ? firstChars(node.expression, ignoreCase) : 0n;
    case 'Repetition':
      return firstChars(node.expression, ignoreCase);
    case 'Disjunction':
      return children(node).reduce((s, c) => s | firstChars(c, ignoreCase), 0n);
    case 'Alternative': {
      // Union of all element sets: safe over-approximation for overlap questions.
      return node.expressions.reduce((s, c) => s | firstChars(c, ignoreCase), 0n);
    }
    case 'Assertion':
      return 0n;
    default:
      return ALL;
  }
}

/**
 * Character sets every match of `node` must consume, in order: single characters of its sequence,
 * also inside plain groups and bounded repetitions. A negative lookahead right before a character
 * narrows it (`(?![ \t]).` cannot be a space).
 */
function mandatoryChars(node: Expression, ignoreCase: boolean, out: CharSet[] = []): CharSet[] {
  const seq = node.type === 'Alternative' ? node.expressions : [node];
  let exclude = 0n;
  for (const e of seq) {
    if (e.type === 'Assertion' && e.kind === 'Lookahead' && e.negative && e.assertion) {
      exclude = charSet(e.assertion, ignoreCase) ?? 0n;
      continue;
    }
    const set = charSet(e, ignoreCase);
    if (set !== undefined) out.push(set & ~exclude);
    else if (e.type === 'Group' && e.expression && e.expression.type !== 'Disjunction') {
      mandatoryChars(e.expression, ignoreCase, out);
    } else if (e.type === 'Repetition' && minCount(e) >= 1 && !isUnbounded(e)) {
      mandatoryChars(e.expression, ignoreCase, out);
    }
    exclude = 0n;
  }
  return out;
}

/**
 * True when every iteration of a loop body must consume a character its inner loops cannot, so
 * iterations cannot be re-split. With alternatives, each one that holds a loop must be delimited.
 */
function delimited(body: Expression, inner: CharSet, ignoreCase: boolean): boolean {
  const hasDelimiter = (n: Expression) => mandatoryChars(n, ignoreCase).some((set) => (set & inner) === 0n);
  const alts = alternatives(body);
  if (alts.length > 1)
    return alts.every((alt) => innerLoops(alt, ignoreCase) === undefined || hasDelimiter(alt));
  let n: Expression = body;
  while (n.type === 'Group' && n.expression) n = n.expression;
  return hasDelimiter(n);
}

/** Can `node` always match the empty string without failing (`x*`, `(?:a|b)?`)? */
function neverFails(node: Expression): boolean {
  return node.type === 'Repetition' && minCount(node) === 0;
}

export function alternatives(node: Expression): Expression[] {
  if (node.type === 'Disjunction') return [node.left, node.right].flatMap((n) => (n ? alternatives(n) : []));
  if (node.type === 'Group' && node.expression) return alternatives(node.expression);
  return [node];
}

/** A fixed run of single characters (`\\.`, `ab`, `[+-]\d`): the set of each, in order. */
function charSequence(node: Expression, ignoreCase: boolean): CharSet[] | undefined {
  const items = node.type === 'Alternative' ? node.expressions : [node];
  const sets = items.map((e) => charSet(e, ignoreCase));
  return sets.every((set) => set !== undefined) ? (sets as CharSet[]) : undefined;
}

function overlappingAlternatives(body: Expression, ignoreCase: boolean): boolean {
  const alts = alternatives(body);
  if (alts.length < 2) return false;
  // One alternative spells a run the single-character ones can spell too, one per iteration:
  // `(?:\\.|[^"])*` matches `\\\\` as one escape or as two characters, and so on, 2^n ways.
  const single = alts.reduce((set, alt) => set | (charSet(alt, ignoreCase) ?? 0n), 0n);
  if (
    single !== 0n &&
    alts.some((alt) => {
      const run = charSequence(alt, ignoreCase);
      return run !== undefined && run.length > 1 && run.every((set) => (set & single) !== 0n);
    })
  )
    return true;
  for (let i = 0; i < alts.length; i++) {
    for (let j = i + 1; j < alts.length; j++) {
      const a = alts[i];
      const b = alts[j];
      if (!a || !b) continue;
      if (regexpTree.generate(a) === regexpTree.generate(b)) return true;
      const sa = charSet(a, ignoreCase);
      const sb = charSet(b, ignoreCase);
      if (sa !== undefined && sb !== undefined && (sa & sb) !== 0n) return true;
    }
  }
  return false;
}

export interface RegexProblem {
  kind: 'nested-quantifier' | 'overlapping-alternation' | 'repeated-loop';
  /** The offending part of the pattern. */
  part: string;
}

const MAX_PATTERN = 5000;
const CACHE_SIZE = 2000;

/**
 * An analysis of one regex (pattern source and flags), with recent answers remembered: the same
 * literals recur across files (bundles, vendored helpers). Patterns over 5,000 characters are not
 * analysed.
 */
export function memoisedRegexAnalysis<T>(
  analyse: (pattern: string, flags: string) => T | undefined,
): (pattern: string, flags?: string) => T | undefined {
  const cache = new Map<string, T | null>();
  return (pattern, flags = '') => {
    if (pattern.length > MAX_PATTERN) return undefined;
    const key = `${flags}/${pattern}`;
    const known = cache.get(key);
    if (known !== undefined) return known ?? undefined;
    const found = analyse(pattern, flags);
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(key, found ?? null);
    return found;
  };
}

type RegexAst = ReturnType<typeof regexpTree.parse>;

/**
 * The most recently parsed patterns (null: not a valid regex), least recent first. The analyses of
 * one literal (exponential and polynomial ReDoS, the parts of a match) follow one another within a
 * file and read the AST without changing it: they share one parse.
 */
const parsed = new Map<string, RegexAst | null>();
const PARSED_SIZE = 64;

/** regexp-tree's AST of a pattern, or undefined when it is not a valid regex (not a ReDoS then). */
export function parseRegex(pattern: string, flags: string): RegexAst | undefined {
  const key = `${flags}/${pattern}`;
  let ast = parsed.get(key);
  if (ast !== undefined) parsed.delete(key);
  else {
    try {
      ast = regexpTree.parse(`/${pattern}/${flags.replace(/[^gimsuyd]/g, '')}`);
    } catch {
      ast = null;
    }
    if (parsed.size >= PARSED_SIZE) parsed.delete(parsed.keys().next().value!);
  }
  parsed.set(key, ast);
  return ast ?? undefined;
}

/**
 * Check one regex (pattern source and flags). Returns the first problem found, or undefined when
 * the pattern is safe by these checks or cannot be parsed (an invalid regex is not a ReDoS).
 */
export const findRegexProblem = memoisedRegexAnalysis(analyse);

function analyse(pattern: string, flags: string): RegexProblem | undefined {
  const ast = parseRegex(pattern, flags);
  if (!ast) return undefined;
  const ignoreCase = flags.includes('i');
  let problem: RegexProblem | undefined;
  // `tail`: nothing that can fail follows this node, so a loop here ends in a match, not a
  // backtracking search (`/\s*(\/\/.*)*/` is linear; `/^(a+)+$/` is not).
  const visit = (n: Expression, tail: boolean) => {
    if (problem) return;
    if (n.type === 'Repetition') {
      const body = n.expression;
      const inner = innerLoops(body, ignoreCase);
      if (isUnbounded(n)) {
        if (!tail && inner !== undefined && !delimited(body, inner, ignoreCase)) {
          problem = { kind: 'nested-quantifier', part: regexpTree.generate(n) };
        } else if (!tail && overlappingAlternatives(body, ignoreCase)) {
          problem = { kind: 'overlapping-alternation', part: regexpTree.generate(n) };
        }
      } else if (
        n.quantifier.kind === 'Range' &&
        (n.quantifier.to ?? n.quantifier.from) >= 3 &&
        inner !== undefined &&
        !delimited(body, inner, ignoreCase)
      ) {
        problem = { kind: 'repeated-loop', part: regexpTree.generate(n) };
      }
      visit(body, false);
      return;
    }
    if (n.type === 'Alternative') {
      const items = n.expressions;
      items.forEach((e, i) => visit(e, tail && items.slice(i + 1).every(neverFails)));
      return;
    }
    if (n.type === 'Disjunction' || (n.type === 'Group' && n.expression)) {
      children(n).forEach((c) => visit(c, tail));
      return;
    }
    children(n).forEach((c) => visit(c, false));
  };
  if (ast.body) visit(ast.body, true);
  return problem;
}
