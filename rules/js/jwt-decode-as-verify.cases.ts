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
  ],
} satisfies RuleCases;
