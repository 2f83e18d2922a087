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
    {
      name: 'jose with a real key, and a local None',
      code: `const { JWT, JWK } = require('jose');\nconst key = JWK.asKey(process.env.JWT_KEY);\nJWT.verify(token, key);\nconst None = makeKey();\nJWT.sign(claims, None);`,
    },
    {
      name: 'jose 4 verify and a local UnsecuredJWT',
      code: `import { jwtVerify } from 'jose';\nclass UnsecuredJWT { static decode(t: string) { return t; } }\nawait jwtVerify(token, key);\nUnsecuredJWT.decode(t);`,
    },
    {
      name: 'pinned through a spread of shared options, and middlewares with real algorithms',
      code: `import jwt from 'jsonwebtoken';
import { expressjwt } from 'express-jwt';
import { Strategy } from 'passport-jwt';
const base = { algorithms: ['RS256'] };
jwt.verify(token, pub, { ...base, audience: 'api' });
jwt.verify(token, pub, { ...shared(), issuer: 'me' });
app.use(expressjwt({ secret, algorithms: ['HS256'] }));
passport.use(new Strategy({ jwtFromRequest, secretOrKey, algorithms: ['HS256'] }, done));`,
    },
  ],
  invalid: [
    {
      name: 'jose JWK.None and UnsecuredJWT',
      code: `const jose = require('jose');\nconst { JWT, JWK } = jose;\nJWT.verify(token, JWK.None); // vigil-expect\njose.JWS.sign(payload, jose.JWK.None); // vigil-expect\nconst { payload } = jose.UnsecuredJWT.decode(token); // vigil-expect`,
    },
    {
      name: 'jsonwebtoken verify without a secret',
      code: `import jwt from 'jsonwebtoken';\njwt.verify(token, null, { algorithms: ['HS256'] }); // vigil-expect\njwt.verify(token, '', { algorithms: ['HS256'] }); // vigil-expect`,
    },
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
    {
      name: "'none' through a constant, and in express-jwt and passport-jwt options",
      code: `import jwt from 'jsonwebtoken';
import { expressjwt } from 'express-jwt';
import { Strategy as JwtStrategy } from 'passport-jwt';
const NONE_ALGS = ['none'];
jwt.verify(token, key, { algorithms: NONE_ALGS }); // vigil-expect
app.use(expressjwt({ secret, algorithms: ['HS256', 'none'] })); // vigil-expect
passport.use(new JwtStrategy({
  jwtFromRequest,
  secretOrKey,
  algorithms: ['none'], // vigil-expect
}, done));`,
    },
  ],
} satisfies RuleCases;
