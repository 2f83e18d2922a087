import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'secure session cookie',
      code: `import session from 'express-session';\napp.use(session({ secret: s, cookie: { secure: true, httpOnly: true, sameSite: 'lax' } }));`,
    },
    {
      name: 'flags from configuration and cross-site cookie done right',
      code: `res.cookie('sid', id, { secure: config.https, httpOnly: true });\nres.cookie('widget', v, { sameSite: 'none', secure: true });`,
    },
    {
      name: 'secure: false on something that is not a cookie',
      code: `const smtp = nodemailer.createTransport({ host, port: 587, secure: false });\nmap.set('x', 1, { httpOnly: false });`,
    },
    {
      name: 'cookie-session left at its secure defaults',
      code: `import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 's', keys, httpOnly: true, sameSite: 'strict' }));`,
    },
  ],
  invalid: [
    {
      name: 'express-session cookie flags off',
      code: `import session from 'express-session';\napp.use(session({\n  secret: s,\n  cookie: {\n    secure: false, // vigil-expect\n    httpOnly: false, // vigil-expect\n  },\n}));`,
    },
    {
      name: 'cookie-session and res.cookie',
      code: `const cookieSession = require('cookie-session');\napp.use(cookieSession({ name: 's', keys, secure: false })); // vigil-expect\nres.cookie('token', jwt, { httpOnly: false }); // vigil-expect\nres.cookie('t', v, { sameSite: 'None' }); // vigil-expect`,
    },
    {
      name: 'Koa cookie',
      code: `ctx.cookies.set('session', id, { httpOnly: false }); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
