import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, namesHint } from '../../src/sast/rule.ts';
import { calleeName, memberName, resolverFor, unwrap } from '../../src/sast/resolve.ts';

/** Helpers that escape regex metacharacters (lodash, escape-string-regexp, hand-written ones). */
const ESCAPERS =
  /^(escapeRegExp|escapeRegex|escapeStringRegexp|escapeRegExpChars|quotemeta|regexEscape|escape)$/i;

/** True when a piece of a pattern is escaped text or another regex's source. */
function isEscaped(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  // re.source: already a pattern someone wrote as a regex literal.
  if (n.type === 'MemberExpression' && memberName(n) === 'source') return true;
  if (n.type !== 'CallExpression') return false;
  const name = calleeName(n.callee);
  if (name && ESCAPERS.test(name)) return true;
  // s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') — the classic inline escape.
  const replacement = n.arguments[1];
  if (
    (name === 'replace' || name === 'replaceAll') &&
    replacement?.type === 'Literal' &&
    replacement.value === '\\$&'
  ) {
    return true;
  }
  // words.map(escapeRegExp).join('|')
  if (n.callee.type === 'MemberExpression') {
    const inner = unwrap(n.callee.object);
    if (inner.type === 'CallExpression' && calleeName(inner.callee) === 'map') {
      const fn = inner.arguments[0];
      return fn !== undefined && fn.type !== 'SpreadElement' && ESCAPERS.test(calleeName(fn) ?? '');
    }
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'js/regexp-non-literal',
    kind: 'sast',
    title: 'Regular expression built from non-constant text',
    severity: 'low',
    precision: 'low',
    cwe: ['CWE-1333', 'CWE-625'],
    owasp: ['A03:2021-Injection'],
    help:
      '`new RegExp(x)` with non-constant `x` lets whoever controls `x` choose the pattern: a ' +
      'catastrophic pattern such as `(a+)+$` blocks the event loop (ReDoS), and metacharacters ' +
      'change what matches. Escape the text first, or avoid regexes for plain search: ' +
      "`new RegExp(escapeStringRegexp(term), 'i')`, `haystack.includes(term)`. Structurally vigil " +
      'cannot tell user input from configuration, so this rule is low severity; the taint rules ' +
      'report patterns that come from request data at a higher one.',
    fixHint: 'Escape the input (escape-string-regexp / lodash.escapeRegExp) or use string methods.',
  },
  hint: namesHint(['RegExp']),
  create(context) {
    const check = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      if (calleeName(node.callee) !== 'RegExp') return;
      const pattern = node.arguments[0];
      if (!pattern || pattern.type === 'SpreadElement' || pattern.type === 'Literal') return;
      const resolver = resolverFor(context.ast);
      if (resolver.staticValue(pattern) || resolver.resolve(node.callee) !== 'RegExp') return;
      // Parts: a template or concatenation is fine when every dynamic piece is escaped.
      const u = unwrap(pattern);
      const template = u.type === 'TaggedTemplateExpression' ? u.quasi : u;
      const pieces =
        template.type === 'TemplateLiteral'
          ? template.expressions
          : template.type === 'BinaryExpression'
            ? [template.left, template.right]
            : [template];
      const constant = (p: TSESTree.Node): boolean => {
        const u = unwrap(p);
        return u.type === 'ConditionalExpression'
          ? constant(u.consequent) && constant(u.alternate)
          : resolver.staticValue(u) !== undefined;
      };
      if (pieces.every((p) => constant(p) || isEscaped(p))) return;
      context.report({ node, message: 'RegExp pattern is built from non-constant, unescaped text.' });
    };
    return { NewExpression: check, CallExpression: check };
  },
});
