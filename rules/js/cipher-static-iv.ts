import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';
import { cipherWithIv } from '../../src/sast/node-cipher.ts';

const BUFFER_CONSTANT = new Set(['Buffer.alloc', 'Buffer.from']);
const TYPED_ARRAYS = new Set(['Uint8Array', 'Buffer']);

/** An IV fixed at compile time: a literal, a zero buffer, `Buffer.from(<constant>)`, `new Uint8Array(16)`. */
function isConstantIv(resolver: Resolver, node: TSESTree.Node, depth = 0): boolean {
  const n = unwrap(node);
  if (depth > 4) return false;
  if (n.type === 'Literal') return n.value !== null;
  if (resolver.staticValue(n)) return true;
  if (n.type === 'Identifier') {
    const init = resolver.constantInit(n);
    return init !== undefined && isConstantIv(resolver, init, depth + 1);
  }
  if (n.type === 'CallExpression' || n.type === 'NewExpression') {
    const target = resolver.resolve(n.callee);
    if (!target) return false;
    const args = n.arguments.filter((a) => a.type !== 'SpreadElement');
    if (n.type === 'CallExpression' && BUFFER_CONSTANT.has(target)) {
      // Buffer.alloc(16) / Buffer.alloc(16, 0) / Buffer.from('…', 'hex') / Buffer.from([0, 0, …])
      return args.every((a) => {
        const u = unwrap(a);
        return (
          resolver.staticValue(u) !== undefined ||
          (u.type === 'ArrayExpression' &&
            u.elements.every(
              (e) => e !== null && e.type !== 'SpreadElement' && resolver.staticValue(e) !== undefined,
            ))
        );
      });
    }
    if (n.type === 'NewExpression' && TYPED_ARRAYS.has(target)) {
      return args.length === 1 && resolver.staticValue(args[0]!) !== undefined;
    }
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'js/cipher-static-iv',
    kind: 'sast',
    title: 'Cipher initialised with a constant IV',
    severity: 'high',
    cwe: ['CWE-329', 'CWE-1204'],
    owasp: ['A02:2021-Cryptographic Failures'],
    help:
      'An initialisation vector must be unpredictable (CBC) or never reused with the same key (GCM, ' +
      'CTR). A literal, a zero-filled buffer or any constant IV makes equal plaintexts encrypt ' +
      'equally and, in GCM/CTR, reveals the XOR of messages and lets attackers forge tags. Generate ' +
      "one per message and store it with the ciphertext: `const iv = crypto.randomBytes(12); const c = crypto.createCipheriv('aes-256-gcm', key, iv);`.",
    fixHint:
      'Generate a fresh IV with crypto.randomBytes for every encryption and store it beside the ciphertext.',
  },
  hint: /Cipheriv|Decipheriv/,
  create(context) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const resolver = resolverFor(context.ast);
        if (!cipherWithIv(resolver, node)) return;
        const iv = node.arguments[2];
        if (!iv || iv.type === 'SpreadElement') return;
        const u = unwrap(iv);
        if (u.type === 'Literal' && u.value === null) return; // ECB: no IV, reported by js/weak-cipher
        // An ECB mode named with an empty IV (`createCipheriv('des-ecb', key, '')`): it uses none.
        const algorithm = node.arguments[0] && unwrap(node.arguments[0]);
        if (
          algorithm?.type === 'Literal' &&
          typeof algorithm.value === 'string' &&
          /-ecb$/i.test(algorithm.value)
        )
          return;
        if (isConstantIv(resolver, iv)) context.report({ node: iv, message: 'The IV is a constant.' });
      },
    };
  },
});
