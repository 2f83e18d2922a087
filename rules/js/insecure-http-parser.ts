import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, namesHint } from '../../src/sast/rule.ts';
import { propertyKey, resolverFor } from '../../src/sast/resolve.ts';

export default defineRule({
  meta: {
    id: 'js/insecure-http-parser',
    kind: 'sast',
    title: 'HTTP parser accepts malformed messages (request smuggling)',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-444'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      "`insecureHTTPParser: true` makes Node's HTTP parser accept invalid headers and framing " +
      '(duplicate or malformed `Content-Length`, bare line feeds, invalid characters). Behind a proxy ' +
      'that reads the same bytes differently, one connection then carries a second, smuggled ' +
      'request past the proxy’s checks, or poisons the response another user gets. vigil reports the ' +
      'option set to a true constant in any options object (`http.createServer`, `http.request`, ' +
      'agents). Fix the peer that sends malformed messages instead, or accept it only on a socket ' +
      'no proxy sits in front of.',
    fixHint: 'Remove insecureHTTPParser (the default, false, is the strict parser).',
  },
  hint: namesHint(['insecureHTTPParser']),
  create(context) {
    const resolver = resolverFor(context.ast);
    return {
      Property(node: TSESTree.Property) {
        if (node.parent.type !== 'ObjectExpression' || propertyKey(node) !== 'insecureHTTPParser') return;
        const v = resolver.staticValue(node.value);
        if (!v || !v.value) return;
        context.report({
          node,
          message: 'insecureHTTPParser: true accepts malformed HTTP messages (request smuggling).',
        });
      },
    };
  },
});
