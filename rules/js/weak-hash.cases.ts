import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'etag and cache key',
      code: `import { createHash } from 'crypto';\nconst etag = createHash('md5').update(body).digest('hex');\nconst cacheKey = createHash('sha1').update(url).digest('hex');`,
    },
    {
      name: 'strong algorithm for a password',
      code: `import crypto from 'node:crypto';\nconst passwordHash = crypto.createHash('sha256').update(password).digest('hex');`,
    },
    {
      name: 'file checksum function',
      code: `import { createHash } from 'crypto';\nexport function fileChecksum(buf: Buffer) {\n  return createHash('md5').update(buf).digest('hex');\n}`,
    },
    {
      name: 'unrelated md5 function',
      code: `function md5(s: string) { return s; }\nconst token = md5(secret);`,
    },
    {
      name: 'gravatar url',
      code: `import md5 from 'md5';\nconst gravatar = 'https://gravatar.com/avatar/' + md5(email);`,
    },
  ],
  invalid: [
    {
      name: 'password hashed with md5',
      code: `import { createHash } from 'crypto';\nexport function hashPassword(password: string) {\n  return createHash('md5').update(password).digest('hex'); // vigil-expect\n}`,
    },
    {
      name: 'sha1 signature through require',
      code: `const crypto = require('crypto');\nconst ALG = 'sha1';\nconst signature = crypto.createHash(ALG).update(payload + secret).digest('base64'); // vigil-expect`,
    },
    {
      name: 'crypto-js MD5 for a token',
      code: `import CryptoJS from 'crypto-js';\nconst resetToken = CryptoJS.MD5(email + Date.now()).toString(); // vigil-expect`,
    },
    {
      name: 'no name tells the use (low precision: a spot to review)',
      code: `const crypto = require('crypto');\nexport const digest = (s: string) => crypto.createHash('sha1').update(s).digest('hex'); // vigil-expect`,
    },
    {
      name: 'property named for a session',
      code: `import { hash } from 'node:crypto';\nconst user = { sessionId: hash('sha1', name + Date.now()) }; // vigil-expect`,
    },
  ],
} satisfies RuleCases;
