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
      if (!p || p.type === 'SpreadElement' || p.type === 'Literal') return;
      const resolver = resolverFor(context.ast);
      if (resolver.resolve(node.callee) !== 'RegExp') return;
      const pattern = resolver.staticValue(p);
      const flags = f && f.type !== 'SpreadElement' ? resolver.staticValue(f) : undefined;
      if (pattern && typeof pattern.value === 'string')
        report(node, pattern.value, String(flags?.value ?? ''));
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
