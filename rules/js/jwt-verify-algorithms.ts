import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { findProperty, resolverFor, unwrap } from '../../src/sast/resolve.ts';

export default defineRule({
  meta: {
    id: 'js/jwt-verify-algorithms',
    kind: 'sast',
    title: 'JWT verified without pinned algorithms, or with "none"',
    severity: 'high',
    cwe: ['CWE-347', 'CWE-327'],
    owasp: ['A02:2021-Cryptographic Failures'],
    help:
      '`jwt.verify` accepts whatever algorithm the token header names unless `algorithms` is pinned. ' +
      'That opens algorithm-confusion attacks (an RS256 public key used as an HS256 secret) and, ' +
      "with `'none'` allowed, unsigned tokens. Pin the algorithm you issue: " +
      "`jwt.verify(token, publicKey, { algorithms: ['RS256'] })`, and never sign or accept `none`.",
    fixHint: "Pass { algorithms: ['<the algorithm you sign with>'] } and never allow 'none'.",
  },
  hint: /jsonwebtoken/,
  create(context) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const resolver = resolverFor(context.ast);
        const target = resolver.resolve(node.callee);
        if (target !== 'jsonwebtoken.verify' && target !== 'jsonwebtoken.sign') return;
        const raw = node.arguments[2];
        let options: TSESTree.Node | undefined =
          raw && raw.type !== 'SpreadElement' ? unwrap(raw) : undefined;
        if (options?.type === 'Identifier') options = resolver.constantInit(options) ?? options;
        if (target === 'jsonwebtoken.sign') {
          const alg = findProperty(options, 'algorithm');
          const v = alg && resolver.staticValue(alg.value);
          if (v && String(v.value).toLowerCase() === 'none') {
            context.report({ node, message: "jwt.sign() with algorithm 'none' issues unsigned tokens." });
          }
          return;
        }
        const isFunction =
          options?.type === 'ArrowFunctionExpression' || options?.type === 'FunctionExpression';
        if (!options || isFunction) {
          context.report({
            node,
            message: 'jwt.verify() without options accepts any algorithm the token names.',
          });
          return;
        }
        if (options.type !== 'ObjectExpression') return; // opaque options: cannot tell
        const algorithms = findProperty(options, 'algorithms');
        if (!algorithms) {
          context.report({
            node,
            message: 'jwt.verify() without `algorithms` accepts any algorithm the token names.',
          });
          return;
        }
        const list = unwrap(algorithms.value);
        if (list.type !== 'ArrayExpression') return;
        const none = list.elements.some((e) => {
          const v = e && e.type !== 'SpreadElement' ? resolver.staticValue(e) : undefined;
          return v !== undefined && String(v.value).toLowerCase() === 'none';
        });
        if (none)
          context.report({
            node,
            message: "jwt.verify() allows the 'none' algorithm: unsigned tokens pass.",
          });
      },
    };
  },
});
