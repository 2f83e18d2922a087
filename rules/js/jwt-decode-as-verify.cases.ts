import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'jwt-simple verifying',
      code: `const jwt = require('jwt-simple');
module.exports = (token) => jwt.decode(token, process.env.JWT_KEY, false, 'HS256');`,
    },
    {
      name: 'a handler decoding a token the server keeps, to show when it was issued',
      code: `import { decode } from 'jsonwebtoken';
export function listUsers(req, res) {
  res.json(users.map((user) => {
    const stored = sessions.tokenOf(user);
    const claims = stored ? decode(stored, { json: true }) : null;
    return { name: user.name, lastLogin: claims?.iat };
  }));
}`,
    },
    {
      name: 'a page decodes its own token from browser storage',
      code: `import { jwtDecode } from 'jwt-decode';
export function parseAuthToken() {
  const token = localStorage.getItem('token');
  return token ? jwtDecode(token) : null;
}
export function sessionRole() {
  return jwtDecode(window.sessionStorage.getItem('jwt')).role;
}`,
    },
    {
      name: 'an Angular component decoding the token it was given',
      code: `import { Component } from '@angular/core';
import { jwtDecode } from 'jwt-decode';
@Component({ selector: 'app-login' })
export class LoginComponent {
  onLogin(token: string) { this.role = jwtDecode(token).role; }
}`,
    },
    {
      name: 'decode for the header, then verify',
      code: `import jwt from 'jsonwebtoken';\nexport function authenticate(token: string) {\n  const { header } = jwt.decode(token, { complete: true })!;\n  return jwt.verify(token, keys[header.kid], { algorithms: ['RS256'] });\n}`,
    },
    {
      name: 'client-side display',
      filename: 'a.jsx',
      code: `import { jwtDecode } from 'jwt-decode';\nexport function Avatar({ token }) {\n  const { name } = jwtDecode(token);\n  return <span>{name}</span>;\n}`,
    },
    {
      name: 'local decode function',
      code: `function decode(t: string) { return t; }\nexport function requireAuth(req: any) { return decode(req.headers.authorization); }`,
    },
    {
      name: 'top-level decode in a script',
      code: `import jwt from 'jsonwebtoken';\nconsole.log(jwt.decode(process.argv[2]!));`,
    },
    {
      name: 'a verifier handed the token, and a NestJS guard that verifies',
      code: `import jwt from 'jsonwebtoken';
export function check(req, res, next) {
  const token = req.headers.authorization.slice(7);
  checkAndVerify(token);
  req.user = jwt.decode(token);
  next();
}
export class AuthGuard {
  constructor(private jwtService: JwtService) {}
  async canActivate(context) {
    const request = context.switchToHttp().getRequest();
    const token = request.headers.authorization?.split(' ')[1];
    request.user = await this.jwtService.verifyAsync(token);
    const raw = this.jwtService.decode(token);
    return !!raw;
  }
}`,
    },
    {
      name: 'a passport callback decoding once the strategy accepted the token or found it only expired',
      code: `const jwt = require('jsonwebtoken');
function authenticate(req, res, next) {
  passport.authenticate('jwt', { session: false }, async (err, user, info) => {
    if (err) return next(err);
    let renew = false;
    if (info instanceof Error && info.name === 'TokenExpiredError') renew = true;
    if (user && user.stale) {
      renew = true;
    }
    if (user) req.claims = jwt.decode(readToken(req));
    if (renew) {
      const claims = jwt.decode(readToken(req));
      user = await users.refresh(claims.id);
    }
    next();
  })(req, res, next);
}`,
    },
  ],
  invalid: [
    {
      name: 'jwt-simple told not to verify',
      code: `const jwt = require('jwt-simple');
module.exports = (token) => jwt.decode(token, process.env.JWT_KEY, true); // vigil-expect`,
    },
    {
      name: 'a handler decoding the bearer token of the request through constants',
      code: `const jwt = require('jsonwebtoken');
app.get('/me', (req, res) => {
  const header = req.get('Authorization');
  const bearer = header.split(' ')[1];
  const claims = jwt.decode(bearer); // vigil-expect
  res.json({ admin: claims.admin });
});`,
    },
    {
      name: 'middleware trusts decoded claims',
      code: `import jwt from 'jsonwebtoken';\nexport function requireAuth(req: any, res: any, next: () => void) {\n  const user = jwt.decode(req.headers.authorization?.slice(7)); // vigil-expect\n  req.user = user;\n  next();\n}`,
    },
    {
      name: 'route handler checks role from decode',
      code: `const jwt = require('jsonwebtoken');\napp.get('/admin', (req, res) => {\n  const claims = jwt.decode(req.cookies.token); // vigil-expect\n  if (claims.role !== 'admin') return res.sendStatus(403);\n});`,
    },
    {
      name: 'jose and jwt-decode in auth helpers',
      code: `import { decodeJwt } from 'jose';\nimport jwtDecode from 'jwt-decode';\nexport const isAdmin = (t: string) => decodeJwt(t).role === 'admin'; // vigil-expect\nexport function getSession(t: string) { return jwtDecode(t); } // vigil-expect`,
    },
    {
      name: 'tokens taken from the request through destructuring and reassignment',
      code: `import jwt from 'jsonwebtoken';
export function a(req, res, next) {
  const [, token] = req.headers.authorization.split(' ');
  next(jwt.decode(token)); // vigil-expect
}
export function b(req, res, next) {
  const { token } = req.cookies;
  res.locals.user = jwt.decode(token); // vigil-expect
  next();
}
export function c(req, res, next) {
  let token = req.headers.authorization || '';
  if (token.startsWith('Bearer ')) token = token.slice(7);
  res.locals.user = jwt.decode(token); // vigil-expect
  next();
}`,
    },
    {
      name: 'a verify call about something else does not verify the token',
      code: `import jwt from 'jsonwebtoken';
export async function withCaptcha(req, res, next) {
  await verifyCaptcha(req.body.captcha);
  res.locals.user = jwt.decode(req.headers['x-access-token']); // vigil-expect
  next();
}`,
    },
    {
      name: 'NestJS guards deciding on a decoded token',
      code: `import * as jwt from 'jsonwebtoken';
export class RolesGuard {
  canActivate(context) {
    const request = context.switchToHttp().getRequest();
    const payload = jwt.decode(request.headers.authorization?.split(' ')[1]); // vigil-expect
    return payload?.roles?.includes('admin');
  }
}
export class JwtGuard {
  constructor(private readonly jwtService: JwtService) {}
  canActivate(context) {
    const request = context.switchToHttp().getRequest();
    request.user = this.jwtService.decode(request.headers.authorization?.split(' ')[1]); // vigil-expect
    return !!request.user;
  }
}`,
    },
    {
      name: 'a passport callback decoding after any failure, or under a flag something else sets',
      code: `const jwt = require('jsonwebtoken');
function authenticate(req, res, next) {
  passport.authenticate('jwt', { session: false }, (err, user, info) => {
    if (!user) req.claims = jwt.decode(readToken(req)); // vigil-expect
    let retry = false;
    if (info) retry = true;
    if (user) retry = true;
    if (retry) req.claims = jwt.decode(readToken(req)); // vigil-expect
    let other = false;
    if (info && info.name === 'TokenExpiredError') other = true;
    other = req.query.renew === '1';
    if (other) req.claims = jwt.decode(readToken(req)); // vigil-expect
    for (const t of tries) {
      if (user) req.claims = jwt.decode(readToken(req)); // vigil-expect
      user = t;
    }
    next();
  })(req, res, next);
}
function login(req, res, next) {
  passport.authenticate('local', (err, user) => {
    if (user) req.claims = jwt.decode(req.headers.authorization); // vigil-expect
    next();
  })(req, res, next);
}`,
    },
  ],
} satisfies RuleCases;
