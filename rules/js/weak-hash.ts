import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { resolverFor } from '../../src/sast/resolve.ts';
import { hasAny, servesSecurity, wordsAround } from '../../src/sast/naming.ts';
import { constantCut } from '../../src/sast/taint/nodes.ts';

const WEAK = new Set(['md5', 'md4', 'md2', 'sha1', 'sha-1', 'rsa-md5', 'rsa-sha1']);
/** Callees that hash with a fixed weak algorithm (crypto-js and the md5/sha1 packages). */
const WEAK_FUNCTIONS = new Map([
  ['crypto-js.MD5', 'MD5'],
  ['crypto-js.SHA1', 'SHA-1'],
  ['crypto-js/md5', 'MD5'],
  ['crypto-js/sha1', 'SHA-1'],
  ['md5', 'MD5'],
  ['sha1', 'SHA-1'],
]);

/** Names that mark a security use: passwords, tokens, signatures, sessions. */
const SECURITY = new Set(
  (
    'password passwd pwd pass passphrase pin secret token signature sign signed hmac auth ' +
    'authenticate authentication credential credentials session otp nonce salt apikey login ' +
    'verify verification reset jwt csrf integrity mac'
  ).split(' '),
);
/** Names that mark an identity-only use where collisions are no attack: etags, cache keys. */
const QUIET = new Set(
  (
    'etag cache checksum fingerprint gravatar avatar dedup dedupe bucket shard partition ' +
    'color colour chunk asset filename sri lookup'
  ).split(' '),
);

export default defineRule({
  meta: {
    id: 'js/weak-hash',
    kind: 'sast',
    title: 'Weak hash (MD5/SHA-1) used for a security purpose',
    severity: 'medium',
    cwe: ['CWE-328', 'CWE-916'],
    owasp: ['A02:2021-Cryptographic Failures'],
    help:
      'MD5 and SHA-1 have practical collision attacks and are fast to brute-force, so they must not ' +
      'protect passwords, tokens or signatures. vigil reports them when the names around the call ' +
      '(the variable, property or function receiving the digest, or the data fed in) say password, ' +
      'token, secret, signature, session…; it stays quiet when the receiving name says etag, cache, ' +
      'checksum or fingerprint. Where no name tells the use, the call is reported at low precision, ' +
      'a spot to review (it does not gate), as is a digest cut to 16 characters or fewer ' +
      '(`.digest("hex").slice(0, 8)`): a short code is as strong as its length whatever the hash. Hash passwords with a slow KDF (`crypto.scrypt(password, salt, 64, cb)`, ' +
      "argon2, bcrypt) and use `createHash('sha256')` or HMAC-SHA-256 elsewhere.",
    fixHint: 'Use scrypt/argon2/bcrypt for passwords and SHA-256 or HMAC-SHA-256 for tokens and signatures.',
  },
  hint: /crypto|md5|sha1/i,
  create(context) {
    // Every weak-hash API comes from a module whose name the file must mention; skip scope work otherwise.
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const callee = node.callee;
        // Cheap syntactic gate before any scope work.
        if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression') return;
        const resolver = resolverFor(context.ast);
        const target = resolver.resolve(callee);
        if (!target) return;
        let algorithm: string | undefined;
        if (target === 'crypto.createHash' || target === 'crypto.hash') {
          const arg = node.arguments[0];
          const value = arg && resolver.staticValue(arg);
          if (value && typeof value.value === 'string' && WEAK.has(value.value.toLowerCase()))
            algorithm = value.value;
        } else {
          algorithm = WEAK_FUNCTIONS.get(target);
        }
        if (!algorithm) return;
        const cut = cutTo(node);
        if (cut !== undefined) {
          context.report({
            node,
            precision: 'low',
            message: `${algorithm.toUpperCase()} digest cut to ${cut} characters: a short code, as strong as its length whatever the hash; check what it protects.`,
          });
          return;
        }
        const words = wordsAround(node);
        if (servesSecurity(words, SECURITY, QUIET)) {
          context.report({
            node,
            message: `${algorithm.toUpperCase()} is used to hash security-relevant data.`,
          });
          return;
        }
        // No name says what the digest is for: a spot to review, as a low-precision finding.
        if (hasAny(words.target, QUIET) || hasAny(words.inputs, QUIET)) return;
        context.report({
          node,
          precision: 'low',
          message: `${algorithm.toUpperCase()} is broken for any security use: check what this digest protects.`,
        });
      },
    };
  },
});

/** Digests kept to this many characters or fewer are codes, not fingerprints. */
const SHORT_CODE = 16;

/**
 * The length a method chain on the hash cuts its digest to (`.digest('hex').slice(0, 8)`), when
 * at most SHORT_CODE: collisions and speed, MD5's and SHA-1's weaknesses, make no difference to
 * an 8-character code, whose strength is its length.
 */
function cutTo(hash: TSESTree.CallExpression): number | undefined {
  let n: TSESTree.Node = hash;
  while (n.parent?.type === 'MemberExpression' && n.parent.object === n) {
    const call: TSESTree.Node | undefined = n.parent.parent;
    if (call?.type !== 'CallExpression' || call.callee !== n.parent) return undefined;
    const method = n.parent.property.type === 'Identifier' ? n.parent.property.name : undefined;
    const cut = method !== undefined ? constantCut(method, call.arguments) : undefined;
    if (cut?.from === 0) return cut.length <= SHORT_CODE ? cut.length : undefined;
    n = call;
  }
  return undefined;
}
