import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'expiry checked',
      code: `import jwt from 'jsonwebtoken';\njwt.verify(token, key, { algorithms: ['RS256'], ignoreExpiration: false });`,
    },
    {
      name: 'express-jwt with a revocation check',
      code: `const { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret: key, algorithms: ['HS256'], isRevoked: denied }));`,
    },
    {
      name: 'express-jwt options built elsewhere',
      code: `import jwt from 'express-jwt';\nexport const guard = (opts: object) => jwt(Object.assign({ secret: key }, opts));\napp.use(jwt(loadOptions()));`,
    },
    {
      name: 'ignoreExpiration on something else',
      code: `const cache = new Cache({ ignoreExpiration: true });\nfunction verify(t, k, o) {}\nverify(token, key, { ignoreExpiration: true });`,
    },
  ],
  invalid: [
    {
      name: 'jsonwebtoken verify ignoring expiry',
      code: `import jwt from 'jsonwebtoken';\njwt.verify(token, key, { algorithms: ['HS256'], ignoreExpiration: true }); // vigil-expect\nconst OPTS = { algorithms: ['RS256'], ignoreExpiration: true };\njwt.verify(token, pub, OPTS, done); // vigil-expect`,
    },
    {
      name: 'express-jwt ignoring expiry',
      code: `const { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret: key, algorithms: ['HS256'], ignoreExpiration: true, isRevoked })); // vigil-expect`,
    },
    {
      name: 'express-jwt without isRevoked (low precision)',
      code: `const jwt = require('express-jwt');\napp.get('/admin', jwt({ secret: process.env.SECRET, algorithms: ['HS256'] }), admin); // vigil-expect\nconst opts = Object.assign({ issuer: 'me' }, { secret: key });\napp.use(jwt(opts)); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
