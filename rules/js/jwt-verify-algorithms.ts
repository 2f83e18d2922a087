import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { findProperty, resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';
import { lastProp, objectShape } from '../../src/sast/object-props.ts';
import { extendsPassportJwt } from '../../src/sast/passport-jwt.ts';

/** jose 1.x/2.x calls whose second argument is the key (`JWK.None` means alg "none"). */
const JOSE_NONE_CALLS = new Set(['jose.JWT.sign', 'jose.JWT.verify', 'jose.JWS.sign', 'jose.JWS.verify']);

/** A literal "no secret": null, undefined, false or the empty string. */
function noSecret(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name === 'undefined';
  return n.type === 'Literal' && (n.value === null || n.value === '' || n.value === false);
}

/** express-jwt's middleware factory (v6 default export, v7+ named `expressjwt`). */
const EXPRESS_JWT = new Set(['express-jwt', 'express-jwt.expressjwt', 'express-jwt.expressJwt']);

/** An algorithm list (written in place or held by a constant) that holds 'none'. */
function allowsNone(resolver: Resolver, node: TSESTree.Node): boolean {
  let list = unwrap(node);
  if (list.type === 'Identifier') list = unwrap(resolver.constantInit(list) ?? list);
  const items = list.type === 'ArrayExpression' ? list.elements : [list];
  return items.some((e) => {
    const v = e && e.type !== 'SpreadElement' ? resolver.staticValue(e) : undefined;
    return v !== undefined && String(v.value).toLowerCase() === 'none';
  });
}

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
      'Before jsonwebtoken 4.2.2 that opened algorithm-confusion attacks (an RS256 public key used as ' +
      'an HS256 secret); since then the default list follows the key type, so a missing `algorithms` is ' +
      "reported at medium precision (hardening), while `'none'` allowed (unsigned tokens) stays high. " +
      "An `algorithms` list holding 'none' is reported in jsonwebtoken, express-jwt and passport-jwt " +
      'options. Pin the algorithm you issue: ' +
      "`jwt.verify(token, publicKey, { algorithms: ['RS256'] })`, and never sign or accept `none`. " +
      "vigil also reports a jsonwebtoken verify with no secret at all (`null`, `undefined`, `''`: " +
      "before version 9 that accepts `alg: 'none'` tokens), jose 1.x/2.x `JWK.None` as the key of " +
      '`JWT`/`JWS` sign or verify, and jose `UnsecuredJWT.decode`, which reads unsigned tokens.',
    fixHint: "Pass { algorithms: ['<the algorithm you sign with>'] } and never allow 'none'.",
  },
  hint: /jsonwebtoken|jose|express-jwt|passport-jwt/,
  create(context) {
    /** express-jwt and passport-jwt options: an `algorithms` list that holds 'none'. */
    const checkAlgorithmList = (
      resolver: Resolver,
      node: TSESTree.Node,
      options: TSESTree.Node | undefined,
    ) => {
      if (!options || options.type === 'SpreadElement') return;
      const algorithms = lastProp(objectShape(resolver, options).props, 'algorithms');
      if (algorithms?.value && allowsNone(resolver, algorithms.value))
        context.report({
          node: algorithms.node,
          message: "The JWT middleware allows the 'none' algorithm: unsigned tokens pass.",
        });
    };
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const resolver = resolverFor(context.ast);
        const target = resolver.resolve(node.callee);
        if (target && JOSE_NONE_CALLS.has(target)) {
          const key = node.arguments[1];
          if (key && key.type !== 'SpreadElement' && resolver.resolve(key) === 'jose.JWK.None') {
            context.report({
              node,
              message: "jose JWK.None is the 'none' algorithm: the token is unsigned.",
            });
          }
          return;
        }
        if (target === 'jose.UnsecuredJWT.decode') {
          context.report({ node, message: 'UnsecuredJWT.decode() accepts unsigned tokens.' });
          return;
        }
        if (target && EXPRESS_JWT.has(target)) {
          checkAlgorithmList(resolver, node, node.arguments[0]);
          return;
        }
        // NestJS: class JwtStrategy extends PassportStrategy(Strategy) { constructor() { super({…}) } }
        if (node.callee.type === 'Super' && extendsPassportJwt(resolver, node)) {
          checkAlgorithmList(resolver, node, node.arguments[0]);
          return;
        }
        if (target !== 'jsonwebtoken.verify' && target !== 'jsonwebtoken.sign') return;
        const secret = node.arguments[1];
        if (
          target === 'jsonwebtoken.verify' &&
          secret &&
          secret.type !== 'SpreadElement' &&
          noSecret(secret)
        ) {
          context.report({
            node,
            message: "jwt.verify() without a secret accepts unsigned ('none') tokens.",
          });
          return;
        }
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
        // Since jsonwebtoken 4.2.2 an unpinned verify accepts only the algorithms of the key's type
        // (HMAC for a secret, RSA/EC for a PEM key): a hardening gap, not an open door (older
        // versions are SCA's finding, CVE-2015-9235).
        if (!options || isFunction) {
          context.report({
            node,
            message:
              'jwt.verify() without options accepts any algorithm of the key type the token names; pin the one you issue.',
            precision: 'medium',
          });
          return;
        }
        const shape = objectShape(resolver, options);
        const algorithms = lastProp(shape.props, 'algorithms');
        if (!algorithms?.value) {
          // `{ ...base }`, options from a call: `algorithms` may be there.
          if (!shape.complete || (!shape.props.length && options.type !== 'ObjectExpression')) return;
          context.report({
            node,
            message:
              'jwt.verify() without `algorithms` accepts any algorithm of the key type the token names; pin the one you issue.',
            precision: 'medium',
          });
          return;
        }
        if (allowsNone(resolver, algorithms.value))
          context.report({
            node,
            message: "jwt.verify() allows the 'none' algorithm: unsigned tokens pass.",
          });
      },
      // passport-jwt: new JwtStrategy({ algorithms: ['none'], … }, verify)
      NewExpression(node: TSESTree.NewExpression) {
        const resolver = resolverFor(context.ast);
        if (resolver.resolve(node.callee) !== 'passport-jwt.Strategy') return;
        checkAlgorithmList(resolver, node, node.arguments[0]);
      },
    };
  },
});
