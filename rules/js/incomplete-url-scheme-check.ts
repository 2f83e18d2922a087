import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { enclosingFunction } from '../../src/sast/naming.ts';
import { calleeName } from '../../src/sast/resolve.ts';
import { defineRule, namesHint } from '../../src/sast/rule.ts';

type Node = TSESTree.Node;

/** A `javascript:` scheme in a string or regex literal, with nothing before it but blanks or `^`. */
const JAVASCRIPT_SCHEME = /^(?:\^|\\s\*|\\s\+|\s)*javascript:/i;
/** The other schemes that run script or carry markup: named anywhere in the same function. */
const VBSCRIPT = /\bvbscript\b/i;
const DATA = /\bdata\s*:|[|(]\s*data\b|\bdata\s*[|)]/i;
const MAX_FUNCTION_TEXT = 64 * 1024;
/** Calls that test text against their first argument, or build a regex from it. */
const CHECKS = new Set([
  'startsWith',
  'indexOf',
  'includes',
  'match',
  'search',
  'replace',
  'replaceAll',
  'RegExp',
]);

/** The literal's text as a check would compare it: a string's value, a regex's source. */
function literalText(node: TSESTree.Literal): string | undefined {
  if ('regex' in node && node.regex) return node.regex.pattern;
  return typeof node.value === 'string' ? node.value : undefined;
}

export default defineRule({
  meta: {
    id: 'js/incomplete-url-scheme-check',
    kind: 'sast',
    title: 'URL scheme check that stops javascript: but not data: or vbscript:',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-20', 'CWE-184'],
    owasp: ['A03:2021-Injection'],
    help:
      'A check that refuses `javascript:` URLs before they become a link, an iframe or a redirect ' +
      '(`if (url.startsWith("javascript:")) return`, `/^javascript:/i.test(url)`) leaves the other ' +
      'schemes that run script: `data:text/html,<script>…` in an iframe or an object, `vbscript:` in ' +
      'old browsers. vigil reports such a check in a function that never names `data:` (`vbscript:` ' +
      'ran only in Internet Explorer: its absence alone is not reported). ' +
      'Allow what you expect instead of refusing what you know: `["http:", "https:"].includes(new ' +
      'URL(url, base).protocol)`.',
    fixHint: 'Allow-list http: and https: (new URL(url).protocol) instead of refusing javascript:.',
  },
  hint: namesHint(['javascript:']),
  create(context) {
    const reported = new Set<Node>();
    return {
      Literal(node: TSESTree.Literal) {
        const text = literalText(node);
        if (text === undefined || !JAVASCRIPT_SCHEME.test(text)) return;
        // Part of a comparison, a call (startsWith, indexOf, test, match, replace) or a case label.
        const p = node.parent;
        const use =
          p?.type === 'BinaryExpression' ||
          p?.type === 'SwitchCase' ||
          (p?.type === 'CallExpression' &&
            p.arguments[0] === node &&
            CHECKS.has(calleeName(p.callee) ?? '')) ||
          (p?.type === 'MemberExpression' && p.object === node) ||
          (p?.type === 'ArrayExpression' && p.parent?.type === 'MemberExpression');
        if (!use) return;
        const scope: Node = enclosingFunction(node) ?? context.ast;
        if (reported.has(scope)) return;
        const body = context.getText(scope);
        if (body.length > MAX_FUNCTION_TEXT) return;
        // `vbscript:` ran only in Internet Explorer: its absence alone is no finding today.
        if (DATA.test(body)) return;
        const missing = VBSCRIPT.test(body) ? ['data:'] : ['data:', 'vbscript:'];
        reported.add(scope);
        context.report({
          node,
          message: `This check refuses javascript: URLs, but nothing here refuses ${missing.join(' or ')} (allow http: and https: instead).`,
        });
      },
    };
  },
});
