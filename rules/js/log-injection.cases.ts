import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'a console written when debugging is off, or under a switch of another name',
      code: `app.get('/q', (req, res) => {
  if (process.env.DEBUG !== 'true') console.log('q ' + req.query.q); // vigil-expect
  if (process.env.VERBOSE === 'true') console.log('r ' + req.query.r); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'a helper that logs something read or made from the body it is given',
      code: `function check(body) {
  const result = schema.safeParse(body);
  if (!result.success) console.log(result.error.issues[0].message); // vigil-expect
  console.log(body.title); // vigil-expect
}
app.post('/layout', (req, res) => {
  check(req.body);
  res.sendStatus(204);
});`,
    },
    {
      name: 'a helper that logs what it is given, handed a field of the body',
      code: `function audit(doc) {
  console.log(doc); // vigil-expect
}
app.post('/docs', (req, res) => {
  audit(req.body.title);
  res.sendStatus(201);
});`,
    },
    {
      name: 'request text on the right of an &&, which is what a truthy left gives',
      code: `app.post('/ack', (req, res) => {
  const note = req.query.time && req.query.note;
  console.info('got ack:', note); // vigil-expect
  res.sendStatus(200);
});`,
    },
    {
      name: 'a field of the parsed body, and the whole body turned into text',
      code: `app.post('/treatments', (req, res) => {
  console.log('Treatment saved for', req.body.user); // vigil-expect
  console.log('saved ' + req.body); // vigil-expect
  console.log(\`query \${req.query}\`); // vigil-expect
  res.sendStatus(200);
});`,
    },
    {
      name: "a component file's server part: Next.js's getServerSideProps logs on the server",
      filename: 'page.tsx',
      code: `export async function getServerSideProps({ query }) {
  console.log('loading ' + query.id); // vigil-expect
  return { props: {} };
}
export default function Page() { return null; }`,
    },
    {
      name: 'the same page logging while it renders, which the server does too',
      filename: 'verify.tsx',
      code: `import { useRouter } from 'next/router';
export const getServerSideProps = async () => ({ props: {} });
export default function Verify() {
  const router = useRouter();
  console.log('token ' + router.query.token); // vigil-expect
  return null;
}`,
    },
    {
      name: 'a console written in production too',
      code: `app.get('/oauth', (req, res) => {
  if (env.isProduction) console.error('oauth error ' + req.query.error_description); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'whitespace trimmed at the ends only, or only the first run replaced',
      code: `const trim = /^\\s+|\\s+$/g;
app.get('/t/:title', (req, res) => {
  logger.info('topic ' + req.params.title.replace(trim, '')); // vigil-expect
  logger.info('tag ' + req.params.tag.replace(/\\s+/, ' ')); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'line breaks replaced only once, CRLF pairs only, or by a line feed',
      code: `app.post('/note', (req, res) => {
  logger.info('note ' + String(req.body.note).replace(/\\n/, ' ')); // vigil-expect
  logger.info('note ' + String(req.body.note).replace(/\\r\\n/g, '')); // vigil-expect
  logger.info('note ' + String(req.body.note).replace(/\\r\\n|\\r/g, '\\n')); // vigil-expect
  logger.info('note ' + String(req.body.note).replace(/[^\\n]/g, '')); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'console.log of a user name',
      code: `app.post('/login', (req, res) => {
  console.log('login failed for ' + req.body.user); // vigil-expect
});`,
    },
    {
      name: 'winston logger with a cookie, which is decoded',
      code: `app.use((req, res, next) => {
  logger.info(\`theme \${req.cookies.theme}\`); // vigil-expect
  next();
});`,
    },
    {
      name: 'this.logger in a NestJS controller',
      code: `class AuthController {
  login(@Body('user') user: string) {
    this.logger.warn('bad login ' + user); // vigil-expect
  }
}`,
    },
    {
      name: 'a query parameter of a parsed URL is decoded: it may hold a line break',
      code: `app.get('/go', (req, res) => {
  const target = new URL(req.query.url);
  logger.warn('next is ' + target.searchParams.get('next')); // vigil-expect
});`,
    },
    {
      // The raw request line holds no line break, but `%0D%0A` in its query decodes to one.
      name: 'a query value decoded from the raw request URL by a query-string parser',
      code: `const http = require('http');
const url = require('url');
const querystring = require('querystring');
http.createServer((req, res) => {
  const { query } = url.parse(req.url, true);
  console.warn('search for ' + query.term); // vigil-expect
  const form = querystring.parse(req.url.split('?')[1] ?? '');
  console.warn(\`page \${form.page}\`); // vigil-expect
  const params = new URL(req.url, 'https://app.internal').searchParams;
  console.warn('sort ' + params.get('sort')); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'a login helper logs the user id it was handed and wrote into the request',
      code: `async function onLogin(req, uid) {
  req.uid = uid;
  logger.info(\`login \${req.uid}\`); // vigil-expect
}
app.post('/login', (req, res) => onLogin(req, req.body.uid));`,
    },
    {
      name: 'what a write hands back, a function of the program, a lodash lookup, a database the request names',
      code: `const mongoose = require('mongoose');
const knex = require('knex')({ client: 'pg' });
const Note = mongoose.model('Note', new mongoose.Schema({ title: String }));
app.post('/notes', async (req, res) => {
  const note = await Note.create({ title: req.body.title });
  logger.info('created ' + note.title); // vigil-expect
  const [row] = await knex('notes').insert({ title: req.body.title }).returning('*');
  logger.info('inserted ' + row.title); // vigil-expect
  const user = await WIKI.models.users.query().insert({ name: req.body.name });
  logger.info('added ' + user.name); // vigil-expect
  const page = await getPage(req.body.path);
  logger.info('page ' + page.title); // vigil-expect
  const item = _.find(req.body.items, { id: 1 });
  logger.info('item ' + item.name); // vigil-expect
  res.end();
});
const { MongoClient } = require('mongodb');
app.post('/import', async (req, res) => {
  // The request names the database: what it holds is the client's.
  const client = await MongoClient.connect(req.body.url);
  const users = client.db().collection('users');
  const user = await users.findOne({ email: { $ne: 'guest' } });
  logger.info('importing ' + user.email); // vigil-expect
  res.end();
});`,
    },
  ],
  valid: [
    {
      name: 'a request value that reaches the log only when it is empty, else as a number',
      code: `app.post('/ack', (req, res) => {
  const time = req.query.time && Number(req.query.time);
  console.info('got ack, time:', time);
  res.sendStatus(200);
});`,
    },
    {
      name: 'the parsed body handed to a helper that logs what it is given whole',
      code: `function audit(doc) {
  console.log(doc);
}
app.post('/docs', (req, res) => {
  audit(req.body);
  res.sendStatus(201);
});`,
    },
    {
      name: "the request's parsed objects logged whole, formatted as objects",
      code: `app.post('/treatments', (req, res) => {
  const data = req.body;
  console.log('Treatment saved', data);
  console.info('ack, query:', req.query, 'params:', req.params);
  console.warn('headers', req.headers);
  res.sendStatus(200);
});`,
    },
    {
      name: "a browser component's console: its own user's, no log another reads",
      filename: 'Editor.tsx',
      code: `import React from 'react';
export function Editor() {
  const ws = new WebSocket('wss://example.com/collab');
  ws.onmessage = (ev) => console.debug('incoming ' + ev.data);
  return null;
}`,
    },
    {
      name: 'a React effect or a mount hook in a page that also renders on the server: only the browser runs them',
      filename: 'verify.tsx',
      code: `import { useEffect } from 'react';
import { useRouter } from 'next/router';
export const getServerSideProps = async () => ({ props: {} });
export default function Verify() {
  const router = useRouter();
  useEffect(() => {
    console.log('token ' + router.query.token);
  }, []);
  return null;
}`,
    },
    {
      name: 'a console written only outside production',
      code: `app.get('/oauth', (req, res) => {
  if (!env.isProduction) console.error('oauth error ' + req.query.error_description);
  if (process.env.NODE_ENV === 'development') console.log('state ' + req.query.state);
  if (process.env.DEBUG === 'true') console.info(\`Start \${req.query.method}\`);
  if (isDebug) console.log('query ' + req.query.q);
  res.end();
});`,
    },
    {
      name: 'every line feed replaced: an optional CR before it, or a group of both',
      code: `app.post('/note', (req, res) => {
  logger.info('note ' + String(req.body.note).replace(/\\r?\\n/g, ' '));
  logger.info('note ' + String(req.body.note).replace(/(?:\\r|\\n)+/g, ''));
  res.end();
});`,
    },
    {
      name: 'whitespace runs replaced everywhere, the regex held in a constant',
      code: `const collapseWhitespace = /\\s+/g;
function slug(text) {
  return String(text).replace(collapseWhitespace, '-');
}
app.get('/t/:title', (req, res) => {
  logger.info('topic ' + slug(req.params.title));
  logger.info('tag ' + req.params.tag.replace(/[\\r\\n]+/g, ' '));
  res.end();
});`,
    },
    {
      // Node's HTTP parser answers 400 to a CR or LF in a header value: no line can be forged.
      name: 'a request header logged as it came',
      code: `app.use((req, res, next) => {
  logger.info(\`agent \${req.headers['user-agent']} from \${req.get('referer')}\`);
  next();
});`,
    },
    {
      name: 'the parts of a parsed URL hold no line break',
      code: `app.get('/resolve', (req, res) => {
  const query = new URL(req.query.id);
  logger.warn(\`mismatch: \${query.href} \${query.host} \${query.pathname}\${query.search}\`);
  console.log('host', new URL(req.body.url).hostname, query.toString(), query.toJSON());
});`,
    },
    {
      name: 'the raw request URL and its unparsed query hold no line break',
      code: `const http = require('http');
const url = require('url');
http.createServer((req, res) => {
  console.info('hit ' + req.url);
  console.info('query ' + url.parse(req.url).query, url.parse(req.url).pathname);
  res.end();
});`,
    },
    {
      name: 'structured field',
      code: `app.post('/login', (req, res) => { logger.info({ user: req.body.user }, 'login failed'); });`,
    },
    {
      name: 'JSON.stringify escapes line breaks',
      code: `app.post('/login', (req, res) => { console.log('login failed for', JSON.stringify(req.body.user)); });`,
    },
    {
      name: 'a duration parsed by ms or humanize-ms is a number',
      code: `const ms = require('ms');
const hms = require('humanize-ms');
app.post('/remind', (req, res) => {
  console.log('in ' + ms(req.body.after) + ' or ' + hms(req.body.after));
  res.end();
});`,
    },
    {
      name: 'constant message',
      code: `app.post('/login', (req, res) => { console.error('login failed'); });`,
    },
    {
      name: 'line breaks removed',
      code: `app.post('/login', (req, res) => { console.warn('user ' + String(req.body.user).replace(/\\n|\\r/g, ' ')); });`,
    },
    {
      name: 'math.log is not a logger',
      code: `app.get('/l', (req, res) => { Math.log(req.query.n); });`,
    },
    {
      name: 'a request field the server sets, after the code wrote a client value into another',
      code: `async function onLogin(req, uid) {
  req.uid = uid;
  req.loggedIn = true;
  logger.info(\`login from \${req.method} \${req.session.id}\`);
}
app.post('/login', (req, res) => onLogin(req, req.body.uid));`,
    },
    {
      name: 'records a database gives back for a key the request sent are stored data, not the request',
      code: `const mongoose = require('mongoose');
const knex = require('knex')({ client: 'pg' });
const { Pool } = require('pg');
const { MongoClient } = require('mongodb');
const Redis = require('ioredis');
const { R } = require('redbean-node');
const pool = new Pool();
const client = new MongoClient(process.env.MONGO_URL);
const redis = new Redis();
const Comment = mongoose.model('Comment', new mongoose.Schema({ text: String }));
app.get('/c/:id', async (req, res) => {
  const cm = await WIKI.models.comments.query().findById(req.params.id);
  logger.warn(\`Comment #\${cm.id} is linked to a page #\${cm.pageId} that doesn't exist\`);
  const row = await knex('users').where({ id: req.params.id }).first();
  logger.info('user ' + row.name);
  const { rows } = await pool.query('SELECT name FROM users WHERE id = $1', [req.params.id]);
  logger.info('pg ' + rows[0].name);
  const c = await Comment.findById(req.params.id).lean();
  logger.info('comment ' + c.text);
  const p = await client.db().collection('posts').findOne({ slug: req.params.id });
  logger.info('post ' + p.title);
  const session = await redis.get('session:' + req.params.id);
  logger.info('session ' + session);
  // The rows of a query that selects its own parameter are the database's output all the same.
  const echo = await knex.raw('select ? as v', [req.params.id]);
  logger.info('echo ' + echo.rows[0].v);
  const monitor = await R.findOne('monitor', ' push_token = ? AND active = 1 ', [req.params.id]);
  console.log('monitor ' + monitor.name);
  const ids = await R.getCol('SELECT id FROM status_page WHERE slug = ?', [req.params.id]);
  console.log('pages ' + ids.join(','));
  res.end();
});`,
    },
  ],
} satisfies RuleCases;
