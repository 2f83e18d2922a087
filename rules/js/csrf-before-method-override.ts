import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { resolverFor } from '../../src/sast/resolve.ts';

/** CSRF middleware factories (Express 3's bundled one, csurf, csrf-csrf's is per-route). */
const CSRF = new Set(['express.csrf', 'csurf', 'connect.csrf']);
/** Middlewares that rewrite the request method from a header, query or body field. */
const METHOD_OVERRIDE = new Set(['express.methodOverride', 'method-override', 'connect.methodOverride']);

export default defineRule({
  meta: {
    id: 'js/csrf-before-method-override',
    kind: 'sast',
    title: 'CSRF middleware set up before method-override',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-352'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      'CSRF middleware does not check safe methods (GET, HEAD, OPTIONS). When `methodOverride()` ' +
      'runs after it, a cross-site GET carrying `_method=POST` (or `X-HTTP-Method-Override`) passes ' +
      'the CSRF check as a GET and then reaches the POST/PUT/DELETE handlers. vigil reports a ' +
      'method-override middleware created after a CSRF middleware in the same file. Register ' +
      '`methodOverride()` first, then the CSRF protection.',
    fixHint: 'app.use(methodOverride()) before app.use(csrf()).',
  },
  hint: /methodOverride|method-override/,
  create(context) {
    const resolver = resolverFor(context.ast);
    let csrfSeen = false;
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const target = resolver.resolve(node.callee);
        if (!target) return;
        if (CSRF.has(target)) csrfSeen = true;
        else if (METHOD_OVERRIDE.has(target) && csrfSeen) {
          context.report({
            node,
            message: 'methodOverride() runs after the CSRF check: a GET can become a POST past it.',
          });
        }
      },
    };
  },
});
