import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'identifiers and roles only',
      code: `import jwt from 'jsonwebtoken';\nexport const issue = (u: { id: string; role: string }) =>\n  jwt.sign({ sub: u.id, role: u.role }, key, { expiresIn: '15m' });`,
    },
    {
      name: 'metadata about a password is not a password',
      code: `const jwt = require('jsonwebtoken');\nconst claims = { sub: id, passwordChangedAt: changed, hasPassword: true };\njwt.sign(claims, key);`,
    },
    {
      name: 'the password is the key, not a claim',
      code: `import { SignJWT } from 'jose';\nconst token = await new SignJWT({ sub: id }).setProtectedHeader({ alg: 'HS256' }).sign(secret);\nconst other = { password: pw };\nlogin(other);`,
    },
    {
      name: 'encrypted token, and a local sign helper',
      code: `import { EncryptJWT } from 'jose';\nconst jwe = await new EncryptJWT({ card: n, secret: s }).encrypt(key);\nfunction sign(data: object) { return data; }\nsign({ password: 'x' });`,
    },
    {
      name: 'a user object built from chosen fields',
      code: `const { JWT } = require('jose');\nfunction issue(user) {\n  const claims = { name: user.name };\n  return JWT.sign(claims, key);\n}`,
    },
  ],
  invalid: [
    {
      name: 'password in the literal, nested, and through Object.assign',
      code: `import jwt from 'jsonwebtoken';\njwt.sign({ sub: id, password: body.password }, key); // vigil-expect\njwt.sign({ user: { name, passwd } }, key); // vigil-expect\njwt.sign(Object.assign({ sub: id }, { clientSecret: s }), key); // vigil-expect`,
    },
    {
      name: 'payload filled before the call',
      code: `const jose = require('jose');\nconst { JWT } = jose;\nlet claims;\nclaims = { sub: id };\nclaims.password = pw;\nJWT.sign(claims, key); // vigil-expect\nconst p = { profile: {} };\np.profile.pwd = x;\nnew jose.UnsecuredJWT(p).encode(); // vigil-expect`,
    },
    {
      name: 'jwt-simple and SignJWT',
      code: `import jwtSimple from 'jwt-simple';\nimport { SignJWT } from 'jose';\njwtSimple.encode({ u, secret: apiSecret }, key); // vigil-expect\nawait new SignJWT({ ...base, passphrase }).sign(k); // vigil-expect`,
    },
    {
      name: 'whole user record signed as is (low precision)',
      code: `import jwt from 'jsonwebtoken';\nexport function issue(user: User) {\n  return jwt.sign(user, key); // vigil-expect\n}\napp.get('/t', (req, res) => res.json(jwt.sign(req.user, key))); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
