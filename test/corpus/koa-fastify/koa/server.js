import Koa from 'koa';
import Router from '@koa/router';
import xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';
import { client, escapeFilter } from '../shared/ldap.js';

const app = new Koa();
const router = new Router();
const queue = [];
const doc = new DOMParser().parseFromString('<users><user name="a"/></users>', 'text/xml');

router.get('/directory', async (ctx) => {
  const filter = `(uid=${ctx.query.uid})`;
  client.search('ou=people,dc=example,dc=com', { filter, scope: 'sub' }, () => {}); // vuln: js/ldap-injection
  ctx.body = { ok: true };
});

router.get('/directory-safe', async (ctx) => {
  const uid = ctx.query.uid;
  if (!/^[a-z0-9]{1,32}$/.test(uid)) ctx.throw(400);
  client.search('ou=people,dc=example,dc=com', { filter: `(uid=${uid})` }, () => {}); // safe: js/ldap-injection
  ctx.body = { ok: true };
});

router.post('/bind', async (ctx) => {
  const { user, password } = ctx.request.body;
  client.bind(`uid=${user},ou=people,dc=example,dc=com`, password, () => {}); // vuln: js/ldap-injection
  client.bind('cn=service,dc=example,dc=com', process.env.LDAP_PASSWORD, () => {}); // safe: js/ldap-injection
  ctx.body = { ok: escapeFilter(user).length > 0 };
});

router.get('/xpath', (ctx) => {
  const nodes = xpath.select(`//user[@name='${ctx.query.name}']`, doc); // vuln: js/xpath-injection
  const all = xpath.select('//user', doc); // safe: js/xpath-injection
  ctx.body = { count: nodes.length + all.length };
});

router.get('/page/:title', (ctx) => {
  ctx.body = `<html><title>${ctx.params.title}</title></html>`; // vuln: js/reflected-xss
});

router.get('/page-json/:title', (ctx) => {
  ctx.body = { title: ctx.params.title }; // safe: js/reflected-xss
});

router.get('/go', (ctx) => {
  ctx.redirect(ctx.query.to); // vuln: js/open-redirect
});

router.get('/pad', (ctx) => {
  const width = Number(ctx.query.width);
  ctx.body = '#'.repeat(width); // vuln: js/resource-exhaustion
});

router.post('/batch', (ctx) => {
  const jobs = ctx.request.body.jobs;
  for (let i = 0; i < jobs.length; i++) queue.push(String(jobs[i])); // vuln: js/loop-bound-injection
  ctx.body = { queued: jobs.length };
});

router.post('/batch-checked', (ctx) => {
  const jobs = ctx.request.body.jobs;
  if (!Array.isArray(jobs)) {
    ctx.status = 400;
    return;
  }
  for (let i = 0; i < jobs.length; i++) queue.push(String(jobs[i])); // safe: js/loop-bound-injection
  ctx.body = { queued: jobs.length };
});

router.get('/pad-safe', (ctx) => {
  const width = Math.min(Number(ctx.query.width) || 0, 200);
  ctx.body = '#'.repeat(width); // safe: js/resource-exhaustion
});

app.use(async (ctx, next) => {
  ctx.set('Access-Control-Allow-Origin', ctx.get('Origin')); // vuln: js/cors-origin-reflection
  await next();
});

router.get('/setting', (ctx) => {
  const line = String(ctx.query.line);
  const pair = /^(\w+)\s*=\s*(.*)$/.exec(line); // vuln: js/polynomial-redos
  const strict = /^(\w+)=([^=]*)$/.exec(line); // safe: js/polynomial-redos
  ctx.body = { pair, strict };
});

app.use(router.routes());
app.listen(3001);
