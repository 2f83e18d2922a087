import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, namesHint } from '../../src/sast/rule.ts';
import { findProperty, propertyKey, resolverFor, unwrap } from '../../src/sast/resolve.ts';
import { isSafeHtml } from '../../src/sast/html.ts';

const PROP = 'dangerouslySetInnerHTML';

export default defineRule({
  meta: {
    id: 'js/react-dangerous-html',
    kind: 'sast',
    title: 'React dangerouslySetInnerHTML with non-constant HTML',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-79'],
    owasp: ['A03:2021-Injection'],
    help:
      "`dangerouslySetInnerHTML` bypasses React's escaping: the `__html` string is inserted as " +
      'markup, so any script or event handler in it runs (XSS). Render text as children ' +
      '(`<div>{bio}</div>`), or sanitise the HTML first: ' +
      '`<div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(bio) }} />`.',
    fixHint: 'Render the value as text, or wrap it in DOMPurify.sanitize().',
  },
  hint: namesHint([PROP]),
  create(context) {
    const check = (value: TSESTree.Node, at: TSESTree.Node) => {
      const resolver = resolverFor(context.ast);
      let obj = unwrap(value);
      if (obj.type === 'Identifier') obj = resolver.constantInit(obj) ?? obj;
      const html = findProperty(obj, '__html');
      if (html) {
        if (isSafeHtml(resolver, html.value)) return;
      } else if (obj.type === 'ObjectExpression') return;
      context.report({
        node: at,
        message: 'dangerouslySetInnerHTML receives HTML that is neither constant nor sanitised.',
      });
    };
    return {
      JSXAttribute(node: TSESTree.JSXAttribute) {
        if (node.name.type !== 'JSXIdentifier' || node.name.name !== PROP) return;
        if (
          node.value?.type !== 'JSXExpressionContainer' ||
          node.value.expression.type === 'JSXEmptyExpression'
        )
          return;
        check(node.value.expression, node);
      },
      // React.createElement('div', { dangerouslySetInnerHTML: { __html: x } })
      Property(node: TSESTree.Property) {
        if (propertyKey(node) !== PROP || node.parent.type !== 'ObjectExpression') return;
        check(node.value, node);
      },
    };
  },
});
