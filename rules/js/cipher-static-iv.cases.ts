import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'random IV',
      code: `import crypto from 'crypto';\nconst iv = crypto.randomBytes(16);\ncrypto.createCipheriv('aes-256-cbc', key, iv);`,
    },
    {
      name: 'IV read from the message',
      code: `import { createDecipheriv } from 'crypto';\nconst iv = payload.subarray(0, 12);\ncreateDecipheriv('aes-256-gcm', key, iv);`,
    },
    {
      name: 'IV parameter',
      code: `import { createCipheriv } from 'crypto';\nexport function enc(key: Buffer, iv: Buffer) { return createCipheriv('aes-256-ctr', key, iv); }`,
    },
    {
      name: 'ECB null IV belongs to weak-cipher',
      code: `import { createCipheriv } from 'crypto';\ncreateCipheriv('aes-128-ecb', key, null);`,
    },
    {
      // NTLM's DES responses: ECB takes no IV, and Node wants an empty one for it.
      name: 'ECB with an empty IV belongs to weak-cipher too',
      code: `const crypto = require('crypto');\nconst des = crypto.createCipheriv('DES-ECB', desKey, '');`,
    },
    {
      name: 'a method of that name given no cipher string',
      code: `const c = codec.createCipheriv(settings, key, '0000');`,
    },
    {
      name: 'unrelated function with the same name',
      code: `const createCipheriv = (a: string, b: string, c: string) => a + b + c;\ncreateCipheriv('x', 'y', '0000');`,
    },
  ],
  invalid: [
    {
      name: "compiled TypeScript's interop object, named by the method and its cipher string",
      code: `const crypto_1 = load();
const c = crypto_1.default.createCipheriv('AES-128-GCM', key, ''); // vigil-expect`,
    },
    {
      name: 'zero buffer',
      code: `import crypto from 'node:crypto';\nconst cipher = crypto.createCipheriv('aes-256-cbc', key, Buffer.alloc(16, 0)); // vigil-expect`,
    },
    {
      name: 'constant IV through a binding',
      code: `const { createCipheriv } = require('crypto');\nconst IV = Buffer.from('a1b2c3d4e5f60718a1b2c3d4e5f60718', 'hex');\ncreateCipheriv('aes-128-gcm', key, IV); // vigil-expect`,
    },
    {
      name: 'string literal and typed array',
      code: `import * as crypto from 'crypto';\ncrypto.createDecipheriv('aes-256-cbc', key, '0123456789abcdef'); // vigil-expect\ncrypto.createCipheriv('aes-256-gcm', key, new Uint8Array(12)); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
