import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'a value right after a configured base, or after a scheme the code leaves open',
      code: `const LICENSE_SERVER = process.env.LICENSE_SERVER_URL || 'https://license.example.com';
app.post('/license', async (req, res) => {
  await fetch(\`\${LICENSE_SERVER}\${req.body.path}\`); // vigil-expect
  await fetch(\`\${req.body.scheme}:/\${req.body.host}/x\`); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'a host set only on one branch, or from the request',
      code: `export async function proxy(request: Request) {
  const target = new URL(new URL(request.url).searchParams.get('to'));
  if (target.protocol === 'http:') target.hostname = 'internal.example';
  await fetch(target); // vigil-expect
  const other = new URL(request.url);
  other.hostname = new URL(request.url).searchParams.get('host');
  return fetch(other); // vigil-expect
}`,
    },
    {
      name: 'a GraphQL argument as the URL a resolver fetches',
      code: `const { makeExecutableSchema } = require('@graphql-tools/schema');
const resolvers = {
  Mutation: {
    importFeed: async (parent, args, ctx) => {
      const res = await fetch(args.url); // vigil-expect
      return res.text();
    },
  },
};
module.exports = makeExecutableSchema({ typeDefs, resolvers });`,
    },
    {
      name: "a parsed URL's scheme, port or path checked: its host is still the request's",
      code: `app.get('/fetch', async (req, res) => {
  const u = new URL(req.query.url);
  if (u.protocol !== 'https:') return res.sendStatus(400);
  await fetch(u); // vigil-expect
  if (u.port === '443') await fetch(u.href); // vigil-expect
});`,
    },
    {
      name: 'a host suffix without its dot, or a file extension',
      code: `app.get('/fetch', async (req, res) => {
  const u = new URL(req.query.url);
  if (!u.hostname.endsWith('example.com')) return res.sendStatus(403);
  await fetch(u); // vigil-expect
  if (!req.query.img.endsWith('.png')) return res.sendStatus(400);
  await fetch(req.query.img); // vigil-expect
});`,
    },
    {
      name: "NestJS's HttpService",
      code: `import { HttpService } from '@nestjs/axios';
export class ImportService {
  constructor(private readonly http: HttpService) {}
  @Get('import')
  load(@Query('u') u: string) {
    return this.http.get(u); // vigil-expect
  }
}`,
    },
    {
      name: 'axios config object with a URL from the query',
      code: `const axios = require('axios');
app.get('/mirror', async (req, res) => {
  const r = await axios({ method: 'get', url: req.query.src, timeout: 5000 }); // vigil-expect
  res.send(r.data);
});`,
    },
    {
      name: 'an axios instance and a got options object',
      code: `import axios from 'axios';
import got from 'got';
const client = axios.create({ timeout: 1000 });
app.post('/hooks', async (req, res) => {
  await client.post(req.body.callbackUrl, { ok: true }); // vigil-expect
  await got({ url: req.body.callbackUrl, method: 'POST' }); // vigil-expect
});`,
    },
    {
      name: 'https.get with a host option from a header',
      code: `import https from 'node:https';
app.get('/status', (req, res) => {
  https.get({ hostname: req.get('x-upstream'), path: '/health' }, (r) => r.pipe(res)); // vigil-expect
});`,
    },
    {
      name: 'needle(method, url) and a bent client',
      code: `const needle = require('needle');
const bent = require('bent');
const getJSON = bent('json');
app.get('/n', async (req, res) => {
  await needle('get', req.query.target); // vigil-expect
  res.json(await getJSON(req.query.target)); // vigil-expect
});`,
    },
    {
      name: 'puppeteer screenshot of a URL from the body',
      code: `const puppeteer = require('puppeteer');
app.post('/shot', async (req, res) => {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  await page.goto(req.body.pageUrl); // vigil-expect
  res.type('png').send(await page.screenshot());
});`,
    },
    {
      name: 'a page passed to a helper, and a raw socket',
      code: `import net from 'node:net';
async function render(page, target) {
  await page.goto(target); // vigil-expect
}
app.get('/r', async (req, res) => {
  await render(sharedPage, req.query.t);
  const sock = new net.Socket();
  sock.connect(6379, req.query.redisHost); // vigil-expect
});`,
    },
    {
      name: 'wkhtmltopdf of a URL from the query',
      code: `const wkhtmltopdf = require('wkhtmltopdf');
app.get('/pdf', (req, res) => { wkhtmltopdf(req.query.page).pipe(res); }); // vigil-expect`,
    },
    {
      // A verdict read from a fetch's own response, or from a function not named for vetting,
      // says nothing of where the URL points.
      name: 'an object result with an ok field that is no vetting verdict',
      code: `app.get('/proxy', async (req, res) => {
  const { ok } = await fetch(req.query.url); // vigil-expect
  if (!ok) throw new Error('down');
  const { ok: fine } = await lookupPage(req.query.url);
  if (!fine) return res.sendStatus(404);
  res.send(await (await fetch(req.query.url)).text()); // vigil-expect
});`,
    },
    {
      name: 'fetch of a query parameter',
      code: `app.get('/proxy', async (req, res) => {
  const r = await fetch(req.query.url); // vigil-expect
  res.send(await r.text());
});`,
    },
    {
      name: 'axios with a host from the body',
      code: `import axios from 'axios';
app.post('/hook', async (req, res) => {
  const { host } = req.body;
  await axios.post(\`http://\${host}/notify\`, {}); // vigil-expect
});`,
    },
    {
      name: 'http.get from a Koa header',
      code: `const http = require('http');
router.get('/p', (ctx) => { http.get(ctx.get('x-target'), () => {}); }); // vigil-expect`,
    },
    {
      name: 'a URL a body-parsing middleware left on the request',
      code: `const needle = require('needle');
app.post('/fetch', (req, res) => {
  needle.get(req.payload.target, (err, r) => res.send(r.body)); // vigil-expect
});`,
    },
    {
      name: 'HTML from the body rendered by a server-side browser',
      code: `const puppeteer = require('puppeteer');
app.post('/pdf', async (req, res) => {
  const page = await (await puppeteer.launch()).newPage();
  await page.setContent(\`<main>\${req.body.html}</main>\`); // vigil-expect
  res.type('pdf').send(await page.pdf());
});`,
    },
    {
      name: 'a page function handed the body URL fetches it from inside the server-side browser',
      code: `const { chromium } = require('playwright');
app.post('/probe', async (req, res) => {
  const page = await (await chromium.launch()).newPage();
  const status = await page.evaluate((target) => fetch(target).then((r) => r.status), req.body.url); // vigil-expect
  res.json({ status });
});`,
    },
    {
      name: 'phantom page content from the query',
      code: `const phantom = require('phantom');
app.get('/snap', async (req, res) => {
  const instance = await phantom.create();
  const page = await instance.createPage();
  await page.property('content', req.query.markup); // vigil-expect
});`,
    },
    {
      name: 'Hono proxy helper to a host the client names',
      code: `import { Hono } from 'hono';
import { proxy } from 'hono/proxy';
const app = new Hono();
app.all('/relay/:host/*', (c) => proxy(\`https://\${c.req.param('host')}/\${c.req.path.split('/').slice(3).join('/')}\`, c.req)); // vigil-expect`,
    },
  ],
  valid: [
    {
      name: "a value after a configured base and a path's own text",
      code: `const LICENSE_SERVER = process.env.LICENSE_SERVER_URL || 'https://license.example.com/api/v1/';
app.post('/license', async (req, res) => {
  res.json(await fetch(\`\${LICENSE_SERVER}license/\${req.body.licenseId}/check\`));
});`,
    },
    {
      name: "a proxy that keeps the request's path but sets the host itself",
      code: `const API_HOST = 'eu.i.posthog.com';
export async function proxy(request: Request) {
  const url = new URL(request.url);
  const target = new URL(url);
  target.protocol = 'https';
  target.hostname = API_HOST;
  target.pathname = target.pathname.replace(/^\\/ingest/, '');
  return fetch(target, { method: request.method });
}`,
    },
    {
      name: 'a page function handed the body text only as a label, fetching a fixed address',
      code: `const { chromium } = require('playwright');
app.post('/probe', async (req, res) => {
  const page = await (await chromium.launch()).newPage();
  await page.evaluate((label) => fetch('https://status.example.com/ping', { method: 'POST', body: label }), req.body.name);
  res.end();
});`,
    },
    {
      name: 'a GraphQL resolver fetching a URL the server holds, with the argument as a query parameter',
      code: `const resolvers = {
  Query: {
    weather: async (parent, args) => {
      const res = await fetch('https://api.weather.example/v1?city=' + encodeURIComponent(args.city));
      return res.json();
    },
  },
};
module.exports = { resolvers };`,
    },
    {
      name: 'a prefix with scheme, host and slash; an anchored regex to the slash; a dotted host suffix',
      code: `app.get('/proxy', async (req, res) => {
  const t = req.query.target;
  if (!t.startsWith('https://api.partner.com/')) return res.sendStatus(403);
  await axios.get(t);
  if (/^https:\\/\\/cdn\\.example\\.com\\//.test(req.query.img)) await fetch(req.query.img);
  const u = new URL(req.query.url);
  if (!u.hostname.endsWith('.example.com')) return res.sendStatus(403);
  await fetch(u);
});`,
    },
    {
      name: "the operator's configured base before request data",
      code: `app.get('/user', async (req, res) => {
  const r = await fetch(\`\${process.env.API_URL}/users/\${req.query.id}\`);
  await fetch(process.env.API_URL + '/users/' + req.query.id);
  res.send(await r.text());
});`,
    },
    {
      name: 'a check before a callback that runs the request later',
      code: `const ALLOWED = new Set(['api.partner.com']);
app.get('/retry', async (req, res) => {
  const u = new URL(req.query.url);
  if (!ALLOWED.has(u.hostname)) return res.sendStatus(403);
  res.json(await pRetry(() => axios.get(u.href), { retries: 3 }));
});`,
    },
    {
      name: "a vetting function's verdict field, destructured or read from the result",
      code: `async function check(url) {
  const { hostname } = new URL(url);
  return { ok: !(await isReserved(hostname)) };
}
export async function call(url) {
  const { ok } = await check(url);
  if (!ok) throw new Error('reserved address');
  return fetch(url);
}
app.get('/preview', async (req, res) => {
  const verdict = await validateUrl(req.query.url);
  if (!verdict.valid) return res.sendStatus(400);
  res.send((await call(req.query.url)).status);
  res.send((await fetch(req.query.url)).status);
});`,
    },
    {
      name: 'the parsed hostname on an allow-list',
      code: `const axios = require('axios');
const ALLOWED_HOSTS = ['api.example.com', 'cdn.example.com'];
app.get('/proxy', async (req, res) => {
  if (!ALLOWED_HOSTS.includes(new URL(req.query.url).hostname)) return res.sendStatus(403);
  res.send((await axios.get(req.query.url)).data);
});`,
    },
    {
      name: 'server-side request state: session and authenticated user',
      code: `import axios from 'axios';
app.get('/profile', async (req, res) => {
  await axios.get(req.session.avatarUrl);
  await axios.get(req.user.webhook);
  await fetch(req.app.locals.upstream);
});`,
    },
    {
      name: 'constant HTML in a headless page; a phantom property that is not content',
      code: `const phantom = require('phantom');
app.get('/snap', async (req, res) => {
  const page = await (await phantom.create()).createPage();
  await page.setContent('<h1>Report</h1>');
  await page.property('viewportSize', { width: Number(req.query.w), height: 600 });
});`,
    },
    {
      name: 'axios with a fixed URL; the input is a query parameter',
      code: `import axios from 'axios';
app.get('/search', async (req, res) => {
  const r = await axios({ url: 'https://search.example.com/v1', params: { q: req.query.q } });
  res.json(r.data);
});`,
    },
    {
      name: 'options object with a fixed host and the input in the path',
      code: `const https = require('https');
app.get('/items', (req, res) => {
  const options = { hostname: 'inventory.internal.example', path: '/items?sku=' + req.query.sku };
  https.get(options, (r) => r.pipe(res));
});`,
    },
    {
      name: 'a POST body is data, not a destination',
      code: `const got = require('got');
app.post('/relay', async (req, res) => {
  await got.post('https://audit.example.com/events', { json: req.body });
});`,
    },
    {
      name: 'page.evaluate with constant code and data arguments is not a URL',
      code: `const puppeteer = require('puppeteer');
app.get('/t', async (req, res) => {
  const page = await (await puppeteer.launch()).newPage();
  await page.goto('https://example.com/report');
  res.send(await page.evaluate((sel) => document.querySelector(sel)?.textContent, req.query.sel));
});`,
    },
    {
      name: 'fixed host, input in the path only',
      code: `app.get('/u/:id', async (req, res) => { await fetch('https://api.example.com/users/' + encodeURIComponent(req.params.id)); });`,
    },
    {
      name: 'fixed host with a template literal',
      code: `app.get('/u/:id', async (req, res) => { await fetch(\`https://api.example.com/users/\${req.params.id}\`); });`,
    },
    {
      name: 'host allow-list after new URL',
      code: `const ALLOWED_HOSTS = new Set(['api.example.com']);
app.get('/p', async (req, res) => {
  const url = new URL(req.query.url);
  if (!ALLOWED_HOSTS.has(url.hostname)) return res.sendStatus(400);
  await fetch(url);
});`,
    },
    {
      name: 'constant URL',
      code: `app.get('/p', async (req, res) => { await fetch('https://example.com/status'); });`,
    },
    {
      name: 'a local function named fetch',
      code: `function fetch(id: string) { return id; }
app.get('/p', (req, res) => { fetch(req.query.id); });`,
    },
    {
      name: 'Hono proxy helper to a fixed origin, the path from the client',
      code: `import { Hono } from 'hono';
import { proxy } from 'hono/proxy';
const app = new Hono();
app.get('/api/:path', (c) => proxy(\`https://api.internal.example.com/\${c.req.param('path')}\`, { headers: { ...c.req.header() } }));`,
    },
  ],
} satisfies RuleCases;
