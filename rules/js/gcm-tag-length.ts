import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { enclosingFunction } from '../../src/sast/naming.ts';
import { cipherWithIv } from '../../src/sast/node-cipher.ts';
import { objectShape } from '../../src/sast/object-props.ts';
import { resolverFor } from '../../src/sast/resolve.ts';
import { defineRule } from '../../src/sast/rule.ts';

/** GCM takes any tag of 4 to 16 bytes unless told its length. */
const GCM = /-gcm$/i;
/** A check of the tag's length where it is set: `tag.length !== 16`, `authTag.byteLength === 16`. */
const LENGTH_CHECK =
  /\b(?:length|byteLength)\s*[!=]==?\s*(?:16|12|AUTH_TAG_LENGTH|TAG_LENGTH)\b|authTagLength/i;
const MAX_FUNCTION_TEXT = 64 * 1024;

export default defineRule({
  meta: {
    id: 'js/gcm-tag-length',
    kind: 'sast',
    title: 'AES-GCM decryption accepts a short authentication tag',
    severity: 'medium',
    // Exploitable where an attacker submits ciphertexts (tokens, messages), not for secrets the
    // server encrypted and stored itself: the code rarely says which.
    precision: 'medium',
    cwe: ['CWE-354'],
    owasp: ['A02:2021-Cryptographic Failures'],
    help:
      "`crypto.createDecipheriv('aes-256-gcm', key, iv)` without `{ authTagLength: 16 }` accepts " +
      'whatever tag `setAuthTag` is given, down to 4 bytes: an attacker who may send ciphertexts ' +
      'guesses a short tag in a few billion tries (fewer with each forgery), and learns enough to ' +
      'forge any message. Node deprecates short tags without an explicit length. Pass the length: ' +
      "`crypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 })`, or check " +
      '`tag.length === 16` before `setAuthTag`. Medium precision: it matters where an attacker can ' +
      'submit ciphertexts (tokens, messages), less for data the server encrypted and stored itself.',
    fixHint: 'Pass { authTagLength: 16 } to createDecipheriv (or check the tag is 16 bytes).',
  },
  hint: /gcm/i,
  create(context) {
    const resolver = resolverFor(context.ast);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (cipherWithIv(resolver, node) !== 'crypto.createDecipheriv') return;
        const alg = node.arguments[0] && resolver.staticValue(node.arguments[0]);
        if (typeof alg?.value !== 'string' || !GCM.test(alg.value)) return;
        const options = node.arguments[3];
        if (options && options.type !== 'SpreadElement') {
          const shape = objectShape(resolver, options);
          // Options the code does not show, or ones that name the length: not reported.
          if (!shape.complete || shape.props.some((p) => p.key === 'authTagLength')) return;
        }
        const scope = enclosingFunction(node) ?? context.ast;
        const text = context.getText(scope);
        if (text.length > MAX_FUNCTION_TEXT || LENGTH_CHECK.test(text)) return;
        context.report({
          node,
          message: `${alg.value} decryption without authTagLength accepts tags as short as 4 bytes: pass { authTagLength: 16 }.`,
        });
      },
    };
  },
});
