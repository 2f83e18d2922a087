import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { findProperty, resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';

/** A receiver built by `new LocalClass()`: its postMessage is not the window's. */
function isLocalInstance(resolver: Resolver, node: TSESTree.Node): boolean {
  const n = unwrap(node);
  if (n.type !== 'Identifier') return false;
  const init = resolver.constantInit(n);
  if (init?.type !== 'NewExpression' || init.callee.type !== 'Identifier') return false;
  const variable = resolver.variableOf(init.callee);
  return !!variable && variable.defs.length > 0;
}

export default defineRule({
  meta: {
    id: 'js/postmessage-star-origin',
    kind: 'sast',
    title: "postMessage with target origin '*'",
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-201', 'CWE-359'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      "`win.postMessage(data, '*')` delivers the data to whatever page the window holds at that " +
      'moment: a frame or popup that navigated to another site (or was opened by an attacker) ' +
      'receives it. Name the origin you mean: ' +
      "`frame.contentWindow.postMessage(data, 'https://widget.acme.io')`.",
    fixHint: "Pass the exact target origin instead of '*'.",
  },
  hint: /postMessage/,
  create(context) {
    const resolver = resolverFor(context.ast);
    const isStar = (node: TSESTree.Node | undefined) => {
      if (!node || node.type === 'SpreadElement') return false;
      const v = resolver.staticValue(node);
      if (v?.value === '*') return true;
      const target = findProperty(node, 'targetOrigin'); // postMessage(data, { targetOrigin, transfer })
      return !!target && resolver.staticValue(target.value)?.value === '*';
    };
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const callee = unwrap(node.callee);
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier')
          return;
        if (callee.property.name !== 'postMessage' || !isStar(node.arguments[1])) return;
        if (isLocalInstance(resolver, callee.object)) return;
        context.report({ node, message: "postMessage to '*': any page the window holds receives the data." });
      },
    };
  },
});
