import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { calleeName, memberName, resolverFor, unwrap } from '../../src/sast/resolve.ts';
import { lastProp, objectShape } from '../../src/sast/object-props.ts';
import { extendsPassportJwt } from '../../src/sast/passport-jwt.ts';

/** express-jwt's middleware factory (v6 default export, v7+ named `expressjwt`). */
const EXPRESS_JWT = new Set(['express-jwt', 'express-jwt.expressjwt', 'express-jwt.expressJwt']);

/** `this.jwtService.verify(token, options)` / `verifyAsync` (@nestjs/jwt). */
function isNestJwtVerify(callee: TSESTree.Node): boolean {
  const c = unwrap(callee);
  if (c.type !== 'MemberExpression') return false;
  const method = memberName(c);
  const service = calleeName(c.object);
  return (method === 'verify' || method === 'verifyAsync') && !!service && /jwtService$/i.test(service);
}

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
      '`verify` options, @nestjs/jwt `jwtService.verify`, express-jwt and passport-jwt options (high ' +
      'precision); and, at low precision, an ' +
      'express-jwt middleware whose options are all visible and have no `isRevoked` callback, so a ' +
      'stolen token stays valid until its `exp`. Keep expiry checks on, issue short-lived tokens and ' +
      'check revocation: `expressjwt({ secret, algorithms: ["HS256"], isRevoked: isTokenRevoked })`.',
    fixHint: 'Remove ignoreExpiration; give express-jwt an isRevoked callback backed by a deny-list.',
  },
  hint: /jsonwebtoken|express-jwt|passport-jwt|jwtService/i,
  create(context) {
    const resolver = resolverFor(context.ast);
    const ignoresExpiry = (props: ReturnType<typeof objectShape>['props']) => {
      const p = lastProp(props, 'ignoreExpiration');
      const v = p?.value && resolver.staticValue(p.value);
      return v && v.value === true ? p : undefined;
    };
    /** Reports at the call, or (strategy options, spread over lines) at the option itself. */
    const checkIgnoreExpiration = (
      node: TSESTree.Node,
      options: TSESTree.Node | undefined,
      atOption = false,
    ): boolean => {
      if (!options || options.type === 'SpreadElement') return false;
      const prop = ignoresExpiry(objectShape(resolver, options).props);
      if (!prop) return false;
      context.report({
        node: atOption ? prop.node : node,
        message: 'ignoreExpiration: true accepts expired tokens forever.',
      });
      return true;
    };
    return {
      NewExpression(node: TSESTree.NewExpression) {
        if (resolver.resolve(node.callee) === 'passport-jwt.Strategy')
          checkIgnoreExpiration(node, node.arguments[0], true);
      },
      CallExpression(node: TSESTree.CallExpression) {
        // @nestjs/jwt: this.jwtService.verify(token, { ignoreExpiration: true })
        if (isNestJwtVerify(node.callee)) {
          checkIgnoreExpiration(node, node.arguments[1]);
          return;
        }
        // NestJS: class JwtStrategy extends PassportStrategy(Strategy) { constructor() { super({…}) } }
        if (node.callee.type === 'Super') {
          if (extendsPassportJwt(resolver, node)) checkIgnoreExpiration(node, node.arguments[0], true);
          return;
        }
        const target = resolver.resolve(node.callee);
        if (!target) return;
        const isVerify = target === 'jsonwebtoken.verify';
        if (!isVerify && !EXPRESS_JWT.has(target)) return;
        const options = node.arguments[isVerify ? 2 : 0];
        if (!options || options.type === 'SpreadElement') return;
        if (checkIgnoreExpiration(node, options)) return;
        const shape = objectShape(resolver, options);
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
