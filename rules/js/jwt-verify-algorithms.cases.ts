import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'pinned',
      code: `import jwt from 'jsonwebtoken';\njwt.verify(token, key, { algorithms: ['RS256'] });`,
    },
    {
      name: 'pinned through a constant and a callback',
      code: `const jwt = require('jsonwebtoken');\nconst OPTS = { algorithms: ['HS256'], issuer: 'me' };\njwt.verify(token, secret, OPTS, (err, claims) => {});`,
    },
    { name: 'other library verify', code: `import { verify } from './signature.ts';\nverify(token, key);` },
    {
      name: 'sign with a real algorithm',
      code: `import jwt from 'jsonwebtoken';\njwt.sign(claims, key, { algorithm: 'ES256' });`,
    },
    {
      name: 'opaque options',
      code: `import { verify } from 'jsonwebtoken';\nexport const check = (t: string, o: object) => verify(t, key, o);`,
    },
  ],
  invalid: [
    {
      name: 'no options',
      code: `import jwt from 'jsonwebtoken';\nexport function auth(token: string) {\n  return jwt.verify(token, process.env.SECRET!); // vigil-expect\n}`,
    },
    {
      name: 'options without algorithms, and callback form',
      code: `const { verify } = require('jsonwebtoken');\nverify(token, key, { issuer: 'me' }); // vigil-expect\nverify(token, key, (err, c) => done(c)); // vigil-expect`,
    },
    {
      name: "'none' allowed or signed",
      code: `import * as jwt from 'jsonwebtoken';\njwt.verify(t, k, { algorithms: ['HS256', 'none'] }); // vigil-expect\njwt.sign(claims, '', { algorithm: 'none' }); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
