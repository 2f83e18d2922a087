import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { concatPieces, templatePieces } from './propagation.ts';
import type { ArgvRead } from './spec.ts';
import { isFn, type Node } from './values.ts';

// A program's argument array (SinkSpec.argv): which of its parts the program may read as options
// (CWE-88). Pure: the taint engine answers what a piece is (sinks.ts).

/** Elements after which getopt, git's parse-options and most tools read operands only. */
const END_OF_OPTIONS = new Set(['--', '--end-of-options']);
/** A subcommand is a word (`log`, `ls-remote`); a value such as `user.name=x` or a path is not. */
const SUBCOMMAND = /^[a-z][a-z0-9-]*$/;

/** A part of the list that the program may read as an option: an element, a spread, or the whole list. */
export interface OptionPart {
  node: Node;
  /** The subcommand read before it (ArgvSpec.values). */
  sub: string;
  /** A spread or an array built elsewhere: the elements are the caller's (SinkSpec.callerNamed). */
  whole: boolean;
}

/**
 * An element of an argument array: an expression, a spread, or what an argument of `concat`
 * spreads (`[script].concat(args)` reads as `[script, ...args]`).
 */
export type ArgvElement =
  | TSESTree.CallExpressionArgument
  | TSESTree.ArrayExpression['elements'][number]
  | { type: 'SpreadElement'; argument: Node };

/** What the walk asks the taint engine about one element. */
export interface ElementFacts {
  /** Its text when it is a constant. */
  constant(n: Node): string | undefined;
  /** Could it start with `-` through untrusted data (no fixed text before that data)? */
  optionLike(n: Node): boolean;
  /** Does it carry no untrusted data at all (the program's own value)? */
  own(n: Node): boolean;
}

/**
 * The parts of `elements` the program may read as options, up to an end of options: not constants,
 * not the value of the option before (ArgvSpec.values), not text that starts fixed. An array
 * literal inside the list is read in place (simple-git's `fetch(remote, branch, ['--depth', n])`);
 * a spread counts whole, and the values of options are unknown after it.
 */
export function optionParts(
  elements: readonly ArgvElement[],
  read: ArgvRead,
  facts: ElementFacts,
): OptionPart[] {
  const values = read.values === undefined ? undefined : new RegExp(read.values);
  const parts: OptionPart[] = [];
  let sub = read.sub ?? '';
  // The element is the value of the option before it.
  let value = false;
  const walk = (list: typeof elements, depth: number): boolean => {
    for (const e of list) {
      if (!e) continue;
      if (e.type === 'SpreadElement') {
        parts.push({ node: e.argument, sub, whole: true });
        value = false;
        continue;
      }
      if (isFn(e) || e.type === 'ObjectExpression') continue;
      if (e.type === 'ArrayExpression' && depth < 2) {
        if (!walk(e.elements, depth + 1)) return false;
        continue;
      }
      const text = facts.constant(e);
      const isValue = value;
      value = false;
      if (text !== undefined) {
        if (isValue) continue;
        if (!read.noEndOfOptions && END_OF_OPTIONS.has(text)) return false;
        if (text.startsWith('-')) value = !text.includes('=') && values?.test(`${sub} ${text}`) === true;
        else if (read.operandEnds) return false;
        else if (sub === '' && SUBCOMMAND.test(text)) sub = text;
        continue;
      }
      if (isValue) continue;
      // The program's own operand (`node <script> …`): what follows is the script's.
      if (read.operandEnds && facts.own(e)) return false;
      if (facts.optionLike(e)) parts.push({ node: e, sub, whole: false });
    }
    return true;
  };
  walk(elements, 0);
  return parts;
}

/** Text as its pieces: constant strings, and the expressions between them. */
export function textPieces(node: Node): Array<string | Node> {
  if (node.type === 'Literal' && typeof node.value === 'string') return [node.value];
  if (node.type === 'TemplateLiteral') return templatePieces(node);
  if (node.type === 'BinaryExpression' && node.operator === '+')
    return concatPieces(node).flatMap((p) =>
      typeof p !== 'string' && p.type === 'TemplateLiteral' ? textPieces(p) : [p],
    );
  return [node];
}

/**
 * Does the text start fixed before its first untrusted piece, so that no one but the program
 * chooses whether it is an option? It does when it starts with constant text that is not `-`
 * (`'refs/heads/' + b`), or with an option whose `=` comes before the data (`'--depth=' + n`,
 * `` `--${name}=${v}` ``). A value of the program's own at the start may be empty: not fixed.
 */
export function fixedLead(pieces: ReadonlyArray<string | Node>, tainted: (n: Node) => boolean): boolean {
  let lead = '';
  for (const p of pieces) {
    if (typeof p === 'string') lead += p;
    else if (tainted(p)) break;
    else lead += '\0';
  }
  return lead !== '' && lead[0] !== '\0' && (lead[0] !== '-' || lead.includes('='));
}
