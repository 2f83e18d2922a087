import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, namesHint } from '../../src/sast/rule.ts';
import { isSafeHtml } from '../../src/sast/html.ts';
import { calleeName, memberName, resolverFor } from '../../src/sast/resolve.ts';

const HTML_PROPERTIES = new Set(['innerHTML', 'outerHTML']);
const HTML_METHODS = new Set(['insertAdjacentHTML', 'write', 'writeln', 'createContextualFragment']);
export default defineRule({
  meta: {
    id: 'js/dom-xss',
    kind: 'sast',
    title: 'Non-constant HTML written into the DOM',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-79'],
    owasp: ['A03:2021-Injection'],
    help:
      '`innerHTML`, `outerHTML`, `insertAdjacentHTML`, `document.write` and ' +
      '`createContextualFragment` parse their input as HTML, so markup or script in a non-constant ' +
      'value runs in the page (DOM XSS). Write text with `el.textContent = value`, build elements ' +
      'with `document.createElement`, or sanitise first: `el.innerHTML = DOMPurify.sanitize(html)`.',
    fixHint: 'Use textContent or DOM APIs, or sanitise with DOMPurify.sanitize before assigning HTML.',
  },
  // `write`/`writeln` count only as `document.write…` (see below), and every spelling of that names `document`.
  hint: namesHint([...HTML_PROPERTIES, 'insertAdjacentHTML', 'createContextualFragment', 'document']),
  create(context) {
    return {
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        if (node.left.type !== 'MemberExpression') return;
        const prop = memberName(node.left);
        if (!prop || !HTML_PROPERTIES.has(prop)) return;
        if (isSafeHtml(resolverFor(context.ast), node.right)) return;
        context.report({ node, message: `Non-constant HTML assigned to ${prop}.` });
      },
      CallExpression(node: TSESTree.CallExpression) {
        const name = calleeName(node.callee);
        if (!name || !HTML_METHODS.has(name) || node.callee.type !== 'MemberExpression') return;
        const resolver = resolverFor(context.ast);
        if (name === 'write' || name === 'writeln') {
          if (resolver.resolve(node.callee) !== `document.${name}`) return;
        }
        const html = name === 'insertAdjacentHTML' ? node.arguments[1] : node.arguments[0];
        if (!html || html.type === 'SpreadElement' || isSafeHtml(resolver, html)) return;
        const label = name === 'write' || name === 'writeln' ? `document.${name}` : name;
        context.report({ node, message: `Non-constant HTML passed to ${label}().` });
      },
    };
  },
});
