// Deliberately vulnerable example server — see examples/README.md. Do not deploy.
import express from 'express';
import cookieParser from 'cookie-parser';
import session from 'express-session';
import { exec, execFile } from 'node:child_process';
import vm from 'node:vm';
import jwt from 'jsonwebtoken';
import escapeStringRegexp from 'escape-string-regexp';
import { findUser, searchProducts } from './db.js';
import { JWT_PUBLIC_KEY } from './config.js';

const app = express();
app.use(express.json());
app.use(cookieParser());
const sessionCookie = { name: 'sid', secret: process.env.SESSION_SECRET, cookie: { secure: true } };
app.use(session({ ...sessionCookie, resave: false, saveUninitialized: false })); // vuln: js/missing-csrf-protection
app.use('/static', express.static(process.cwd())); // vuln: js/private-file-exposure
app.use('/assets', express.static('public')); // safe: js/private-file-exposure

// Trusts any token: decode reads the claims without checking the signature.
function requireUser(req, res, next) {
  const token = (req.headers.authorization ?? '').replace('Bearer ', '');
  req.user = jwt.decode(token); // vuln: js/jwt-decode-as-verify
  if (!req.user) return res.sendStatus(401);
  next();
}

// Verifies, but lets the token pick the algorithm.
function requireAdmin(req, res, next) {
  const claims = jwt.verify(req.cookies.session, JWT_PUBLIC_KEY); // vuln: js/jwt-verify-algorithms
  if (claims.role !== 'admin') return res.sendStatus(403);
  next();
}

// The admin pages are gated by a pattern matched as written, while Express routes /ADMIN/… to them
// all the same; the staff pattern ignores case.
app.use(/^\/admin\//, requireAdmin); // vuln: js/case-sensitive-middleware-path
app.use(/^\/staff\//i, requireUser); // safe: js/case-sensitive-middleware-path
app.get('/admin/audit', (req, res) => res.json({ entries: [] }));
app.get('/staff/rota', (req, res) => res.json({ shifts: [] }));

// The export key travels in the URL (and so into every access log); an e-mailed one-time token is fine.
const exportKeys = new Set((process.env.EXPORT_KEYS ?? '').split(','));
app.get('/export', (req, res) => {
  if (!exportKeys.has(req.query.apiKey)) return res.sendStatus(403); // vuln: js/sensitive-query-string
  res.json({ page: Number(req.query.page) });
});
app.get('/confirm', (req, res) => res.json({ confirmed: Boolean(req.query.token) })); // safe: js/sensitive-query-string

// Safe look-alike: pinned algorithm.
export function verifyService(token) {
  return jwt.verify(token, JWT_PUBLIC_KEY, { algorithms: ['RS256'] }); // safe: js/jwt-verify-algorithms
}

app.get('/ping', (req, res) => {
  exec('ping -c 1 ' + req.query.host, (err, out) => res.send(out)); // vuln: js/command-injection
});

app.get('/version', (req, res) => {
  exec('git describe --tags', (err, out) => res.send(out)); // safe: js/command-injection
});

app.get('/log', (req, res) => {
  execFile('git', ['log', '-n', '1', '--', req.query.file], (err, out) => res.send(out)); // safe: js/command-injection
});

app.post('/calc', requireUser, (req, res) => {
  res.json({ result: eval(req.body.expression) }); // vuln: js/code-injection
});

app.post('/sandbox', requireAdmin, (req, res) => {
  res.json({ result: vm.runInNewContext(req.body.script, {}) }); // vuln: js/code-injection
});

app.get('/filter', (req, res) => {
  const re = new RegExp(req.query.pattern, 'i'); // vuln: js/regexp-injection
  res.json(['apple', 'banana'].filter((w) => re.test(w)));
});

app.get('/find', (req, res) => {
  const re = new RegExp(escapeStringRegexp(req.query.term), 'i'); // safe: js/regexp-injection
  res.json(['apple', 'banana'].filter((w) => re.test(w)));
});

// Exponential on "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!".
const USERNAME = /^([a-zA-Z0-9]+\s?)*$/; // vuln: js/redos-regex
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/; // safe: js/redos-regex

app.post('/signup', (req, res) => {
  if (!USERNAME.test(req.body.username) || !SLUG.test(req.body.slug)) return res.sendStatus(400);
  res.sendStatus(201);
});

app.get('/users/:name', requireUser, async (req, res) => {
  res.json(await findUser(req.params.name));
});

app.get('/products', async (req, res) => {
  res.json(await searchProducts(req.query.q, req.query.sort));
});

// The refresh token cookie is readable by any script on the page; the preference cookie is fine.
app.post('/login/refresh', (req, res) => {
  res.cookie('refresh', req.user.refreshToken, { secure: true, httpOnly: false }); // vuln: js/insecure-cookie
  res.cookie('theme', req.body.theme === 'dark' ? 'dark' : 'light', { secure: true, httpOnly: true }); // safe: js/insecure-cookie
  res.sendStatus(204);
});

// The login keeps the session id the browser arrived with, so one planted beforehand is logged in
// too; the support desk's sign-in starts a new session first.
app.post('/login', async (req, res) => {
  const user = await findUser(req.body.username);
  if (!user || !(await user.verifyPassword(req.body.password))) return res.sendStatus(401);
  req.session.userId = user.id; // vuln: js/session-fixation
  res.redirect('/');
});
app.post('/support/login', async (req, res, next) => {
  const agent = await findUser(req.body.username);
  if (!agent || !(await agent.verifyPassword(req.body.password))) return res.sendStatus(401);
  req.session.regenerate((err) => {
    if (err) return next(err);
    req.session.userId = agent.id; // safe: js/session-fixation
    res.redirect('/support');
  });
});

// The reset link points wherever the client's Host header says; the help link's host is fixed.
app.post('/forgot', (req, res) => {
  const reset = `https://${req.hostname}/reset?user=${encodeURIComponent(req.body.user)}`; // vuln: js/host-header-url
  const help = 'https://help.example.com/' + req.hostname; // safe: js/host-header-url
  res.json({ reset, help });
});

app.listen(3000, '127.0.0.1');
