import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, namesHint } from '../../src/sast/rule.ts';
import { memberName, resolverFor, unwrap } from '../../src/sast/resolve.ts';
import { localReturn } from '../../src/sast/local-return.ts';
import { biasedModulo } from '../../src/sast/random-bias.ts';
import { enclosingFunction, functionWords, hasAny, wordsAround } from '../../src/sast/naming.ts';

/** Names of values that must be unguessable. */
const SECURITY = new Set(
  (
    'token tokens secret password passwd pwd passphrase salt nonce otp csrf xsrf session sid ' +
    'auth credential credentials verification reset invite captcha pin iv ' +
    'apikey state challenge coupon voucher'
  ).split(' '),
);
/**
 * Identifiers: unguessable for a session or an invite, but as often a record's or a ticket's
 * number (`refundId`, `ticketId`), where guessing it is no attack by itself: medium precision.
 */
const IDENTIFIER = new Set(['id', 'ids', 'uuid', 'guid']);
/** Compound names ending in "key" that are secrets (a bare `key` is usually a React list key). */
const SECRET_KEYS = /(api|access|secret|private|signing|encryption|session|license)key/;
/** Names of values where predictability is harmless: animation, jitter, sampling. */
const QUIET = new Set(
  (
    'cache color colour delay jitter timeout retry backoff index idx shuffle sample sampling ' +
    'animation position x y width height opacity offset duration chance probability percent ' +
    'angle speed hue particle latency interval sleep wait mock fake request correlation trace ' +
    'span element dom component temp tmp debug log test demo'
  ).split(' '),
);

/** `this` at `node` is the global object: outside every function and class but arrows. (The walk has set parents from `node` up.) */
function globalThisAt(node: TSESTree.Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') return false;
    if (n.type === 'ClassBody' || n.type === 'TSModuleBlock') return false;
  }
  return true;
}

/** Inside a function (at any depth) whose name says its randomness is harmless. */
function inQuietFunction(node: TSESTree.Node): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn))
    if (functionWords(fn).name.some((w) => QUIET.has(w))) return true;
  return false;
}

export default defineRule({
  meta: {
    id: 'js/insecure-random',
    kind: 'sast',
    title: 'Predictable or biased random value used for a security value',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-338', 'CWE-327'],
    owasp: ['A02:2021-Cryptographic Failures'],
    help:
      '`Math.random()` is not a cryptographic generator: its output can be predicted from a few ' +
      'samples. vigil reports it when the value flows into something named as a token, ' +
      'password, salt, nonce, secret, session or OTP (the variable, property, JSX attribute or ' +
      'returning function), at medium precision when the name only says id or uuid, and stays quiet for names such as delay, jitter, color, index or ' +
      'correlation ids (requestId, traceId, element ids) and React list keys. Any other use, where ' +
      'nothing says what the value is for, is an audit finding (precision low) for a human to decide. ' +
      "Use `crypto.randomUUID()`, `crypto.randomBytes(32).toString('base64url')` or " +
      '`crypto.getRandomValues()` in the browser. Cryptographic bytes can be made uneven too: ' +
      '`bytes[i] % 62` (a byte or 16-bit value of `randomBytes`/`getRandomValues` modulo a number ' +
      'that does not divide its range) makes some letters of a password alphabet likelier than ' +
      'others; `crypto.randomInt(62)` draws evenly.',
    fixHint:
      'Use crypto.randomBytes / crypto.randomUUID / crypto.getRandomValues, and crypto.randomInt(n) for a number below n.',
  },
  hint: namesHint(['random', 'pseudoRandomBytes', 'randomBytes', 'getRandomValues', 'randomFillSync']),
  create(context) {
    const resolver = resolverFor(context.ast);
    /** Node's crypto module (imported, or the global), or a local accessor returning it. */
    const isCrypto = (node: TSESTree.Node) => {
      const n = unwrap(node);
      const returned = localReturn(resolver, n);
      return resolver.resolve(returned ?? n) === 'crypto';
    };
    /** The global Math: `Math`, `window.Math`, a script's `this.Math`, a local accessor returning it. */
    const isMath = (node: TSESTree.Node, site: TSESTree.Node) => {
      const n = unwrap(node);
      const target = unwrap(localReturn(resolver, n) ?? n);
      if (resolver.resolve(target) === 'Math') return true;
      return (
        target.type === 'MemberExpression' &&
        target.object.type === 'ThisExpression' &&
        memberName(target) === 'Math' &&
        target === n &&
        globalThisAt(site)
      );
    };
    return {
      // Cryptographic bytes made uneven: `bytes[i] % 62` favours the first 256 % 62 letters.
      BinaryExpression(node: TSESTree.BinaryExpression) {
        if (node.operator !== '%') return;
        const k = biasedModulo(resolver, node);
        if (k === undefined) return;
        context.report({
          node,
          message: `A random byte taken modulo ${k} is biased: some of the ${k} values come up more often than others. Use crypto.randomInt(${k}), or reject bytes at or above the largest multiple of ${k}.`,
        });
      },
      // crypto.pseudoRandomBytes — called or passed on, it is the same non-cryptographic generator.
      MemberExpression(node: TSESTree.MemberExpression) {
        if (
          node.computed ||
          node.property.type !== 'Identifier' ||
          node.property.name !== 'pseudoRandomBytes'
        )
          return;
        if (!isCrypto(node.object)) return;
        context.report({ node, message: 'crypto.pseudoRandomBytes() is not cryptographically secure.' });
      },
      CallExpression(node: TSESTree.CallExpression) {
        const callee = node.callee;
        if (callee.type === 'Identifier' && resolver.resolve(callee) === 'crypto.pseudoRandomBytes') {
          context.report({ node, message: 'crypto.pseudoRandomBytes() is not cryptographically secure.' });
          return;
        }
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
        if (callee.property.name !== 'random' || !isMath(callee.object, node)) return;
        const words = wordsAround(node);
        if (hasAny(words.target, QUIET)) return;
        const security =
          hasAny(words.target, SECURITY) ||
          SECRET_KEYS.test([...words.target].join('')) ||
          hasAny(words.inputs, SECURITY);
        if (security) {
          context.report({
            node,
            message: 'Math.random() is predictable; it must not generate security values.',
          });
          return;
        }
        if (hasAny(words.target, IDENTIFIER) || hasAny(words.inputs, IDENTIFIER)) {
          context.report({
            node,
            precision: 'medium',
            message:
              'Math.random() is predictable: an identifier made with it can be guessed; if it grants access (a session, a share link), generate it with crypto.',
          });
          return;
        }
        // A React list `key` only has to differ from its siblings; a function named for a harmless
        // purpose (shuffle, jitter, sample) says what its random values are for.
        if (words.target.has('key') || inQuietFunction(node)) return;
        // Nothing says what the value is for: an audit finding for a human to decide.
        context.report({
          node,
          precision: 'low',
          message:
            'Math.random() is predictable: if this value must be unguessable (a token, id, password, nonce), generate it with crypto.',
        });
      },
    };
  },
});
