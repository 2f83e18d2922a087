import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { resolverFor } from '../../src/sast/resolve.ts';
import { cipherWithIv } from '../../src/sast/node-cipher.ts';

/** Broken or too-small-block ciphers, and ECB mode of any cipher. */
const WEAK_ALGORITHM =
  /^(des|des-ede|des-ede3|des3|rc2|rc4|bf|blowfish|cast|cast5|idea|seed)(-|$)|-ecb$|^id-aes\d+-wrap$/i;
/** crypto-js members naming a weak cipher or ECB mode. */
const CRYPTO_JS_WEAK = new Set([
  'crypto-js.DES',
  'crypto-js.TripleDES',
  'crypto-js.RC4',
  'crypto-js.RC4Drop',
  'crypto-js.Rabbit',
  'crypto-js.mode.ECB',
]);
const DEPRECATED = new Set(['crypto.createCipher', 'crypto.createDecipher']);

export default defineRule({
  meta: {
    id: 'js/weak-cipher',
    kind: 'sast',
    title: 'Deprecated, broken or ECB-mode cipher',
    severity: 'high',
    cwe: ['CWE-327'],
    owasp: ['A02:2021-Cryptographic Failures'],
    help:
      '`crypto.createCipher` derives its key with one round of MD5 and uses no IV (removed in Node ' +
      '22). DES, 3DES, RC2, RC4 and Blowfish are broken or have 64-bit blocks, and ECB mode encrypts ' +
      'equal blocks to equal ciphertext, leaking patterns. Use an authenticated mode with a random ' +
      "IV: `const iv = crypto.randomBytes(12); crypto.createCipheriv('aes-256-gcm', key, iv)`.",
    fixHint: "Use createCipheriv('aes-256-gcm', key, randomBytes(12)) and keep the auth tag.",
  },
  hint: /crypto/,
  create(context) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const resolver = resolverFor(context.ast);
        const target = resolver.resolve(node.callee);
        if (target && DEPRECATED.has(target)) {
          context.report({ node, message: `${target}() is deprecated: MD5 key derivation and no IV.` });
          return;
        }
        if (!cipherWithIv(resolver, node)) return;
        const alg = node.arguments[0];
        const value = alg && resolver.staticValue(alg);
        if (value && typeof value.value === 'string' && WEAK_ALGORITHM.test(value.value)) {
          context.report({ node, message: `Weak cipher '${value.value}'.` });
        }
      },
      MemberExpression(node: TSESTree.MemberExpression) {
        if (node.parent.type === 'MemberExpression' && node.parent.object === node) return;
        const target = resolverFor(context.ast).resolve(node);
        const weak = target && [...CRYPTO_JS_WEAK].find((w) => target === w || target.startsWith(`${w}.`));
        if (weak)
          context.report({
            node,
            message: `Weak cipher or mode ${weak.replace('crypto-js.', 'CryptoJS.')}.`,
          });
      },
    };
  },
});
