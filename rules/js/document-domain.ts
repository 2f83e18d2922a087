import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { resolverFor } from '../../src/sast/resolve.ts';
import { isDomDocument } from '../../src/sast/dom-document.ts';

export default defineRule({
  meta: {
    id: 'js/document-domain',
    kind: 'sast',
    title: 'document.domain assigned (same-origin policy relaxed)',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-346'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      'Setting `document.domain` makes the page same-origin with every other page of the parent ' +
      'domain that does the same, so a weakness (an XSS, an uploaded page) on any sibling subdomain ' +
      'can script this one. Browsers are removing the setter for that reason. Exchange data across ' +
      'origins with `postMessage` and a checked `event.origin` instead.',
    fixHint: 'Remove the assignment; use postMessage with an explicit target origin.',
  },
  hint: /\bdomain\b/,
  create(context) {
    const resolver = resolverFor(context.ast);
    return {
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        const left = node.left;
        if (left.type !== 'MemberExpression' || left.computed || left.property.type !== 'Identifier') return;
        if (left.property.name !== 'domain' || !isDomDocument(resolver, left.object)) return;
        context.report({ node, message: 'document.domain is set: sibling subdomains can script this page.' });
      },
    };
  },
});
