import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { findProperty, resolverFor, type Resolver } from '../../src/sast/resolve.ts';

/** NIST SP 800-131A / 800-57: RSA, DSA and DH moduli below 2048 bits no longer protect anything. */
const MIN_MODULUS = 2048;
/** Symmetric (HMAC/AES) keys below 128 bits. */
const MIN_SYMMETRIC = 128;
/** Elliptic curves of fewer than 224 bits (NIST's floor), by the names OpenSSL and Node accept. */
const WEAK_CURVE =
  /^(?:secp1[0-9]{2}[rk][12]|sect1[0-9]{2}[rk][12]|prime192v[1-3]|prime1[0-9]{2}v\d|c2[pto]nb1[0-9]{2}[vw]\d|brainpoolP1[0-9]{2}[rt]1|wap-wsg-idm-ecid-wtls\d+|P-192|secp192r1)$/i;
/** `crypto.getDiffieHellman` groups of 768 and 1,024 bits. */
const WEAK_GROUP = /^modp[12]$/i;

const KEY_PAIR = new Set(['crypto.generateKeyPair', 'crypto.generateKeyPairSync']);
const SECRET_KEY = new Set(['crypto.generateKey', 'crypto.generateKeySync']);
const SUBTLE = new Set(['crypto.subtle.generateKey', 'crypto.webcrypto.subtle.generateKey']);

const numberOf = (resolver: Resolver, n: TSESTree.Node | undefined): number | undefined => {
  const v = n && resolver.staticValue(n);
  return v && typeof v.value === 'number' ? v.value : undefined;
};
const stringOf = (resolver: Resolver, n: TSESTree.Node | undefined): string | undefined => {
  const v = n && resolver.staticValue(n);
  return v && typeof v.value === 'string' ? v.value : undefined;
};

export default defineRule({
  meta: {
    id: 'js/insufficient-key-size',
    kind: 'sast',
    title: 'Cryptographic key too small (RSA/DSA/DH below 2048 bits, curves below 224, secrets below 128)',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-326'],
    owasp: ['A02:2021-Cryptographic Failures'],
    help:
      'A 1024-bit RSA, DSA or Diffie-Hellman modulus, a 160-bit elliptic curve or a 64-bit secret key ' +
      'can be broken with resources well within reach, and everything it protected is readable (or ' +
      'forgeable) afterwards. vigil reports constant sizes below the NIST floors in ' +
      '`crypto.generateKeyPair(Sync)` (`modulusLength`, `primeLength`, `namedCurve`), ' +
      '`crypto.generateKey(Sync)` (`length`), `crypto.createDiffieHellman(bits)`, ' +
      "`crypto.getDiffieHellman('modp1'|'modp2')`, `crypto.createECDH(curve)`, WebCrypto's " +
      '`subtle.generateKey`, node-forge `pki.rsa.generateKeyPair` and node-rsa `new NodeRSA({ b })`. ' +
      'Use at least 2048-bit RSA/DH (3072 for use beyond 2030), P-256 or X25519, and 128-bit (better 256) secrets.',
    fixHint: 'Use modulusLength >= 2048 (RSA/DSA/DH), a 256-bit curve, or a 256-bit secret key.',
  },
  hint: /modulusLength|primeLength|namedCurve|DiffieHellman|ECDH|generateKey|NodeRSA|\bb\s*:/,
  create(context) {
    const resolver = resolverFor(context.ast);
    const report = (node: TSESTree.Node, message: string) => context.report({ node, message });
    /** An options object's modulus, prime or curve, or a secret's length. */
    const checkOptions = (options: TSESTree.Node | undefined, symmetric: boolean) => {
      if (options?.type !== 'ObjectExpression') return;
      for (const key of ['modulusLength', 'primeLength', 'divisorLength'] as const) {
        const p = findProperty(options, key);
        const bits = numberOf(resolver, p?.value);
        // `divisorLength` is DSA's q: 224 bits is its floor, next to a 2048-bit p.
        const floor = key === 'divisorLength' ? 224 : MIN_MODULUS;
        if (p && bits !== undefined && bits < floor) report(p, `${key}: ${bits} bits is below ${floor}.`);
      }
      const curve = findProperty(options, 'namedCurve');
      const name = stringOf(resolver, curve?.value);
      if (curve && name && WEAK_CURVE.test(name)) report(curve, `Curve ${name} has fewer than 224 bits.`);
      if (symmetric) {
        const length = findProperty(options, 'length');
        const bits = numberOf(resolver, length?.value);
        if (length && bits !== undefined && bits < MIN_SYMMETRIC)
          report(length, `A ${bits}-bit secret key is below ${MIN_SYMMETRIC} bits.`);
      }
    };
    const check = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const target = resolver.resolve(node.callee);
      if (!target) return;
      const [first, second] = node.arguments;
      if (KEY_PAIR.has(target)) checkOptions(second, false);
      else if (SECRET_KEY.has(target)) checkOptions(second, true);
      else if (SUBTLE.has(target)) checkOptions(first, true);
      else if (target === 'crypto.createDiffieHellman') {
        const bits = numberOf(resolver, first);
        if (bits !== undefined && bits < MIN_MODULUS)
          report(node, `A ${bits}-bit Diffie-Hellman prime is below ${MIN_MODULUS} bits.`);
      } else if (target === 'crypto.getDiffieHellman' || target === 'crypto.createDiffieHellmanGroup') {
        const group = stringOf(resolver, first);
        if (group && WEAK_GROUP.test(group))
          report(node, `Diffie-Hellman group ${group} has under 2048 bits.`);
      } else if (target === 'crypto.createECDH') {
        const curve = stringOf(resolver, first);
        if (curve && WEAK_CURVE.test(curve)) report(node, `Curve ${curve} has fewer than 224 bits.`);
      } else if (
        target === 'node-forge.pki.rsa.generateKeyPair' ||
        target === 'node-forge.rsa.generateKeyPair'
      ) {
        const bits = numberOf(resolver, first) ?? numberOf(resolver, findProperty(first, 'bits')?.value);
        if (bits !== undefined && bits < MIN_MODULUS)
          report(node, `A ${bits}-bit RSA key is below ${MIN_MODULUS} bits.`);
      } else if (target === 'node-rsa' && node.type === 'NewExpression') {
        const b = findProperty(first, 'b');
        const bits = numberOf(resolver, b?.value);
        if (b && bits !== undefined && bits < MIN_MODULUS)
          report(b, `A ${bits}-bit RSA key is below ${MIN_MODULUS} bits.`);
      }
    };
    return { CallExpression: check, NewExpression: check };
  },
});
