import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: "fp-ts: the path in an Either's right, or its left sent",
      code: `import * as E from 'fp-ts/Either';
function echo(path: string): E.Either<string, { body: string }> {
  return E.right({ body: path });
}
function find(path: string): E.Either<string, { body: string }> {
  return path.length > 100 ? E.left(\`No example for \${path}\`) : E.right({ body: 'stored' });
}
app.get('/*', (req, res) => {
  const r = echo(req.path);
  if (E.isRight(r)) res.send(r.right.body); // vigil-expect
  const f = find(req.path);
  if (E.isLeft(f)) res.send(f.left); // vigil-expect
});`,
    },
    {
      name: 'the Referer, which the linking page chooses',
      code: `app.get('/back', (req, res) => {
  res.send('<a href="' + req.get('Referer') + '">back</a>'); // vigil-expect
  res.send('<p>from ' + req.headers.referer + '</p>'); // vigil-expect
});`,
    },
    {
      name: 'a helper that returns an object on one path and text on another',
      code: `function view(link) {
  if (link.json) return { ...link };
  return '<p>' + link.target + '</p>';
}
app.post('/links', (req, res) => {
  res.send(view(req.body)); // vigil-expect
});`,
    },
    {
      name: "a parsed URL's host, which may hold a double quote",
      code: `app.get('/go', (req, res) => {
  const u = new URL(req.query.to);
  res.send('<a href="/out?h=' + u.host + '">continue</a>'); // vigil-expect
});`,
    },
    {
      // XML with the XHTML namespace runs script in a browser as HTML does.
      name: 'an XML feed written by hand around request data',
      code: `app.get('/tag/:tag.rss', (req, res) => {
  res.type('xml').send('<rss><channel><title>' + req.params.tag + '</title></channel></rss>'); // vigil-expect
});`,
    },
    {
      name: 'a partial blacklist, an escaped value starting a link, a header read behind an unrelated check',
      code: `const escapeHtml = require('escape-html');
app.get('/x', (req, res) => {
  res.send('<p>' + req.query.q.replace(/<script>/gi, '') + '</p>'); // vigil-expect
  res.send(\`<a href="\${escapeHtml(req.query.url)}">link</a>\`); // vigil-expect
  if (req.query.mode === 'full') res.send(\`<p>\${req.get('Referer')}</p>\`); // vigil-expect
});`,
    },
    {
      name: 'sanitize-html output inside an attribute value',
      code: `const sanitizeHtml = require('sanitize-html');
app.get('/card', (req, res) => {
  res.send(\`<img alt="\${sanitizeHtml(req.query.alt)}" src="/a.png">\`); // vigil-expect
});`,
    },
    {
      name: 'a sloppy global written by two handlers: each write reaches its own next statement',
      code: `app.get('/a', (req, res) => {
  out = '<p>' + req.query.q + '</p>';
  res.send(out); // vigil-expect
});
app.get('/b', (req, res) => {
  out = '<p>static</p>';
  res.send(out);
});`,
    },
    {
      name: 'a write chained after the setters that return the response',
      code: `app.get('/missing', (req, res) => {
  res.status(404).send('<h1>No page ' + req.query.page + '</h1>'); // vigil-expect
  res.writeHead(200, { 'X-Frame-Options': 'DENY' }).end(req.query.body); // vigil-expect
});`,
    },
    {
      name: 'Express send with concatenation',
      code: `app.get('/hello', (req, res) => {
  res.send('<h1>Hello ' + req.query.name + '</h1>'); // vigil-expect
});`,
    },
    {
      name: 'raw http server writes the URL back',
      code: `require('http').createServer((req, res) => {
  res.write(\`<p>Not found: \${req.url}</p>\`); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'Koa body from a route param through a helper',
      code: `const page = (title: string) => '<title>' + title + '</title>';
router.get('/p/:t', (ctx) => {
  ctx.body = page(ctx.params.t); // vigil-expect
});`,
    },
    {
      name: 'a Fetch Response declared as HTML in a Next.js route handler',
      code: `import { NextResponse, type NextRequest } from 'next/server';
export async function GET(request: NextRequest) {
  const q = request.nextUrl.searchParams.get('q');
  if (q?.startsWith('<')) return new Response(\`<h1>\${q}</h1>\`, { headers: { 'Content-Type': 'text/html' } }); // vigil-expect
  const html = '<p>' + q + '</p>';
  const init = { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } };
  return new NextResponse(html, init); // vigil-expect
}`,
    },
    {
      name: 'Fastify HTML reply',
      code: `fastify.get('/x', (request, reply) => {
  reply.type('text/html').send('<b>' + request.query.q + '</b>'); // vigil-expect
});`,
    },
    {
      name: 'declared as HTML, as text on one branch only, or on another response',
      code: `app.get('/a', (req, res) => {
  res.set('Content-Type', 'text/html');
  res.send('<p>' + req.query.a + '</p>'); // vigil-expect
});
app.get('/b', (req, res) => {
  if (req.query.plain) res.type('text/plain');
  res.send('<p>' + req.query.b + '</p>'); // vigil-expect
});
app.get('/c', (req, res) => {
  other.type('text/plain');
  res.send('<p>' + req.query.c + '</p>'); // vigil-expect
});`,
    },
    {
      name: 'rows of SQL written from the request (an injected UNION SELECT chooses them), of a pipeline given values',
      code: `const pgp = require('pg-promise')();
const db = pgp(process.env.DATABASE_URL);
const Database = require('better-sqlite3');
const knex = require('knex')({ client: 'pg' });
const lite = new Database('app.db');
app.get('/products', async (req, res) => {
  const product = await db.one("SELECT * FROM products WHERE id = '" + req.query.id + "'");
  res.send('<h1>' + product.name + '</h1>'); // vigil-expect
});
app.get('/notes', (req, res) => {
  const note = lite.prepare('SELECT * FROM notes WHERE title = ' + req.query.title).get();
  res.send('<p>' + note.body + '</p>'); // vigil-expect
});
app.get('/items', async (req, res) => {
  const [item] = await knex('items').whereRaw("owner = '" + req.query.owner + "'").select('name');
  res.send('<p>' + item.name + '</p>'); // vigil-expect
});
const { Sequelize } = require('sequelize');
const sequelize = new Sequelize(process.env.DATABASE_URL);
const Tag = sequelize.define('Tag', {});
app.get('/tags', async (req, res) => {
  const [tag] = await Tag.findAll({ where: sequelize.literal("name = '" + req.query.name + "'") });
  res.send('<p>' + tag.name + '</p>'); // vigil-expect
});
const mongoose = require('mongoose');
const Post = mongoose.model('Post', new mongoose.Schema({}));
app.get('/posts', async (req, res) => {
  // A pipeline can write the values it is given into every document.
  const [post] = await Post.aggregate([{ $addFields: { label: req.query.label } }]);
  res.send('<p>' + post.label + '</p>'); // vigil-expect
});`,
    },
    {
      name: 'a disposition that is inline or computed, or an attachment on one branch only, is still a page',
      code: `app.get('/a', (req, res) => {
  res.set('Content-Disposition', 'inline; filename="a.html"');
  res.send('<p>' + req.query.a + '</p>'); // vigil-expect
});
app.get('/b', (req, res) => {
  res.setHeader('Content-Disposition', req.query.download ? 'attachment' : 'inline');
  res.send('<p>' + req.query.b + '</p>'); // vigil-expect
});
app.get('/c', (req, res) => {
  if (req.query.save) res.attachment('c.html');
  res.send('<p>' + req.query.c + '</p>'); // vigil-expect
});
app.get('/d', (req, res) => {
  res.set({ 'Content-Disposition': \`\${req.query.mode}; filename=d.html\` });
  res.send('<p>' + req.query.d + '</p>'); // vigil-expect
});`,
    },
    {
      name: 'Hono: request data in c.html, in a context typed Context or named ctx, through raw()',
      code: `import { Hono, type Context } from 'hono';
import { raw } from 'hono/html';
import { getCookie } from 'hono/cookie';
const app = new Hono();
app.get('/hello/:name', (c) => c.html('<h1>Hello ' + c.req.param('name') + '</h1>')); // vigil-expect
app.post('/preview', async (c) => {
  const { title } = await c.req.parseBody();
  return c.html(\`<article><h2>\${title}</h2></article>\`); // vigil-expect
});
app.get('/theme', (ctx) => ctx.html(raw(getCookie(ctx, 'banner')))); // vigil-expect
export const search = (c: Context) => c.html(\`<p>No results for \${c.req.query('q')}</p>\`); // vigil-expect`,
    },
    {
      name: 'Hono: the value a validator callback receives, echoed in its error page',
      code: `import { Hono } from 'hono';
import { validator } from 'hono/validator';
const app = new Hono();
app.post(
  '/signup',
  validator('form', (value, c) => {
    const email = String(value.email);
    if (!email.includes('@')) return c.html(\`<p>\${email} is not an e-mail address</p>\`, 400); // vigil-expect
    return { email };
  }),
  (c) => c.text('Welcome ' + c.req.valid('form').email),
);`,
    },
    {
      name: 'Hono: a sub-app chained from basePath, and factory handlers',
      code: `import { Hono } from 'hono';
import { createFactory, createMiddleware } from 'hono/factory';
const factory = createFactory();
const greet = factory.createHandlers(async (c) => c.html(\`<p>\${await c.req.text()}</p>\`)); // vigil-expect
const banner = createMiddleware(async (c, next) => {
  await next();
  if (c.req.query('preview')) c.res = c.html(c.req.query('preview')); // vigil-expect
});
export const api = new Hono()
  .basePath('/api')
  .use(banner)
  .get('/greet', ...greet)
  .get('/echo', (c) => c.html(c.req.queries('line').join('<br>'))); // vigil-expect`,
    },
    {
      name: 'template text written in the code that writes a value raw, or compiled without escaping',
      code: `const ejs = require('ejs');
const pug = require('pug');
const Handlebars = require('handlebars');
const card = Handlebars.compile('<div>{{{body}}}</div>');
const plain = Handlebars.compile('<div>{{body}}</div>', { noEscape: true });
app.get('/card', (req, res) => res.send(card({ body: req.query.b }))); // vigil-expect
app.get('/plain', (req, res) => res.send(plain({ body: req.query.b }))); // vigil-expect
app.get('/hi', (req, res) => res.send(pug.render('p Hello !{user}', { user: req.query.user }))); // vigil-expect
app.get('/row', (req, res) => res.send(ejs.render('<td><%- cell %></td>', { cell: req.query.c }))); // vigil-expect
app.get('/inc', (req, res) => res.send(ejs.render('<%- include("row") %><%= c %>', { c: req.query.c }))); // vigil-expect`,
    },
    {
      name: 'an SVG badge built by hand from a query value',
      code: `app.get('/badge/:id', (req, res) => {
  res.type('image/svg+xml');
  res.send('<svg xmlns="http://www.w3.org/2000/svg"><text>' + req.query.label + '</text></svg>'); // vigil-expect
});`,
    },
  ],
  valid: [
    {
      name: 'a stored file sent as a download named by the content-disposition package',
      code: `import contentDisposition from 'content-disposition';
import { streamStorageFile } from 'storage-lib';
app.post('/file', async (req, res) => {
  res.setHeader('Content-Disposition', contentDisposition(req.body.fileName));
  const file = await streamStorageFile(req.body.id, req.body.fileName);
  res.send(file);
});`,
    },
    {
      name: 'fp-ts: an Either whose left names the path, whose right is stored data',
      code: `import * as E from 'fp-ts/Either';
const examples = new Map<string, string>();
function find(path: string): E.Either<string, { body: string }> {
  const stored = examples.get(path.slice(0, 10));
  if (!stored) return E.left(\`No example for \${path}\`);
  return E.right({ body: stored });
}
app.get('/*', (req, res) => {
  const result = find(req.path);
  if (E.isLeft(result)) return res.status(404).json({ error: result.left });
  res.send(result.right.body);
});`,
    },
    {
      name: 'a date built from the request, written back in a date format',
      code: `app.get('/day', (req, res) => {
  const day = new Date(req.query.d);
  res.send('<p>' + day + '</p><p>' + Date.UTC(req.query.y, 0) + '</p>');
});`,
    },
    {
      name: 'a feed the rss package writes, which escapes every text and attribute',
      code: `const RSS = require('rss');
app.get('/tag/:tag.rss', (req, res) => {
  const feed = new RSS({ title: 'Posts tagged ' + req.params.tag, feed_url: '/tag/' + req.params.tag });
  send(feed, res);
});
function send(feed, res) {
  res.type('xml').send(feed.xml({ indent: true }));
}`,
    },
    {
      name: "a parsed URL's path, query and fragment percent-encode angle brackets and quotes",
      code: `app.get('/p/:pad', (req, res) => {
  const u = new URL(req.url, 'http://invalid.invalid');
  const next = encodeURIComponent(req.params.pad) + u.search;
  res.status(302).send(\`Moved to <a href="\${next}">\${next}</a> (\${u.pathname}\${u.hash})\`);
});`,
    },
    {
      name: 'an SVG badge badge-maker renders from query values, which it escapes',
      code: `const { makeBadge } = require('badge-maker');
app.get('/badge/:id', (req, res) => {
  const { label = 'status', color = 'green' } = req.query;
  const values = { label, color };
  values.message = req.query.message;
  res.type('image/svg+xml');
  res.send(makeBadge(values));
});`,
    },
    {
      name: 'objects and arrays held in a variable go out as JSON; escaping by replaceAll; an encoded link',
      code: `const escapeHtml = require('escape-html');
app.get('/x', (req, res) => {
  const payload = { q: req.query.q };
  res.send(payload);
  const errors = [];
  errors.push('Unknown sort ' + req.query.sort);
  res.status(400).send(errors);
  res.send('<p>' + req.query.a.replaceAll('<', '&lt;').replaceAll('>', '&gt;') + '</p>');
  res.send('<p>' + req.query.b.replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';') + '</p>');
  res.send(\`<a href="/search?q=\${encodeURIComponent(req.query.c)}">again</a>\`);
  res.send(\`<a title="\${escapeHtml(req.query.d)}">x</a>\`);
});`,
    },
    {
      name: 'a chained content type that no browser renders',
      code: `app.get('/echo', (req, res) => {
  res.status(400).type('text/plain').send('Bad value: ' + req.query.v);
  res.set('Content-Type', 'application/json').status(200).send(JSON.stringify(req.query));
});`,
    },
    {
      name: 'escaped with escape-html',
      code: `import escapeHtml from 'escape-html';
app.get('/h', (req, res) => { res.send('<h1>' + escapeHtml(req.query.name) + '</h1>'); });`,
    },
    {
      // A string body of a Fetch Response is text/plain unless its headers say otherwise.
      name: 'a Fetch Response sent as text or JSON',
      code: `export async function GET(request: Request) {
  const q = new URL(request.url).searchParams.get('q');
  if (q === 'a') return new Response('Hello ' + q);
  if (q === 'b') return new Response(q, { headers: { 'Content-Type': 'text/plain' } });
  return new Response(JSON.stringify({ q }), { headers: { 'Content-Type': 'application/json' } });
}`,
    },
    { name: 'JSON response', code: `app.get('/h', (req, res) => { res.json({ name: req.query.name }); });` },
    {
      name: "header values and the Host: only the request's sender chooses them, no link does",
      code: `app.get('/whoami', (req, res) => {
  res.send('<p>' + req.get('User-Agent') + '</p>');
  res.send(\`<p>\${req.headers['x-forwarded-for']} via \${req.hostname}</p>\`);
});
router.get('/k', (ctx) => { ctx.body = '<b>' + ctx.get('X-Trace') + '</b>'; });`,
    },
    {
      name: 'what a helper that always returns an object literal gave goes out as JSON',
      code: `function toPublic(link) {
  if (!link.password) return { ...link };
  return { ...link, password: true };
}
const list = (items) => [...items];
app.post('/links', (req, res) => {
  res.status(201).send(toPublic(req.body));
  const shown = list(req.body.items);
  res.send(shown);
});`,
    },
    {
      name: 'object sent as JSON',
      code: `app.get('/h', (req, res) => { res.send({ echo: req.query.q }); });`,
    },
    {
      name: 'numeric value',
      code: `app.get('/h', (req, res) => { res.send('Page ' + parseInt(req.query.p, 10)); });`,
    },
    {
      name: 'the response declared as text or JSON first',
      code: `app.get('/echo', (req, res) => {
  res.type('text/plain');
  res.send('You sent: ' + req.query.msg);
});
app.get('/raw', (req, res) => {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end('{"q":"' + req.query.q + '"}');
});
require('http').createServer((req, res) => {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('No route ' + req.url);
});
router.get('/k/:id', (ctx) => {
  ctx.type = 'text/plain';
  ctx.body = 'id ' + ctx.params.id;
});`,
    },
    {
      name: "rows found by bound or escaped values are the database's data, not the request's",
      code: `const pgp = require('pg-promise')();
const db = pgp(process.env.DATABASE_URL);
const Database = require('better-sqlite3');
const mysql = require('mysql');
const knex = require('knex')({ client: 'pg' });
const lite = new Database('app.db');
const conn = mysql.createConnection({});
app.get('/products', async (req, res) => {
  const product = await db.one('SELECT * FROM products WHERE id = $1', [req.query.id]);
  res.send('<h1>' + product.name + '</h1>');
});
app.get('/notes', (req, res) => {
  const note = lite.prepare('SELECT * FROM notes WHERE title = ?').get(req.query.title);
  res.send('<p>' + note.body + '</p>');
});
app.get('/items', async (req, res) => {
  const [item] = await knex('items').where({ owner: req.query.owner }).select('name');
  const [other] = await knex.raw('SELECT name FROM items WHERE owner = ' + mysql.escape(req.query.owner));
  res.send('<p>' + item.name + other.name + '</p>');
});`,
    },
    {
      name: 'a download: attachment() or a Content-Disposition written as attachment first',
      code: `app.get('/export/:name', (req, res) => {
  res.attachment(req.params.name + '.md');
  res.send('# ' + req.query.title);
});
app.get('/csv', (req, res) => {
  res.set('Content-Disposition', 'attachment; filename=report.csv');
  res.send(req.query.rows);
});
app.get('/file', (req, res) => {
  res.setHeader('Content-Disposition', \`attachment; filename="\${req.query.name}"\`);
  res.end(req.query.body);
});
require('http').createServer((req, res) => {
  res.writeHead(200, { 'Content-Disposition': 'Attachment' });
  res.end('You asked for ' + req.url);
});
router.get('/k/:id', (ctx) => {
  ctx.attachment('k.txt');
  ctx.body = 'id ' + ctx.params.id;
});`,
    },
    {
      name: 'template text written in the code that escapes every value it writes',
      code: `const ejs = require('ejs');
const pug = require('pug');
const Handlebars = require('handlebars');
const card = Handlebars.compile('<div class="card"><h2>{{title}}</h2><p>{{body}}</p></div>');
let greeting = \`
section
  h1 Welcome back, #{user}
  p= note\`;
app.get('/card', (req, res) => res.send(card({ title: req.query.t, body: req.query.b })));
app.get('/hi', (req, res) => {
  const page = pug.compile(greeting);
  res.send(page({ user: req.query.user, note: req.query.note }));
});
app.get('/row', (req, res) => res.send(ejs.render('<td><%= cell %></td>', { cell: req.query.c })));`,
    },
    {
      name: 'template engine auto-escapes',
      code: `app.get('/h', (req, res) => { res.render('hello', { name: req.query.name }); });`,
    },
    {
      name: 'Hono: html tagged template escapes, JSX escapes, text and json are not HTML',
      filename: 'case.tsx',
      code: `import { Hono } from 'hono';
import { html } from 'hono/html';
const app = new Hono();
app.get('/a/:name', (c) => c.html(html\`<h1>Hello \${c.req.param('name')}</h1>\`));
app.get('/b', (c) => c.html(<p>Results for {c.req.query('q')}</p>));
app.get('/c', (c) => c.text('Hello ' + c.req.query('name')));
app.get('/d', async (c) => c.json({ echo: await c.req.json() }));`,
    },
    {
      name: 'Hono: a value checked against an allow-list; a router that is no Hono app gives no Hono context',
      code: `import { Hono } from 'hono';
const THEMES = ['light', 'dark'];
const app = new Hono();
app.get('/t', (c) => {
  const theme = c.req.query('theme');
  if (!THEMES.includes(theme)) return c.text('bad theme', 400);
  return c.html('<body class="' + theme + '">');
});
router.get('/x', (c) => c.html(c.req.query('q')));`,
    },
  ],
} satisfies RuleCases;
