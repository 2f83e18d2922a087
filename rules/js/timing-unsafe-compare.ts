import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { memberName, resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';
import { splitWords } from '../../src/sast/naming.ts';

/** Last words of names that hold a secret or a value derived from one. */
const SECRET_LAST = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'hash',
  'hmac',
  'signature',
  'sig',
  'digest',
  'otp',
  'apikey',
]);
/** Words that make the value something else: a confirmation field, a kind, a count. */
const NOT_SECRET = new Set([
  'confirm',
  'confirmation',
  'repeat',
  'type',
  'kind',
  'name',
  'length',
  'count',
  'url',
  'algorithm',
]);

const CONFIRMATION = new Set(['confirm', 'confirmation', 'repeat', 'retype', 'verify']);

/** The name a side of a comparison carries: `token`, `user.passwordHash`, `req.body.token`. */
function nameOf(node: TSESTree.Node): string | undefined {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'MemberExpression') return memberName(n);
  return undefined;
}

function isSecretName(name: string | undefined): boolean {
  if (!name) return false;
  const words = splitWords(name);
  if (words.some((w) => NOT_SECRET.has(w))) return false;
  const last = words[words.length - 1] ?? '';
  const pair = words.slice(-2).join('');
  return SECRET_LAST.has(last) || pair === 'apikey' || pair === 'secretkey';
}

const SENTINELS = new Set(['undefined', 'null', 'true', 'false', 'NaN']);

/** Values nobody compares secrets against: null, undefined, booleans, numbers, '', typeof. */
function isTrivial(resolver: Resolver, node: TSESTree.Node): boolean {
  const n = unwrap(node);
  if (n.type === 'UnaryExpression' && n.operator === 'typeof') return true;
  if (n.type === 'MemberExpression' && memberName(n) === 'length') return true;
  const v = resolver.staticValue(n);
  if (!v) return false;
  // `pw === 'undefined'` tests for a sentinel a form or a query string carries, not a secret.
  return typeof v.value !== 'string' || v.value === '' || SENTINELS.has(v.value);
}

export default defineRule({
  meta: {
    id: 'js/timing-unsafe-compare',
    kind: 'sast',
    title: 'Secret compared with == / === (timing attack)',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-208'],
    owasp: ['A02:2021-Cryptographic Failures'],
    help:
      '`===` on strings stops at the first differing character, so how long a failed check takes ' +
      'tells an attacker how much of a guessed token, signature or password hash was right; over ' +
      'many tries the secret comes out one character at a time. vigil reports `==`/`===`/`!=`/`!==` ' +
      'where one side is named as a secret (password, token, secret, hash, hmac, signature, digest, ' +
      'otp, apiKey) and the other is a value to check against (not null, a number, a boolean, `""`, ' +
      'a `typeof` or a `.length`); confirmation fields and names such as tokenType are left alone. ' +
      'Compare digests of equal length with `crypto.timingSafeEqual`, and passwords with ' +
      '`bcrypt.compare` / `argon2.verify`.',
    fixHint: 'Use crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b)) on equal-length digests.',
  },
  hint: /passw|pwd|passphrase|secret|token|hash|hmac|sig|digest|otp|api_?key/i,
  create(context) {
    const resolver = resolverFor(context.ast);
    return {
      BinaryExpression(node: TSESTree.BinaryExpression) {
        if (!['==', '===', '!=', '!=='].includes(node.operator)) return;
        if (node.left.type === 'PrivateIdentifier') return;
        const [left, right] = [node.left, node.right];
        const secretSide = isSecretName(nameOf(left))
          ? left
          : isSecretName(nameOf(right))
            ? right
            : undefined;
        if (!secretSide) return;
        const other = secretSide === left ? right : left;
        if (isTrivial(resolver, other)) return;
        // password !== confirmPassword: two fields the same user typed, no secret on either side.
        const otherWords = splitWords(nameOf(other) ?? '');
        if (otherWords.some((w) => CONFIRMATION.has(w))) return;
        context.report({
          node,
          message: `\`${nameOf(secretSide)}\` is compared with ${node.operator}: the time it takes leaks how much matched.`,
        });
      },
    };
  },
});
