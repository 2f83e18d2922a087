import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findPolynomialProblem, type PolynomialProblem } from '../regex-polynomial.ts';
import { findRegexProblem } from '../regex-safety.ts';
import type { Bindings } from '../scope/bindings.ts';
import { constInit } from './guards.ts';
import type { Node } from './values.ts';

/** Methods of a regex that run it over their first argument. */
const REGEX_METHODS = new Set(['test', 'exec']);
/** Methods of a string that run the regex given as their first argument over the string. */
const STRING_METHODS = new Set(['match', 'matchAll', 'replace', 'replaceAll', 'split', 'search']);

/** A regex literal, directly or through a variable declared with one and never assigned again. */
export function regexOf(node: Node | undefined, bindings: Bindings): TSESTree.RegExpLiteral | undefined {
  const n = node?.type === 'Identifier' ? constInit(node, (id) => bindings.variableOf(id)) : node;
  return n?.type === 'Literal' && 'regex' in n && n.regex ? (n as TSESTree.RegExpLiteral) : undefined;
}

/**
 * `re.test(s)` / `s.replace(re, …)` with a literal regex: the regex and the text it runs over;
 * undefined for any other call. Cheap: whether the regex is slow is asked only of the uses that
 * untrusted text reaches (slowness).
 */
export function regexUse(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  bindings: Bindings,
): { text: Node; regex: TSESTree.RegExpLiteral } | undefined {
  const callee = call.callee;
  if (call.type !== 'CallExpression' || callee.type !== 'MemberExpression' || callee.computed)
    return undefined;
  if (callee.property.type !== 'Identifier') return undefined;
  const method = callee.property.name;
  let regex: TSESTree.RegExpLiteral | undefined;
  let text: Node | undefined;
  if (REGEX_METHODS.has(method)) {
    regex = regexOf(callee.object, bindings);
    text = call.arguments[0];
  } else if (STRING_METHODS.has(method)) {
    regex = regexOf(call.arguments[0], bindings);
    text = callee.object;
  }
  if (!regex || !text || text.type === 'SpreadElement') return undefined;
  return { text, regex };
}

/**
 * Whether a regex backtracks polynomially or exponentially (as js/redos-regex finds at the
 * literal), and what the sink says of it; undefined when it does not.
 */
export function slowness(
  regex: TSESTree.RegExpLiteral,
): { message: string; needsLineBreak: boolean } | undefined {
  const { pattern, flags } = regex.regex;
  const problem = findPolynomialProblem(pattern, flags);
  if (problem)
    return {
      message: `a regular expression that backtracks (${problem.part}) on strings with many repetitions of ${problem.pump}`,
      needsLineBreak: needsLineBreak(regex.regex, problem),
    };
  const exponential = findRegexProblem(pattern, flags);
  return exponential
    ? {
        message: `a regular expression that backtracks exponentially (${exponential.part})`,
        needsLineBreak: false,
      }
    : undefined;
}

/**
 * `/\?.*$/`: the backtracking loop is a `.` run up to the end of the input, which fails (and makes
 * the engine retry) only at a line break; text with none is matched in one pass.
 */
function needsLineBreak(regex: { pattern: string; flags: string }, problem: PolynomialProblem): boolean {
  if (/[ms]/.test(regex.flags) || !/(?:^|[^\\])\.[*+]$/.test(problem.part)) return false;
  return regex.pattern.endsWith(`${problem.part}$`);
}
