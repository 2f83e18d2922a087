import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'AES-GCM with a random IV',
      code: `import crypto from 'crypto';\nconst iv = crypto.randomBytes(12);\nconst c = crypto.createCipheriv('aes-256-gcm', key, iv);`,
    },
    {
      name: 'constant strong algorithm',
      code: `import { createDecipheriv } from 'node:crypto';\nconst ALG = 'aes-256-cbc';\ncreateDecipheriv(ALG, key, iv);`,
    },
    {
      name: 'crypto-js AES in CBC',
      code: `import CryptoJS from 'crypto-js';\nCryptoJS.AES.encrypt(msg, key, { iv, mode: CryptoJS.mode.CBC });`,
    },
    {
      name: 'own createCipher function',
      code: `function createCipher(name: string) { return name; }\ncreateCipher('des');`,
    },
    { name: 'ecb text elsewhere', code: `const label = 'aes-128-ecb';\nconsole.log(label);` },
  ],
  invalid: [
    {
      name: 'an ECB cipher through an object holding the crypto module',
      code: `const lib = { crypto: load() };
lib.crypto.createCipheriv('aes-256-ecb', key, null); // vigil-expect`,
    },
    {
      name: 'deprecated createCipher',
      code: `const crypto = require('crypto');\nconst c = crypto.createCipher('aes192', password); // vigil-expect\nconst d = crypto.createDecipher('aes192', password); // vigil-expect`,
    },
    {
      name: 'DES, RC4 and ECB',
      code: `import { createCipheriv } from 'node:crypto';\nconst ALG = 'aes-128-ecb';\ncreateCipheriv('des-ede3-cbc', key, iv); // vigil-expect\ncreateCipheriv('rc4', key, null); // vigil-expect\ncreateCipheriv(ALG, key, null); // vigil-expect`,
    },
    {
      name: 'crypto-js DES and ECB mode',
      code: `import CryptoJS from 'crypto-js';\nCryptoJS.DES.encrypt(msg, key); // vigil-expect\nCryptoJS.AES.encrypt(msg, key, { mode: CryptoJS.mode.ECB }); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
