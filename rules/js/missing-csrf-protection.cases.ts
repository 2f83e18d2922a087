import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'a CSRF token middleware in the app',
      code: `const express = require('express');
const session = require('express-session');
const { doubleCsrf } = require('csrf-csrf');
const app = express();
app.use(session({ secret: process.env.SECRET, resave: false, saveUninitialized: false }));
const { doubleCsrfProtection } = doubleCsrf({ getSecret: () => process.env.SECRET });
app.use(doubleCsrfProtection);
app.post('/transfer', (req, res) => res.send('ok'));`,
    },
    {
      name: 'a session cookie that is SameSite lax',
      code: `import express from 'express';
import session from 'express-session';
const app = express();
app.use(session({ secret: process.env.SECRET!, cookie: { httpOnly: true, secure: true, sameSite: 'lax' } }));
app.post('/profile', (req, res) => res.json(req.body));`,
    },
    {
      name: 'sessions with read-only routes, and routes in another file',
      code: `const express = require('express');
const cookieSession = require('cookie-session');
const api = require('./routes/api');
const app = express();
app.use(cookieSession({ keys: [process.env.KEY] }));
app.get('/me', (req, res) => res.json(req.session.user));
app.use('/api', api);`,
    },
    {
      name: 'cookie-parser for preferences, token auth in a header',
      code: `const express = require('express');
const cookieParser = require('cookie-parser');
const router = express.Router();
const app = express();
app.use(cookieParser());
router.post('/notes', (req, res) => {
  const theme = req.cookies.theme;
  const auth = req.headers.authorization;
  res.json({ theme, auth });
});`,
    },
    {
      name: 'post calls on an HTTP client',
      code: `const session = require('express-session');
const axios = require('axios');
const mw = session({ secret: process.env.S });
axios.post('https://api.example.com/hook', {});`,
    },
  ],
  invalid: [
    {
      name: 'express-session with state-changing routes and no token',
      code: `const express = require('express');
const session = require('express-session');
const app = express();
app.use(session({ secret: process.env.SECRET, resave: false, saveUninitialized: true })); // vigil-expect
app.post('/account/email', (req, res) => {
  req.session.user.email = req.body.email;
  res.redirect('/account');
});`,
    },
    {
      name: 'cookie-session with a router, route chains',
      code: `import express, { Router } from 'express';
import cookieSession from 'cookie-session';
const app = express();
const router = Router();
app.use(cookieSession({ name: 'sess', keys: [process.env.K!], sameSite: 'none', secure: true })); // vigil-expect
router.route('/items/:id').delete((req, res) => res.sendStatus(204));
app.use(router);`,
    },
    {
      name: 'the protection commented out',
      code: `const express = require('express');
const session = require('express-session');
// const csrf = require('csurf');
const app = express();
app.use(session({ secret: process.env.SECRET })); // vigil-expect
/* app.use(csrf()); */
app.patch('/password', (req, res) => res.end());`,
    },
    {
      name: 'cookie-parser reading a login token cookie',
      code: `const express = require('express');
const cookieParser = require('cookie-parser');
const app = express();
app.use(cookieParser()); // vigil-expect
app.put('/settings', (req, res) => {
  const user = verify(req.cookies.authToken);
  save(user, req.body);
  res.end();
});`,
    },
  ],
} satisfies RuleCases;
