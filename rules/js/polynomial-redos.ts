import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findPolynomialProblem } from '../../src/sast/regex-polynomial.ts';
import { calleeName, resolverFor } from '../../src/sast/resolve.ts';
import { defineTaintRule, type TaintAudit } from '../../src/sast/taint/rule.ts';

/**
 * The pattern half, in library code only: a regex literal that backtracks polynomially. A
 * library's callers choose the text its tokenisers and parsers run regexes over, however many
 * calls (or object properties holding the regex) stand between the exported function and the
 * match, which the taint half cannot always follow. Medium: the text may still be the library's own.
 */
const backtrackingInLibrary: TaintAudit = {
  precision: 'medium',
  scope: 'library',
  hint: (text) => text.includes('/') || text.includes('RegExp'),
  create(context, propose) {
    const check = (node: TSESTree.Node, pattern: string, flags: string) => {
      const problem = findPolynomialProblem(pattern, flags);
      if (!problem) return;
      propose({
        node,
        message: `A caller's text can make this regex backtrack (${problem.part}) on strings with many repetitions of ${problem.pump}: quadratic time or worse.`,
      });
    };
    // `new RegExp(parts.join('|'))` with constant parts is a literal written in pieces (ansi-regex).
    const construct = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      if (calleeName(node.callee) !== 'RegExp') return;
      const [p, f] = node.arguments;
      if (!p || p.type === 'SpreadElement' || p.type === 'Literal') return;
      const resolver = resolverFor(context.ast);
      const pattern = resolver.staticValue(p)?.value;
      if (typeof pattern !== 'string' || resolver.resolve(node.callee) !== 'RegExp') return;
      const flags = f && f.type !== 'SpreadElement' ? resolver.staticValue(f)?.value : '';
      check(node, pattern, typeof flags === 'string' ? flags : '');
    };
    return {
      Literal(node: TSESTree.Literal) {
        if ('regex' in node && node.regex) check(node, node.regex.pattern, node.regex.flags);
      },
      NewExpression: construct,
      CallExpression: construct,
    };
  },
};

export default defineTaintRule(
  {
    id: 'js/polynomial-redos',
    kind: 'sast',
    title: 'Polynomial ReDoS: untrusted text runs through a regex that backtracks',
    severity: 'medium',
    cwe: ['CWE-1333', 'CWE-730'],
    owasp: ['A06:2021-Vulnerable and Outdated Components'],
    help:
      'A regex such as `/\\s+$/`, `/a+b/` or `/^\\s*(.*?)\\s*$/` takes time quadratic (or worse) in ' +
      'the length of the text when it fails: the engine retries from every start position in a long ' +
      'run of spaces, or tries every way to split the run between two loops. Run over request data or ' +
      "a library caller's argument, a string of some 50,000 spaces blocks the event loop for seconds. " +
      'A regex that backtracks exponentially (`/([a-z]+)+$/`, js/redos-regex at its literal) is reported ' +
      'here too where untrusted text reaches it, at the call that runs it. ' +
      'Anchor the search (`/^…/`), make adjacent loops match disjoint characters, trim with ' +
      '`String.prototype.trimEnd`, or bound the input length first (`if (s.length > 1000) …`, or cut it: ' +
      '`s.substring(0, 200)`; up to 4,096 characters are harmless). In a ' +
      'library package every such regex literal (or `RegExp` of constant parts) is reported at medium precision: its callers choose the text.',
    fixHint:
      'Bound the input length, anchor the regex, or rewrite it so no two adjacent loops share a character.',
  },
  {
    sinks: [],
    sources: ['remote', 'library'],
    sanitisedBy: ['numeric', 'short'],
    guards: ['allow', 'lookup', 'short', 'type'],
    slowRegexInput: true,
  },
  backtrackingInLibrary,
);
