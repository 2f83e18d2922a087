import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'current sizes and curves',
      code: `import crypto from 'node:crypto';
crypto.generateKeyPairSync('rsa', { modulusLength: 4096 });
crypto.generateKeyPair('ec', { namedCurve: 'P-256' }, done);
crypto.generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });
crypto.generateKeySync('hmac', { length: 256 });
crypto.createDiffieHellman(2048);
crypto.getDiffieHellman('modp14');
crypto.createECDH('prime256v1');`,
    },
    {
      name: 'sizes from configuration, and look-alike objects',
      code: `const crypto = require('crypto');
crypto.generateKeyPairSync('rsa', { modulusLength: config.bits });
const layout = { modulusLength: 512, length: 8 };
pager.generateKey('x', { length: 16 });`,
    },
    {
      name: 'WebCrypto and node-forge at 2048 bits and more',
      code: `const forge = require('node-forge');
forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 3072, publicExponent: e, hash: 'SHA-256' }, true, use);`,
    },
    {
      name: 'a local object named crypto, node-rsa at 2048 bits, and curves without a size',
      code: `const NodeRSA = require('node-rsa');
new NodeRSA({ b: 2048 });
const crypto = { createDiffieHellman: (n) => n };
crypto.createDiffieHellman(512);
require('crypto').generateKeyPairSync('x25519');
require('crypto').generateKeyPairSync('ed25519', {});`,
    },
  ],
  invalid: [
    {
      name: 'small RSA, DSA and DH moduli in generateKeyPair',
      code: `const crypto = require('crypto');
crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }); // vigil-expect
const BITS = 512;
crypto.generateKeyPair('rsa-pss', { modulusLength: BITS }, cb); // vigil-expect
crypto.generateKeyPairSync('dh', { primeLength: 1024 }); // vigil-expect
crypto.generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 160 }); // vigil-expect`,
    },
    {
      name: 'weak curves, groups and secret lengths',
      code: `import { createECDH, createDiffieHellman, getDiffieHellman, generateKeyPairSync, generateKeySync } from 'node:crypto';
createECDH('secp160r1'); // vigil-expect
generateKeyPairSync('ec', { namedCurve: 'prime192v1' }); // vigil-expect
createDiffieHellman(1024); // vigil-expect
getDiffieHellman('modp2'); // vigil-expect
generateKeySync('aes', { length: 64 }); // vigil-expect`,
    },
    {
      name: 'WebCrypto, node-forge and node-rsa',
      code: `const forge = require('node-forge');
const NodeRSA = require('node-rsa');
forge.pki.rsa.generateKeyPair(1024); // vigil-expect
forge.pki.rsa.generateKeyPair({ bits: 768 }); // vigil-expect
const key = new NodeRSA({ b: 512 }); // vigil-expect
crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: e, hash: 'SHA-256' }, true, ['sign']); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
