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
    {
      name: 'tokens signed (with an expiry or without: the rule is about accepting them), NestJS verifying',
      code: `import jwt from 'jsonwebtoken';
import { SignJWT } from 'jose';
const a = jwt.sign({ sub }, key, { expiresIn: '15m' });
const b = jwt.sign({ sub, exp: Math.floor(Date.now() / 1000) + 600 }, key);
const c = jwt.sign({ sub }, key, signOptions);
const d = jwt.sign(claims, key);
const f = jwt.sign({ uid, role }, key);
const e = await new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(secret);
class Auth { constructor(private jwtService: JwtService) {} check(t: string) { return this.jwtService.verify(t, { ignoreExpiration: false }); } }`,
    },
    {
      name: 'passport-jwt checking expiry',
      code: `import { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';
import { PassportStrategy } from '@nestjs/passport';
passport.use(new JwtStrategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: key }, done));
export class JwtAuth extends PassportStrategy(JwtStrategy) {
  constructor() { super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), ignoreExpiration: false, secretOrKey: key }); }
}`,
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
    {
      name: 'passport-jwt and @nestjs/jwt ignoring expiry',
      code: `import { Strategy, ExtractJwt } from 'passport-jwt';
import { PassportStrategy } from '@nestjs/passport';
passport.use(new Strategy({
  jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
  ignoreExpiration: true, // vigil-expect
  secretOrKey: key,
}, done));
export class JwtAuth extends PassportStrategy(Strategy) {
  constructor(private jwtService: JwtService) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), ignoreExpiration: true, secretOrKey: key }); // vigil-expect
  }
  check(t: string) {
    return this.jwtService.verifyAsync(t, { ignoreExpiration: true }); // vigil-expect
  }
}`,
    },
  ],
} satisfies RuleCases;
