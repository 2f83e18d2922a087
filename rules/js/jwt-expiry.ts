import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { resolverFor } from '../../src/sast/resolve.ts';
import { lastProp, objectShape } from '../../src/sast/object-props.ts';

/** express-jwt's middleware factory (v6 default export, v7+ named `expressjwt`). */
const EXPRESS_JWT = new Set(['express-jwt', 'express-jwt.expressjwt', 'express-jwt.expressJwt']);

export default defineRule({
  meta: {
    id: 'js/jwt-expiry',
    kind: 'sast',
    title: 'JWT accepted after it should have stopped working',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-613'],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    help:
      'A token that never expires, or that cannot be revoked, stays a key to the account after a ' +
      'logout, a password change or a leak. vigil reports `ignoreExpiration: true` in jsonwebtoken ' +
      '`verify` options and in express-jwt options (high precision), and, at low precision, an ' +
      'express-jwt middleware whose options are all visible and have no `isRevoked` callback, so a ' +
      'stolen token stays valid until its `exp`. Keep expiry checks on, issue short-lived tokens and ' +
      'check revocation: `expressjwt({ secret, algorithms: ["HS256"], isRevoked: isTokenRevoked })`.',
    fixHint: 'Remove ignoreExpiration; give express-jwt an isRevoked callback backed by a deny-list.',
  },
  hint: /jsonwebtoken|express-jwt/,
  create(context) {
    const resolver = resolverFor(context.ast);
    const ignoresExpiry = (props: ReturnType<typeof objectShape>['props']) => {
      const p = lastProp(props, 'ignoreExpiration');
      const v = p?.value && resolver.staticValue(p.value);
      return v && v.value === true ? p : undefined;
    };
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const target = resolver.resolve(node.callee);
        if (!target) return;
        const isVerify = target === 'jsonwebtoken.verify';
        if (!isVerify && !EXPRESS_JWT.has(target)) return;
        const options = node.arguments[isVerify ? 2 : 0];
        if (!options || options.type === 'SpreadElement') return;
        const shape = objectShape(resolver, options);
        if (ignoresExpiry(shape.props)) {
          context.report({ node, message: 'ignoreExpiration: true accepts expired tokens forever.' });
          return;
        }
        if (isVerify || !shape.complete || !lastProp(shape.props, 'secret')) return;
        if (lastProp(shape.props, 'isRevoked')) return;
        context.report({
          node,
          precision: 'low',
          message: 'express-jwt without isRevoked: a token cannot be revoked before it expires.',
        });
      },
    };
  },
});
