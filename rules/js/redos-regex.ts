import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { calleeName, resolverFor } from '../../src/sast/resolve.ts';
import { findRegexProblem, type RegexProblem } from '../../src/sast/regex-safety.ts';

const EXPLAIN: Record<RegexProblem['kind'], string> = {
  'nested-quantifier': 'a quantified group contains another unbounded quantifier',
  'overlapping-alternation': 'a repeated alternation has branches that match the same text',
  'repeated-loop': 'a repeated group contains an unbounded quantifier with no delimiter',
};

export default defineRule({
  meta: {
    id: 'js/redos-regex',
    kind: 'sast',
    title: 'Regular expression with catastrophic backtracking',
    severity: 'medium',
    cwe: ['CWE-1333'],
    owasp: ['A06:2021-Vulnerable and Outdated Components'],
    help:
      'Patterns like `(a+)+`, `(\\w+\\s?)*`, `(a|a)*` or `(.*a){12}` can match one input in ' +
      'exponentially (or polynomially) many ways; a crafted string of a few dozen characters makes ' +
      'the regex engine run for minutes and blocks the event loop (ReDoS). vigil checks each literal ' +
      'regex for nested unbounded quantifiers without a delimiter, repeated alternations whose ' +
      'branches overlap, and repeated loops. Make each repetition match unambiguously, e.g. ' +
      '`/^\\w+(\\s\\w+)*$/` instead of `/^(\\w+\\s?)*$/`, and bound input length.',
    fixHint:
      'Rewrite the pattern so each repetition is unambiguous (delimit nested loops), and bound input length.',
  },
  // Backtracking blows up only where a group repeats: `)*`, `)+`, `){n` (or an escaped `)`).
  hint: /\)(?:[*+]|\{\d)|\\(?:u0029|x29|u\{29\})/,
  create(context) {
    const report = (node: TSESTree.Node, pattern: string, flags: string) => {
      const problem = findRegexProblem(pattern, flags);
      if (problem)
        context.report({
          node,
          message: `Catastrophic backtracking: ${EXPLAIN[problem.kind]} (${problem.part}).`,
        });
    };
    const construct = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      if (calleeName(node.callee) !== 'RegExp') return;
      const [p, f] = node.arguments;
      if (!p || p.type === 'SpreadElement') return;
      if (p.type === 'Literal' && 'regex' in p && p.regex) return; // the Literal visitor has it
      const resolver = resolverFor(context.ast);
      const pattern = resolver.staticValue(p);
      if (!pattern || typeof pattern.value !== 'string') return;
      const flags = f && f.type !== 'SpreadElement' ? String(resolver.staticValue(f)?.value ?? '') : '';
      // Scope work (is `RegExp` the global?) only for a pattern that has a problem.
      if (!findRegexProblem(pattern.value, flags) || resolver.resolve(node.callee) !== 'RegExp') return;
      report(node, pattern.value, flags);
    };
    return {
      Literal(node: TSESTree.Literal) {
        if ('regex' in node && node.regex) report(node, node.regex.pattern, node.regex.flags);
      },
      NewExpression: construct,
      CallExpression: construct,
    };
  },
});
