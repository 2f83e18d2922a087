import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'secure session cookie',
      code: `import session from 'express-session';\napp.use(session({ secret: s, name: 'id', cookie: { secure: true, httpOnly: true, sameSite: 'lax' } }));`,
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
    {
      name: 'express-session secure through a variable, and no cookie block at all',
      code: `const session = require('express-session');\nconst opts = { secret, name: 'id', cookie: { httpOnly: true } };\nif (prod) opts.cookie.secure = true;\napp.use(session(opts));\napp.use(session({ secret, name, resave: false }));\napp.use(session({ secret, name: 'id', cookie: cookieOptions() }));\napp.use(session(sessionOptions()));`,
    },
    {
      name: 'non-auth cookies and CSRF tokens readable by script, and auth cookies done right',
      code: `res.cookie('theme', 'dark');\nres.cookie('XSRF-TOKEN', req.csrfToken());\nres.cookie('session', id, { httpOnly: true, secure: true, sameSite: 'lax' });\nres.cookie('token', t, opts);`,
    },
    {
      name: 'cookie property of something that is not the DOM document',
      code: `function fake() { return { cookie: '' }; }\nconst doc2 = fake();\ndoc2.cookie = 'a=b';\nfake().cookie = 'x';\nfunction f(document: { cookie: string }) { document.cookie = 'y'; }\nconst c = document.cookie;`,
    },
    {
      name: 'secure turned on in production after the options are declared',
      code: `const session = require('express-session');
const sess = { secret: process.env.S, name: 'id', cookie: { secure: false, httpOnly: true } };
if (app.get('env') === 'production') {
  app.set('trust proxy', 1);
  sess.cookie.secure = true;
}
app.use(session(sess));`,
    },
    {
      name: 'fastify and koa sessions with their flags on, and a NestJS reply done right',
      code: `import fastifySession from '@fastify/session';
import koaSession from 'koa-session';
app.register(fastifySession, { secret, cookie: { secure: true, httpOnly: true } });
koa.use(koaSession({ key: 'k.sess', httpOnly: true, secure: true }, koa));
class Auth { login(@Res() reply: Response) { reply.cookie('session_id', tok, { httpOnly: true, secure: true }); reply.setCookie('token', t, { httpOnly: true, secure: true }); } }`,
    },
    {
      name: 'Set-Cookie headers written with their flags, for other cookies, cleared, or built elsewhere',
      code: `const http = require('http');
const cookie = require('cookie');
http.createServer((req, res) => {
  res.setHeader('Set-Cookie', \`session=\${newId()}; Path=/; Secure; HttpOnly; SameSite=Lax\`);
  res.setHeader('Set-Cookie', ['theme=' + pickTheme(req) + '; Path=/', 'sid=; Max-Age=0; Path=/']);
  res.setHeader('Set-Cookie', cookie.serialize('sid', newId(), { secure: true, httpOnly: true }));
  res.writeHead(200, { 'Content-Type': 'text/html', 'Set-Cookie': 'lang=en; SameSite=Strict' });
  res.end();
});`,
    },
  ],
  invalid: [
    {
      name: 'express-session cookie block without secure, through Object.assign',
      code: `import session from 'express-session';\napp.use(session(Object.assign({ secret, name: 'id' }, { cookie: { httpOnly: true, maxAge: 3600 } }))); // vigil-expect`,
    },
    {
      name: 'a session cookie in a Set-Cookie header without its flags, and SameSite=None without Secure',
      code: `const http = require('http');
const FLAGS = '; Path=/; HttpOnly';
http.createServer((req, res) => {
  res.setHeader('Set-Cookie', \`session_id=\${newId()}\`); // vigil-expect
  res.writeHead(302, { Location: '/', 'set-cookie': 'auth=' + token + FLAGS }); // vigil-expect
  res.setHeader('Set-Cookie', ['prefs=compact; SameSite=None', 'x=1']); // vigil-expect
  res.setHeader('Set-Cookie', 'remember_me=' + token + '; Secure; HttpOnly; SameSite=None'); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'Express auth cookie with default flags',
      code: `res.cookie('access_token', token); // vigil-expect\nresponse.cookie('sessionId', id, { httpOnly: true }); // vigil-expect`,
    },
    {
      name: 'document.cookie writes (low precision)',
      code: `document.cookie = 'prefs=' + v; // vigil-expect\nwindow.document.cookie = \`lang=\${l}\`; // vigil-expect\nfunction doc() { return window.document; }\ndoc().cookie = 'a=b'; // vigil-expect`,
    },
    {
      name: 'express-session cookie flags off',
      code: `import session from 'express-session';\napp.use(session({\n  secret: s,\n  name: 'id',\n  cookie: {\n    secure: false, // vigil-expect\n    httpOnly: false, // vigil-expect\n  },\n}));`,
    },
    {
      name: 'cookie-session and res.cookie',
      code: `const cookieSession = require('cookie-session');\napp.use(cookieSession({ name: 's', keys, secure: false })); // vigil-expect\nres.cookie('token', jwt, { httpOnly: false }); // vigil-expect\nres.cookie('t', v, { sameSite: 'None' }); // vigil-expect`,
    },
    {
      name: "session cookie sent cross-site (sameSite: 'none', medium precision)",
      code: `import session from 'express-session';\napp.use(session({ secret: s, name: 'id', cookie: { secure: true, httpOnly: true, sameSite: 'none' } })); // vigil-expect\nres.cookie('refresh_token', t, { secure: true, httpOnly: true, sameSite: 'none' }); // vigil-expect`,
    },
    {
      name: 'express-session with the default cookie name (low precision)',
      code: `const session = require('express-session');\nconst options = { secret, cookie: { secure: true, httpOnly: true } };\napp.use(session(options)); // vigil-expect`,
    },
    {
      name: 'Koa cookie',
      code: `ctx.cookies.set('session', id, { httpOnly: false }); // vigil-expect`,
    },
    {
      name: 'NestJS response under another name',
      code: `class AuthController {
  login(@Res() reply: Response) {
    reply.cookie('session_id', tok); // vigil-expect
    reply.cookie('session_id', tok, { httpOnly: true, secure: false }); // vigil-expect
  }
}`,
    },
    {
      name: 'koa-session, @fastify/session and @fastify/cookie with flags off',
      code: `import fastifySession from '@fastify/session';
import koaSession from 'koa-session';
koa.use(koaSession({ key: 'koa.sess', httpOnly: false }, koa)); // vigil-expect
app.register(fastifySession, { secret, cookie: { secure: false } }); // vigil-expect
app.get('/login', async (req, reply) => {
  reply.setCookie('token', v, { httpOnly: false, secure: true }); // vigil-expect
});`,
    },
  ],
} satisfies RuleCases;
