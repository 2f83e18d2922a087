/**
 * Precision per finding: a proven flow from an untrusted source is `very-high`; a structural
 * pattern alone carries its pattern half's precision; where the two meet on one line, the one
 * finding is the proven one.
 */
import { describe, expect, it } from 'vitest';
import { sastRules } from '../../rules/index.ts';
import { runRules } from '../../src/sast/engine.ts';
import { precisionOf } from '../../src/core/finding.ts';

/** `line ruleId precision` of each finding in `path`, the rule's own precision where the finding sets none. */
const rated = (path: string, code: string) =>
  runRules(path, code, sastRules).findings.map(
    (f) => `${f.location.startLine} ${f.ruleId} ${precisionOf(f)}`,
  );

const scan = (code: string) =>
  runRules('app.ts', code, sastRules).findings.map(
    (f) => `${f.location.startLine} ${f.ruleId} ${f.precision}`,
  );

describe('finding precision', () => {
  it('rates verification turned off under a setting named for accepting any certificate medium, under any other test high', () => {
    const code = `import https from 'node:https';
export function transport(config, env) {
  if (config['email:smtpTransport:allow-self-signed']) opts.tls = { rejectUnauthorized: false };
  if (!config.verifyCertificates) https.globalAgent.options.rejectUnauthorized = false;
  const a = env.ALLOW_INSECURE === 'true' && new https.Agent({ rejectUnauthorized: false });
  const t = url.searchParams.get('rejectUnauthorized') === 'false' ? { rejectUnauthorized: false } : {};
  const b = env.SMTP_SECURE ? undefined : { rejectUnauthorized: false };
  const c = url.startsWith('rediss://') ? { rejectUnauthorized: false } : undefined;
  if (config.insecure) { setTimeout(() => { https.request({ rejectUnauthorized: false }); }); }
  if (notification.teltonikaUnsafeTls) opts.httpsAgent = new https.Agent({ rejectUnauthorized: false });
  const d = monitor.ignoreTls ? { rejectUnauthorized: false } : {};
  if (sslMode === 'require' || sslMode === 'prefer') opts.ssl = { rejectUnauthorized: false };
  if (monitor.unsafeCache) opts.agent = new https.Agent({ rejectUnauthorized: false });
}`;
    expect(rated('src/mail.ts', code)).toEqual([
      '3 js/tls-verification-disabled medium',
      '4 js/tls-verification-disabled medium',
      '5 js/tls-verification-disabled medium',
      '6 js/tls-verification-disabled medium',
      '7 js/tls-verification-disabled high',
      '8 js/tls-verification-disabled high',
      '9 js/tls-verification-disabled high',
      '10 js/tls-verification-disabled medium',
      '11 js/tls-verification-disabled medium',
      '12 js/tls-verification-disabled medium',
      '13 js/tls-verification-disabled high',
    ]);
  });

  it('rates Handlebars noEscape high only for a template that is HTML in view', () => {
    const code = `import Handlebars from 'handlebars';
export const page = Handlebars.compile('<div class="note">{{body}}</div>', { noEscape: true });
export const query = (sql: string) => Handlebars.compile(sql, { noEscape: true, strict: true });`;
    expect(rated('src/templates.ts', code)).toEqual([
      '2 js/xss-sanitizer-bypass high',
      '3 js/xss-sanitizer-bypass medium',
    ]);
  });

  it('caps a shape with no flow at medium where only a development build runs it', () => {
    const code = `import cors from 'cors';
export function setup(app, isProduction) {
  if (isProduction) app.use(cors({ origin: ['https://app.example'], credentials: true }));
  else app.use(cors({ origin: true, credentials: true }));
  if (process.env.NODE_ENV !== 'production') app.use(cors({ origin: true, credentials: true }));
  app.use(cors({ origin: true, credentials: true }));
}`;
    const findings = runRules('src/main.ts', code, sastRules).findings;
    expect(findings.map((f) => `${f.location.startLine} ${f.ruleId} ${precisionOf(f)}`)).toEqual([
      '4 js/cors-permissive medium',
      '5 js/cors-permissive medium',
      '6 js/cors-permissive high',
    ]);
    expect(findings[0]!.message).toMatch(/Only a development build runs this\.$/);
  });

  it('caps a shape with no flow at medium in a test file, and keeps flows there', () => {
    const code = `import https from 'node:https';
import fs from 'node:fs';
https.request({ host: 'localhost', rejectUnauthorized: false });
export function handler(req, res) {
  fs.readFile(req.query.file, () => {});
}`;
    const at = (path: string) =>
      runRules(path, code, sastRules).findings.map(
        (f) => `${f.location.startLine} ${f.ruleId} ${precisionOf(f)}`,
      );
    expect(at('src/client.ts')).toEqual([
      '3 js/tls-verification-disabled high',
      '5 js/path-traversal very-high',
    ]);
    expect(at('test/client.test.ts')).toEqual([
      '3 js/tls-verification-disabled medium',
      '5 js/path-traversal very-high',
    ]);
  });

  it('marks a proven flow very-high and the pattern alone with its rule precision', () => {
    const code = `import { exec } from 'node:child_process';
export function handler(req, res) {
  exec('ls ' + req.query.dir);
}
export function fromConfig(dir: string) {
  exec('ls ' + dir);
}`;
    expect(scan(code)).toEqual(['3 js/command-injection very-high', '6 js/command-injection medium']);
  });

  it('gives taint-only findings very-high', () => {
    const code = `import fs from 'node:fs';
export function handler(req, res) {
  fs.readFile(req.query.file, () => {});
}`;
    expect(scan(code)).toEqual(['3 js/path-traversal very-high']);
  });

  it('gives request data in a header whose value alone changes little medium, in one that decides the response very-high', () => {
    const code = `const app = require('express')();
app.get('/p/:id', (req, res) => {
  res.set('Link', \`<https://forum.example/p/\${req.params.id}>; rel="alternate"\`);
  res.setHeader('X-Request-Id', req.query.rid);
  res.setHeader('Content-Disposition', 'attachment; filename=' + req.query.name);
  res.set('refresh', '0; url=' + req.query.next);
  res.send('ok');
});`;
    expect(scan(code)).toEqual([
      '3 js/header-injection medium',
      '4 js/header-injection medium',
      '5 js/header-injection very-high',
      '6 js/header-injection very-high',
    ]);
  });

  it('gives a flow from an undocumented request property medium, and a proven one very-high', () => {
    const code = `import fs from 'node:fs';
export function handler(req, res) {
  fs.readFile(req.fields.name, () => {});
  fs.readFile(req.fields.name || req.query.name, () => {});
  fs.readFile(req.session.file, () => {});
}`;
    expect(scan(code)).toEqual(['3 js/path-traversal medium', '4 js/path-traversal very-high']);
  });

  it('keeps a request value logged to the console very-high and one given to a logging library medium', () => {
    const code = `import winston from 'winston';
const logger = winston.createLogger({});
export function handler(req, res) {
  console.warn('login failed for ' + req.body.user);
  logger.warn('login failed for ' + req.body.user);
  winston.info('login failed for ' + req.body.user);
}`;
    expect(scan(code)).toEqual([
      '4 js/log-injection very-high',
      '5 js/log-injection medium',
      '6 js/log-injection medium',
    ]);
  });

  it('gives a flow only an administrator or a development build sends medium, and says why', () => {
    const code = `import fs from 'node:fs';
import express from 'express';
const app = express();
io.of('/admin').on('connection', (socket) => {
  const { session: { user: { is_admin: isAdmin } = {} } = {} } = socket.conn.request;
  if (!isAdmin) return;
  socket.on('remove', (name) => fs.rmSync('/srv/plugins/' + name, { recursive: true }));
});
app.post('/plugins/:name', requireAdmin, (req, res) => fs.rmSync('/srv/plugins/' + req.params.name));
app.post('/files/:name', (req, res) => {
  if (req.user.role !== 'admin') return res.sendStatus(403);
  fs.rmSync('/srv/files/' + req.params.name);
});
if (process.env.NODE_ENV === 'development') {
  app.post('/debug/:name', (req, res) => fs.rmSync('/tmp/' + req.params.name));
}
app.post('/mine/:name', (req, res) => {
  const root = req.user.home;
  if (!root) return res.sendStatus(403);
  fs.rmSync(root + '/' + req.params.name);
});`;
    const found = runRules('app.ts', code, sastRules).findings.filter(
      (f) => f.ruleId === 'js/path-traversal',
    );
    expect(found.map((f) => `${f.location.startLine} ${f.precision}`)).toEqual([
      '7 medium',
      '9 medium',
      '12 medium',
      '15 medium',
      '20 very-high',
    ]);
    expect(found[0]!.message).toContain('only an administrator or a development build sends it');
  });

  it('reads what a function makes from the words before its qualifier', () => {
    const code = `export function generateIdForToken(token) {
  if (token.map) return 'item-' + token.map[0];
  return \`item-\${Math.ceil(Math.random() * 1000)}\`;
}
export function createTokenForUser(user) {
  return user.id + Math.random().toString(36);
}`;
    const found = runRules('app.ts', code, sastRules).findings.filter(
      (f) => f.ruleId === 'js/insecure-random',
    );
    expect(found.map((f) => `${f.location.startLine} ${f.precision ?? 'high'}`)).toEqual([
      '3 medium',
      '6 high',
    ]);
  });

  it('gives a flow into a controller method or class decorated for administrators medium', () => {
    const code = `import fs from 'node:fs';
import { Body, Controller, Post, UseGuards } from '@nestjs/common';
@Controller('files')
export class FilesController {
  @HasPermission(permissions.accessAdminControl)
  @Post('remove')
  remove(@Body() body: { name: string }) { fs.rmSync('/srv/plugins/' + body.name); }
  @Roles(Role.ADMIN)
  @Post('purge')
  purge(@Body() body: { name: string }) { fs.rmSync('/srv/cache/' + body.name); }
  @UseGuards(AuthGuard('jwt'))
  @Post('mine')
  mine(@Body() body: { name: string }) { fs.rmSync('/srv/users/' + body.name); }
  @ApiTags('admin')
  @Post('tagged')
  tagged(@Body() body: { name: string }) { fs.rmSync('/srv/tmp/' + body.name); }
}
@UseGuards(AdminGuard)
@Controller('settings')
export class SettingsController {
  @Post('reset')
  reset(@Body() body: { name: string }) { fs.rmSync('/srv/settings/' + body.name); }
}`;
    const found = runRules('app.ts', code, sastRules).findings.filter(
      (f) => f.ruleId === 'js/path-traversal',
    );
    expect(found.map((f) => `${f.location.startLine} ${f.precision}`)).toEqual([
      '7 medium',
      '10 medium',
      '13 very-high',
      '16 very-high',
      '22 medium',
    ]);
  });

  it("gives a link or redirect led by the page's own path medium; one from its fragment's text or a request path very-high", () => {
    const code = `import express from 'express';
const app = express();
export function links(a: HTMLAnchorElement) {
  a.href = location.pathname + '/export/html';
  document.location = \`\${document.location.pathname}/timeslider\`;
  a.href = location.hash.slice(1);
}
export function parts(a: HTMLAnchorElement) {
  a.href = \`\${/.*\\/p\\/[^/]+/.exec(document.location.pathname)}/export/html\`;
  a.href = document.location.pathname.split('timeslider')[0] + '1/export/txt';
  a.href = \`\${/\\/p\\/[^/]+/.exec(document.location.pathname)}/export/html\`;
  a.href = location.href.split('#')[1];
}
app.use((req, res) => res.redirect(req.path + '/'));`;
    const found = runRules('app.ts', code, sastRules).findings.filter((f) =>
      ['js/dom-url-injection', 'js/open-redirect'].includes(f.ruleId),
    );
    expect(found.map((f) => `${f.location.startLine} ${f.ruleId} ${f.precision}`).sort()).toEqual([
      '10 js/dom-url-injection medium',
      '11 js/dom-url-injection very-high',
      '12 js/dom-url-injection very-high',
      '14 js/open-redirect very-high',
      '4 js/dom-url-injection medium',
      '5 js/open-redirect medium',
      '6 js/dom-url-injection very-high',
      '9 js/dom-url-injection medium',
    ]);
  });

  it('gives a flow from a `req` no scope declares medium; its server-side fields and a declared `req` stay patterns', () => {
    const code = `import fs from 'node:fs';
fs.readFile(req.query.file, () => {});
fs.readFile(req.app.locals.file, () => {});
export function load(req: { query: { file: string } }) {
  fs.readFile(req.query.file, () => {});
}`;
    expect(scan(code)).toEqual([
      '2 js/path-traversal medium',
      '3 js/path-traversal low',
      '5 js/path-traversal low',
    ]);
  });

  it('follows a snippet written as if inside a handler: an undeclared `req` to an undeclared `res`', () => {
    const code = `res.redirect(req.query.next);
res.send('<p>' + req.body.name + '</p>');
res.send(String(req.session.name));`;
    expect(scan(code)).toEqual(['1 js/open-redirect medium', '2 js/reflected-xss medium']);
  });

  it('gives a flow from an HTTP response medium, unless the shape alone rates higher', () => {
    const code = `export async function render() {
  const body = await (await fetch('/api/banner')).text();
  const link = document.createElement('a');
  link.href = body;
  setTimeout(body, 10);
  eval(body);
}`;
    expect(scan(code).sort()).toEqual([
      '4 js/dom-url-injection medium',
      '5 js/code-injection medium',
      '6 js/code-injection high',
    ]);
  });

  it('keeps the pattern halves in a file whose only source is an HTTP response', () => {
    const code = `import { exec } from 'node:child_process';
export async function deploy(target: string) {
  const { data } = await axios.get('https://status.example.com');
  exec('deploy ' + target);
  exec('notify ' + data.channel);
}`;
    expect(scan(code).sort()).toEqual(['4 js/command-injection medium', '5 js/command-injection medium']);
  });

  it('rates a credential in a development or test environment configuration medium', () => {
    const config = `module.exports = { zap: { apiKey: 'k3y-for-local-zap' }, session: { secret: 'dev-cookie-secret' } };`;
    const rate = (path: string) =>
      runRules(path, config, sastRules).findings.map((f) => `${f.ruleId} ${f.precision}`);
    expect(rate('config/env/development.js')).toEqual(['js/hardcoded-credentials medium']);
    expect(rate('config/test.ts')).toEqual(['js/hardcoded-credentials medium']);
    expect(rate('config/env/production.js')).toEqual(['js/hardcoded-credentials high']);
  });

  it('rates a credential for a service on this machine or at a reserved test name medium', () => {
    const code = `const { MongoClient } = require('mongodb');
const { createClient } = require('@clickhouse/client');
MongoClient.connect('mongodb://root:s3cr3t-pw@localhost:27017/test');
MongoClient.connect('mongodb://root:s3cr3t-pw@127.0.0.1:27017/test');
createClient({ url: 'https://warehouse-placeholder.invalid', username: 'app', password: 'pending-setup-pw' });
MongoClient.connect('mongodb://root:s3cr3t-pw@db.internal.acme.io:27017/prod');
createClient({ url: 'https://warehouse.acme.io', username: 'app', password: 'pending-setup-pw' });
createClient({ domain: 'protected-app.localhost', username: 'app', password: 'local-dev-pw-1' });`;
    const rated = runRules('db.js', code, sastRules).findings.map(
      (f) => `${f.location.startLine} ${f.ruleId} ${f.precision}`,
    );
    expect(rated).toEqual([
      '3 js/hardcoded-credentials medium',
      '4 js/hardcoded-credentials medium',
      '5 js/hardcoded-credentials medium',
      '6 js/hardcoded-credentials high',
      '7 js/hardcoded-credentials high',
      '8 js/hardcoded-credentials medium',
    ]);
  });

  it("reads a value held by a hook by the names it is bound to, not by the hook's name", () => {
    const code = `import React, { useState } from 'react';
export function Probe() {
  const [randomId, setRandomId] = React.useState(Math.random());
  const [oauthState] = useState(Math.random().toString(36).slice(2));
  const [attempt] = useState(Math.random());
}`;
    expect(rated('probe.tsx', code)).toEqual([
      '3 js/insecure-random medium',
      '4 js/insecure-random high',
      '5 js/insecure-random low',
    ]);
  });

  it('rates an indexOf suffix check high for a host or address, medium for other text', () => {
    const code = `export const ok = [
  host.indexOf('.example.com') === host.length - '.example.com'.length,
  origin.lastIndexOf(domain) === origin.length - domain.length,
  text.lastIndexOf('\\n') !== text.length - 1,
];`;
    expect(rated('suffix.ts', code)).toEqual([
      '2 js/incorrect-suffix-check high',
      '3 js/incorrect-suffix-check high',
      '4 js/incorrect-suffix-check medium',
    ]);
  });

  it('rates a credential inside a record named as sample data medium', () => {
    const code = `const dummyRevision = {
  reviews: [{ userId: 'key_abc123', user: { type: 'api_key', apiKey: 'key_9f3a77c01d2e' } }],
};
export const sampleConnection = { host: 'db.acme.io', password: 'Pr0d-But-Sample' } as const;
const revision = { reviews: [{ user: { apiKey: 'key_9f3a77c01d2e' } }] };
const mockServer = makeServer({ secret: 'x7Gq2-server-secret' });`;
    expect(rated('samples.ts', code)).toEqual([
      '2 js/hardcoded-credentials medium',
      '4 js/hardcoded-credentials medium',
      '5 js/hardcoded-credentials high',
      '6 js/hardcoded-credentials high',
    ]);
  });

  it('rates a credential inside a record named as values to refuse medium', () => {
    const code = `const WEAK_DEFAULTS: Record<string, string> = {
  SESSION_SECRET: 'flowise-session',
  TOKEN_HASH_SECRET: 'popcorn-hash',
};
const insecureSecrets = ['changeme-now'].map((v) => ({ secret: v }));
export const DEFAULTS = { sessionSecret: 'k3yb0ard-cat-default' };`;
    expect(rated('refused.ts', code)).toEqual([
      '2 js/hardcoded-credentials medium',
      '3 js/hardcoded-credentials medium',
      '6 js/hardcoded-credentials high',
    ]);
  });

  it('rates an environment default the program refuses under its own check medium, an unchecked one high', () => {
    const code = `import jwt from 'jsonwebtoken';
export const JWT_SECRET = process.env.JWT_SECRET || 'dev';
if ((prod || !IS_LOCALHOST) && JWT_SECRET === 'dev') {
  throw new Error('Cannot use JWT_SECRET=dev in production');
}
const { COOKIE_SECRET = 'local-cookie' } = process.env;
if (COOKIE_SECRET === 'local-cookie' && prod) throw new Error('set COOKIE_SECRET');
export const ENCRYPTION_KEY = process.env.ENCRYPTION_KEY || 'dev-key';
if (prod && ENCRYPTION_KEY === 'dev-key') throw new Error('set ENCRYPTION_KEY');
const API_SECRET = process.env.API_SECRET || 'fallback-api';
if (API_SECRET === 'fallback-api') console.warn('using the fallback');
export const sign = (p) => jwt.sign(p, JWT_SECRET);
export const signCookie = (p) => jwt.sign(p, COOKIE_SECRET);
export const signApi = (p) => jwt.sign(p, API_SECRET);`;
    expect(rated('src/secrets.ts', code).filter((f) => f.includes('js/hardcoded-credentials'))).toEqual([
      '12 js/hardcoded-credentials medium',
      '2 js/hardcoded-credentials medium',
      '13 js/hardcoded-credentials medium',
      '6 js/hardcoded-credentials medium',
      '14 js/hardcoded-credentials high',
      '10 js/hardcoded-credentials high',
      '8 js/hardcoded-credentials medium',
    ]);
  });

  it('gives the pattern half of js/path-traversal low, only in files that hold no source', () => {
    const helper = `import fs from 'node:fs';
export const load = (file: string) => fs.readFileSync(file, 'utf8');`;
    expect(scan(helper)).toEqual(['2 js/path-traversal low']);
    const server = `import fs from 'node:fs';
export function handler(req, res) {
  fs.readFile(req.query.file, () => {});
  fs.readFile(settings.logFile, () => {});
}`;
    expect(scan(server)).toEqual(['3 js/path-traversal very-high']);
  });

  it('leaves rules that say nothing without a per-finding precision', () => {
    const code = `import crypto from 'node:crypto';
export const token = crypto.createHash('md5').update(password).digest('hex');`;
    const findings = runRules('app.ts', code, sastRules).findings;
    expect(findings.map((f) => [f.ruleId, f.precision])).toEqual([['js/weak-hash', undefined]]);
  });

  it('rates Math.random by what its value is named for', () => {
    const code = `export const sessionToken = Math.random().toString(36);
export const refundId = \`REF\${Math.random().toString(36).slice(2)}\`;
export const delayMs = Math.random() * 100;`;
    expect(scan(code)).toEqual(['1 js/insecure-random high', '2 js/insecure-random medium']);
  });

  it('takes a fetch response for the server answer, not for the request body it was sent', () => {
    const code = `import { exec } from 'node:child_process';
export async function handler(req, res) {
  const r = await fetch('https://api.example.com/classify', { method: 'POST', body: req.body.text });
  exec((await r.json()).command);
}`;
    expect(scan(code)).toEqual(['4 js/command-injection medium']);
  });

  it('rates a weak hash by what its names say it protects', () => {
    const code = `import { createHash } from 'node:crypto';
export const passwordDigest = (password: string) => createHash('md5').update(password).digest('hex');
export const digest = (s: string) => createHash('md5').update(s).digest('hex');
export const etag = (body: string) => createHash('md5').update(body).digest('hex');`;
    expect(scan(code)).toEqual(['2 js/weak-hash undefined', '3 js/weak-hash low']);
  });

  it('rates a weak digest cut to a short code low, whatever its names say', () => {
    const code = `import { createHash } from 'node:crypto';
export const deleteCode = (id: string, secret: string) => createHash('md5').update(id + secret).digest('hex').replace(/[01]/g, '').slice(0, 8).toUpperCase();
export const resetToken = (secret: string) => createHash('md5').update(secret).digest('hex').slice(0, 32);
export const sessionId = (secret: string) => createHash('sha1').update(secret).digest('hex').slice(4, 12);`;
    // A cut longer than a short code, or not from the start, is the digest still.
    expect(scan(code)).toEqual([
      '2 js/weak-hash low',
      '3 js/weak-hash undefined',
      '4 js/weak-hash undefined',
    ]);
  });

  it('proves flows from React Router hooks, also through component state', () => {
    const code = `import { useEffect, useState } from 'react';
import { useLocation, useParams } from 'react-router-dom';
export function Page() {
  const { slug } = useParams();
  const location = useLocation();
  const [html, setHtml] = useState('');
  useEffect(() => setHtml(location.hash.slice(1)), [location]);
  document.getElementById('t').innerHTML = slug;
  document.getElementById('h').innerHTML = html;
}`;
    expect(scan(code)).toEqual(['8 js/dom-xss very-high', '9 js/dom-xss very-high']);
  });

  it("proves flows from an AWS Lambda handler's event", () => {
    const code = `import { execSync } from 'node:child_process';
exports.handler = async (event, context) => {
  execSync('convert ' + event.queryStringParameters.file);
  return { statusCode: 200 };
};`;
    expect(scan(code)).toEqual(['3 js/command-injection very-high']);
  });

  it('grades a cookie flag turned off by what the cookie carries', () => {
    const code = `export function remember(ctx, res, name: string) {
  res.cookie('sessionToken', ctx.token, { httpOnly: false, secure: true });
  res.cookie('lastSignedIn', 'google', { httpOnly: false });
  ctx.cookies.set(name, ctx.csrf, { httpOnly: false });
}`;
    expect(scan(code)).toEqual([
      '2 js/insecure-cookie high',
      '3 js/insecure-cookie low',
      '4 js/insecure-cookie medium',
    ]);
  });

  it('rates a trust bypass very-high when the URL reaches it, high as a shape alone', () => {
    const code = `import { DomSanitizer } from '@angular/platform-browser';
import { ActivatedRoute } from '@angular/router';
export class Banner {
  constructor(private route: ActivatedRoute, private s: DomSanitizer) {}
  show(html: string) {
    return [this.s.bypassSecurityTrustHtml(this.route.snapshot.queryParams.b),
      this.s.bypassSecurityTrustHtml(html)];
  }
}`;
    expect(scan(code)).toEqual(['6 js/xss-sanitizer-bypass very-high', '7 js/xss-sanitizer-bypass high']);
  });
});

describe('prototype-polluting functions', () => {
  it('rates a merge with keys of its input high, one with keys from a parser of the program medium, a proven flow very-high', () => {
    const code = `export function merge(dst, src) {
  for (const key in src) {
    if (src[key] && typeof src[key] === 'object') merge((dst[key] ??= {}), src[key]);
    else dst[key] = src[key];
  }
}
const toPath = (p) => p.replace(/\\[(\\w+)\\]/g, '.$1').split('.');
export function setIn(obj, path, value) {
  const parts = toPath(path);
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) cur = cur[parts[i]] ??= {};
  cur[parts[parts.length - 1]] = value;
}
export function setAt(obj, path, value) {
  const parts = path.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) cur = cur[parts[i]] ??= {};
  cur[parts[parts.length - 1]] = value;
}
app.post('/set', (req, res) => { setAt(store, req.body.path, req.body.value); res.end(); });`;
    expect(scan(code).filter((f) => f.includes('prototype-pollution'))).toEqual([
      '18 js/prototype-pollution very-high',
      '4 js/prototype-pollution high',
      '12 js/prototype-pollution medium',
    ]);
  });

  it("rates code fetched from the program's own server medium, from anywhere else high", () => {
    const code = `declare const $: any, site: { base: string };
export function loadView(name, done) {
  $.ajax({ url: \`\${config.assetBase}/views/\${name}.js\`, success(text) { done(new Function('module', text)); } });
  $.get(site.base + '/views/' + name + '.js', (text) => eval(text));
  $.get(\`//\${name}/view.js\`, (text) => eval(text));
  $.ajax({ url: name, success: (text) => eval(text) });
  $.get(\`\${location.hash.slice(1)}/view.js\`).done((text) => eval(text));
}
export async function fetchView(name, base) {
  const code = await (await fetch('/views/' + name + '.js')).text();
  const other = await (await fetch(base + '/views/' + name + '.js')).text();
  eval(code);
  eval(other);
  $.get('/views/' + name + '.js', (text) => eval(text));
}`;
    expect(scan(code).filter((l) => l.includes('code-injection'))).toEqual([
      // The fetch responses are flows (medium, unless the shape alone rates higher).
      '12 js/code-injection medium',
      '13 js/code-injection high',
      '3 js/code-injection medium',
      '4 js/code-injection medium',
      '5 js/code-injection high',
      '6 js/code-injection high',
      '7 js/code-injection high',
      '14 js/code-injection medium',
    ]);
  });
});

describe('text report', () => {
  it('labels findings below high precision and only those', async () => {
    const { renderText } = await import('../../src/report/text.ts');
    const { sampleResult } = await import('../report/sample-result.ts');
    const result = sampleResult();
    const [first, ...rest] = result.findings;
    const text = renderText(
      { ...result, findings: [{ ...first!, precision: 'medium' }, ...rest] },
      { failOn: 'high' },
    );
    // The label ends the finding's head line; the audit heading and summary say the rest.
    expect(text.match(/ {2}precision [\w-]+$/gm)).toEqual(['  precision medium']);
    expect(text).toMatch(/^Audit: 1 lower-precision finding /m);
  });
});
