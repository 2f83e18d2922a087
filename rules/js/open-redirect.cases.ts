import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'a route template whose placeholder stands first, or a search string the template lacks',
      code: `const ROUTE = ':next/done';
app.get('/go', (req, res) => {
  res.redirect(ROUTE.replace(':next', req.query.next)); // vigil-expect
  res.redirect('/done'.replace('/done', req.query.to)); // vigil-expect
  res.redirect('/a/:id'.replace(/:id/, req.query.id)); // vigil-expect
});`,
    },
    {
      name: 'a predicate helper that tests something else of the target, or another argument',
      code: `function isLong(url) {
  return url.length > 3;
}
function sameHost(url, host) {
  return host.startsWith('/');
}
app.get('/next', (req, res) => {
  if (isLong(req.query.next)) res.redirect(req.query.next); // vigil-expect
  if (sameHost(req.query.to, '/x')) res.redirect(req.query.to); // vigil-expect
});`,
    },
    {
      name: 'a default replaced by the request where no allow-list holds',
      code: `import { LANGS } from './config';
app.get('/', (req, res) => {
  let lang = 'en';
  const code = req.query.lang;
  if (code && LANGS.includes('en')) lang = code;
  res.redirect('/' + lang); // vigil-expect
  res.redirect(lang); // vigil-expect
});`,
    },
    {
      name: 'an object literal replaced on one branch by the query',
      code: `app.get('/continue', (req, res) => {
  let target = { path: '/home' };
  if (req.query.path) target = req.query;
  res.redirect(target.path); // vigil-expect
});`,
    },
    {
      name: 'a target from a header other than the Referer, and the Referer with the query after it',
      code: `app.post('/done', (req, res) => {
  if (req.query.again) return res.redirect(req.get('referer') + req.query.again); // vigil-expect
  res.redirect(req.get('X-Return-To')); // vigil-expect
});`,
    },
    {
      name: "a table of links one of which is the request's, chosen by a name from it",
      code: `app.get('/go', (req, res) => {
  const links = [
    { name: 'home', href: '/home' },
    { name: 'back', href: req.query.back },
  ];
  for (const { name, href } of links) if (name === req.query.to) return res.redirect(href); // vigil-expect
  links.forEach((link) => link.name === req.query.to && res.redirect(link.href)); // vigil-expect
});`,
    },
    {
      // Anyone may register a name: finding the value among them proves nothing of it.
      name: 'a table the request writes names into, looked up in place or by a helper',
      code: `const shortcuts = Object.create(null);
app.post('/shortcuts', (req, res) => {
  shortcuts[req.body.name] = req.body.title;
  res.end();
});
function shortcut(name) { return shortcuts[name]; }
app.get('/s', (req, res, next) => {
  if (!shortcuts[req.query.to]) return next();
  res.redirect(req.query.to); // vigil-expect
});
app.get('/t', (req, res, next) => {
  if (!shortcut(req.query.to)) return next();
  res.redirect(req.query.to); // vigil-expect
});`,
    },
    {
      name: 'a held check that proves nothing of a local path, or a held match',
      code: `app.get('/back', (req, res) => {
  const next = req.cookies.next;
  const long = next && next.length > 2;
  if (long) res.redirect(next); // vigil-expect
  const m = req.query.to.match(/^(.*)$/);
  if (m) res.redirect(req.query.to); // vigil-expect
});`,
    },
    {
      name: 'path segments that may be empty, keep a backslash, or lose their shape after the slash',
      code: `function grow(l) {
  l.unshift('');
}
app.get('/p/*', (req, res) => {
  const raw = req.params[0].replace(/\\\\/g, '');
  res.redirect('/' + raw.split('/').join('/')); // vigil-expect
  res.redirect('/' + raw.split('/').filter((p) => p !== '..').join('/')); // vigil-expect
  res.redirect('/' + req.params[0].split('/').filter(Boolean).join('/')); // vigil-expect
  res.redirect('/' + req.params[0].split('/').filter(Boolean).join('/').replace(/\\\\/g, '')); // vigil-expect
  res.redirect('/' + ['', ...raw.split('/').filter(Boolean)].join('/')); // vigil-expect
  const parts = raw.split('/').filter(Boolean);
  parts.unshift('');
  res.redirect('/' + parts.join('/')); // vigil-expect
  const kept = raw.split('/').filter(Boolean);
  res.redirect(\`/\${kept.join('/')}/\${kept[0]}\`); // vigil-expect
  res.redirect('/' + kept.map((p) => (p === 'x' ? '' : p)).join('/')); // vigil-expect
  const list = raw.split('/').filter(Boolean);
  grow(list);
  res.redirect('/' + list.join('/')); // vigil-expect
});`,
    },
    {
      name: 'a local path from segments where nothing encodes a tab: a raw Location header, the page location',
      code: `app.get('/p/*', (req, res) => {
  const clean = req.params[0].replace(/\\\\/g, '').split('/').filter(Boolean).join('/');
  res.setHeader('Location', '/' + clean); // vigil-expect
  res.statusCode = 302; res.end();
});
const page = location.hash.slice(1).replace(/\\\\/g, '').split('/').filter(Boolean).join('/');
location.href = '/' + page; // vigil-expect`,
    },
    {
      name: 'the request target cut, or after a host the request does not name',
      code: `app.all('/*', (req, res) => {
  res.redirect(\`https://\${req.hostname}\${req.originalUrl.replace(/^\\/+/, '')}\`); // vigil-expect
  res.redirect(\`https://\${req.query.host}\${req.originalUrl}\`); // vigil-expect
});`,
    },
    {
      name: 'a value kept in a Map and read back',
      code: `app.get('/m', (req, res) => {
  const seen = new Map();
  seen.set('next', req.query.next);
  res.redirect(seen.get('next')); // vigil-expect
});`,
    },
    {
      name: 'the whole match of a regex that may start anywhere, or with two slashes',
      code: `app.get('/go', (req, res) => {
  const m = req.query.next.match(/^(.*)$/);
  if (m) res.redirect(nconf.get('relative_path') + m[0]); // vigil-expect
  const s = req.query.next.match(/^\\/.*$/);
  if (s) res.redirect(nconf.get('relative_path') + s[0]); // vigil-expect
  const g = /^\\/go\\/(.+)$/.exec(req.query.next);
  if (g) res.redirect(g[1]); // vigil-expect
});`,
    },
    {
      name: 'request data right after a configured base, a lone slash or an open host',
      code: `app.get('/out', (req, res) => {
  const base = nconf.get('relative_path');
  res.redirect(base + req.query.next); // vigil-expect
  res.redirect(\`\${base}/\${req.query.next}\`); // vigil-expect
  res.redirect(\`\${base}//cdn.example.com\${req.query.next}\`); // vigil-expect
});`,
    },
    {
      name: 'a URL parsed from request data, its query changed',
      code: `app.get('/go', (req, res) => {
  const url = new URL(req.query.to);
  url.searchParams.set('utm_source', 'app');
  res.redirect(url.toString()); // vigil-expect
});`,
    },
    {
      name: 'an Express handler exported under the name handler stays one',
      code: `exports.handler = (req, res) => {
  res.redirect(req.query.next); // vigil-expect
};`,
    },
    {
      name: 'only the scheme of the parsed URL checked',
      code: `app.get('/out', (req, res) => {
  const target = req.query.to;
  if (new URL(target).protocol === 'https:') res.redirect(target); // vigil-expect
});`,
    },
    {
      name: 'Angular route snapshot parameter sent to location',
      filename: 'login.component.ts',
      code: `import { Component } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
@Component({ selector: 'app-login', template: '' })
export class LoginComponent {
  constructor(private readonly route: ActivatedRoute) {}
  done() {
    const next = this.route.snapshot.queryParamMap.get('next');
    window.location.href = next ?? '/'; // vigil-expect
  }
}`,
    },
    {
      name: 'the Location header of writeHead, and res.location',
      code: `app.get('/go', (req, res) => {
  res.writeHead(302, { Location: req.query.next, 'Cache-Control': 'no-store' }); // vigil-expect
  res.location(req.query.back).sendStatus(302); // vigil-expect
});`,
    },
    {
      name: 'a path prefix inside a nested concatenation does not start the string',
      code: `app.get('/u', (req, res) => {
  res.redirect('/' + ('/u' + req.query.name)); // vigil-expect
});`,
    },
    {
      name: 'Express redirect to a query parameter',
      code: `app.get('/login/done', (req, res) => {
  res.redirect(req.query.next); // vigil-expect
});`,
    },
    {
      name: 'Location header with a status',
      code: `http.createServer((req, res) => {
  const target = new URL(req.url, 'http://x').searchParams.get('to');
  res.setHeader('Location', target); // vigil-expect
  res.statusCode = 302; res.end();
});`,
    },
    {
      name: 'client-side redirect from the hash',
      code: `const next = location.hash.substring(1);
window.location.href = next; // vigil-expect`,
    },
    {
      name: 'the host name of the page from its URL',
      code: `const region = location.hash.slice(1);
window.location.hostname = region; // vigil-expect
const mirror = new URLSearchParams(location.search).get('mirror');
document.location.host = mirror; // vigil-expect`,
    },
    {
      name: 'Koa redirect with status argument order',
      code: `router.get('/go', (ctx) => { ctx.redirect(ctx.query.url); }); // vigil-expect`,
    },
    {
      name: 'the request path where no fixed route segment pins it',
      code: `app.get('*', (req, res) => {
  res.redirect(req.path.replace(/\\/+$/, '')); // vigil-expect
});
app.use('/legacy', (req, res) => {
  res.redirect(req.url.replace(/\\/$/, '')); // vigil-expect
});
router.get('/:slug', (ctx) => {
  ctx.redirect(ctx.path.slice(0, -1)); // vigil-expect
});
router.get(['/docs/:id', '/:id'], (ctx) => {
  ctx.redirect(ctx.path.slice(0, -1)); // vigil-expect
});`,
    },
    {
      name: "the page's own path at the start, or cut so it no longer starts with a slash",
      code: `function go(team) {
  location.href = location.pathname; // vigil-expect
  location.href = \`\${team.url}\${location.pathname.slice(1)}\`; // vigil-expect
}`,
    },
    {
      name: 'the Host header beside request data',
      code: `app.get('/login', (req, res) => {
  res.redirect(\`https://\${req.hostname}\${req.query.path}\`); // vigil-expect
});`,
    },
    {
      name: 'Hono: c.redirect with a status, the Location header, a validated query',
      code: `import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
const app = new Hono();
app.get('/login/done', (c) => c.redirect(c.req.query('next') ?? '/', 303)); // vigil-expect
app.get('/out', (c) => {
  c.header('Location', c.req.header('x-return-to'), { append: false }); // vigil-expect
  return c.body(null, 302);
});
app.get('/go', zValidator('query', z.object({ to: z.string().url() })), (c) => {
  const { to } = c.req.valid('query');
  return c.redirect(to); // vigil-expect
});
app.get('/login', (c) => c.redirect(new URL(c.req.url).searchParams.get('return_to') ?? '/')); // vigil-expect
app.get('*', (c) => c.redirect(c.req.path.slice(1))); // vigil-expect`,
    },
    {
      name: 'a cross-window message chooses the page location',
      code: `window.addEventListener('message', (event) => {
  window.location.href = event.data.url; // vigil-expect
});
self.addEventListener('message', (event) => {
  location.href = event.data.next; // vigil-expect
});`,
    },
  ],
  valid: [
    {
      name: 'the HTTPS redirect to the Host header the request came with, read as a header',
      code: `app.use((req, res, next) => {
  if (req.secure) return next();
  if (req.query.a) return res.redirect(307, \`https://\${req.headers.host}\${req.url}\`);
  res.redirect(307, \`https://\${req.get('Host')}\${req.originalUrl}\`);
});`,
    },
    {
      name: 'a route template filled in after its constant path',
      code: `const ROUTE = '/items/:id/edit' as const;
app.get('/go', (req, res) => {
  res.redirect(ROUTE.replace(':id', req.query.id));
  res.redirect(\`\${'/users/:u'.replace(':u', encodeURIComponent(req.query.u))}?tab=\${req.query.tab}\`);
});`,
    },
    {
      name: 'a predicate helper that tests the target, as the test written in place',
      code: `function staysOnSite(url) {
  if (!url) return false;
  return url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\\\');
}
app.get('/next', (req, res) => {
  if (staysOnSite(req.query.next)) return res.redirect(req.query.next);
  if (!staysOnSite(req.query.back)) return res.redirect('/');
  res.redirect(req.query.back);
});`,
    },
    {
      name: 'a default replaced only by an allow-listed choice (an imported list, cast), used past the check',
      code: `import { LANGS } from './config';
const OWN = ['de', 'en'];
app.get('/', (req, res) => {
  let lang = 'en';
  const code = req.headers['accept-language'].split(',')[0];
  if ((LANGS as readonly string[]).includes(code)) lang = code;
  res.redirect(lang);
});
app.get('/b', (req, res) => {
  let lang = 'en';
  if (OWN.indexOf(req.query.l) !== -1) lang = req.query.l;
  res.redirect(lang);
});`,
    },
    {
      name: 'an object literal replaced on one branch by another literal',
      code: `app.get('/continue', (req, res) => {
  let target = { path: '/home' };
  if (req.query.admin) target = { path: '/admin' };
  res.redirect(target.path);
});`,
    },
    {
      name: "back to the page the client came from (the Referer header), as res.redirect('back') does",
      code: `app.post('/settings', (req, res) => {
  if (!req.body.theme) return res.redirect(req.get('Referrer') || '/');
  res.redirect(req.headers.referer);
});`,
    },
    {
      name: "an encoded segment, then the request's own query: a relative URL on this site",
      code: `app.param('pad', (req, res, next, id) => {
  const clean = id.replace(/[^\\w-]/g, '');
  if (clean === id) return next();
  res.header('Location', encodeURIComponent(clean) + new URL(req.url, 'http://invalid.invalid').search);
  res.sendStatus(302);
});`,
    },
    {
      name: 'the browser sent back to the page it came from (document.referrer)',
      code: `export function returnToPad() {
  if (document.referrer.length > 0) document.location = document.referrer;
  else window.location.href = '/';
}`,
    },
    {
      name: 'a table of constant links, chosen by a name from the request',
      code: `app.get('/go', (req, res) => {
  const links = [
    { name: 'home', href: '/home' },
    { name: req.query.label, href: '/profile' },
  ];
  for (const { name, href } of links) if (name === req.query.to) return res.redirect(href);
  links.forEach((link) => link.name === req.query.to && res.redirect(link.href));
  res.redirect(links[Number(req.query.i)].href);
});`,
    },
    {
      name: 'a check of a local path held in a const (also rejected before the redirect)',
      code: `app.get('/login/callback', (req, res) => {
  const next = req.cookies.next;
  const isLocal = next && next.startsWith('/') && !next.startsWith('//') && !next.includes('://');
  if (isLocal) return res.redirect(next);
  const back = req.query.back;
  const ok = back.startsWith('/') && !back.startsWith('//');
  if (!ok) return res.redirect('/');
  res.redirect(back);
});`,
    },
    {
      name: 'a constant slash before path segments rebuilt without backslashes and empty pieces',
      code: `const _ = require('lodash');
const path = require('path');
function parse(raw) {
  const page = { path: 'home', locale: 'en' };
  raw = _.trim(raw).replace(/\\\\/g, '').replace(/\\/\\//g, '');
  let parts = _.filter(_.split(raw, '/'), (p) => {
    p = _.trim(p);
    return !_.isEmpty(p) && p !== '..';
  });
  if (/^[a-z]{2}$/.test(parts[0])) {
    page.locale = parts[0];
    parts.shift();
  }
  const last = _.last(parts);
  if (last && last.indexOf('.') > 0) {
    parts.pop();
    parts.push(path.parse(last).name);
  }
  page.path = _.join(parts, '/');
  return page;
}
app.get('/h/*', (req, res) => {
  res.redirect(\`/\${parse(req.path).path}\`);
  const clean = req.params[0].replaceAll('\\\\', '').split('/');
  res.redirect('/' + clean.filter((s) => s.trim().length > 0).join('/'));
  res.location('/' + req.query.p.replace(/[\\\\"<>]/g, '').split('/').filter((s) => s !== '').join('/'));
});
app.get('/k/*', (req, res) => {
  res.redirect('/' + req.query.p.replace(/\\\\/g, '/').split('/').filter(Boolean).reverse()[0]);
});`,
    },
    {
      name: 'the request target right after the host the request named (Express and Koa)',
      code: `app.all('/*', (req, res, next) => {
  if (!req.secure) return res.redirect(\`https://\${req.hostname}\${req.originalUrl}\`);
  next();
});
router.get('/s/:id', (ctx) => {
  ctx.redirect('https://' + ctx.host + ctx.url);
});`,
    },
    {
      // _.set writes into res.locals, not into the lodash module every later _.x() call reads.
      name: "a lodash call after another route's _.set of request data, and lodash's number conversions",
      code: `const _ = require('lodash');
app.get('/e/*', (req, res) => {
  _.set(res.locals, 'pageMeta.title', req.path);
  res.render('editor');
});
app.get('/i/:id', (req, res) => {
  res.redirect('' + _.toSafeInteger(req.params.id));
});`,
    },
    {
      name: "a message from the page's own service worker",
      code: `navigator.serviceWorker.addEventListener('message', (event) => {
  const { action, url } = event.data;
  if (action === 'open') window.location.href = url;
});
const container = window.navigator.serviceWorker;
container.addEventListener('message', (e) => { location.href = e.data.url; });
navigator.serviceWorker.onmessage = (e) => { location.href = e.data.url; };`,
    },
    {
      name: 'the whole match of a regex that starts with a local path, or a group of digits',
      code: `app.get('/*', (req, res) => {
  const tid = req.path.match(/^\\/topic\\/(\\d+)\\//);
  if (tid) res.redirect(nconf.get('relative_path') + tid[0]);
  // Unanchored, the match still starts with its own text, whatever came before it.
  const cid = req.path.match(/\\/category\\/\\d+/);
  if (cid) res.redirect(nconf.get('relative_path') + cid[0]);
  const page = /^(\\d+)$/.exec(req.query.page);
  if (page) res.redirect(page[1]);
});`,
    },
    {
      name: "a redirect to the same page's query or fragment",
      code: `app.get('/list', (req, res) => {
  if (req.query.legacy) return res.redirect('?page=' + req.query.page);
  res.redirect(\`#\${req.query.section}\`);
});`,
    },
    {
      name: 'the request path under a fixed route segment (Express mounts strip theirs from req.url)',
      code: `app.get('/docs/*', (req, res) => {
  res.redirect(req.path.replace(/\\/$/, ''));
});
app.use('/legacy', (req, res) => {
  res.redirect(req.originalUrl.replace('/legacy', '/v2'));
});
router.use(['/share/:id', '/share/:id/*'], (ctx) => {
  ctx.redirect(ctx.path.replace(/^\\/share/, '/s') + ctx.request.URL.search);
});`,
    },
    {
      name: "the page's own path, query or fragment after a base URL",
      code: `async function go(api) {
  const team = await api.team();
  location.href = \`\${team.url}\${location.pathname}\`;
  location.href = team.url + location.search + location.hash;
}`,
    },
    {
      name: 'a redirect to the host the request named (only its sender goes there)',
      code: `app.get('/login', (req, res) => {
  res.redirect(\`https://\${req.hostname}/home\`);
});
router.get('/k', (ctx) => {
  ctx.redirect(ctx.href.replace('http:', 'https:'));
});`,
    },
    {
      name: "a parsed URL checked against the page's own origin",
      code: `const next = new URL(new URLSearchParams(location.search).get('next'), location.href);
if (next.origin === window.location.origin) location.href = next.href;`,
    },
    {
      name: 'a configured base, then request data behind its own fixed path',
      code: `app.get('/posts/:pid/*', (req, res) => {
  res.redirect(308, nconf.get('relative_path') + encodeURI(\`/api/v3/posts/\${req.params.pid}/\${req.query.rest}\`));
});`,
    },
    {
      name: 'request data after a configured base and a fixed path segment',
      code: `app.get('/groups/:slug', (req, res) => {
  const relativePath = nconf.get('relative_path');
  res.redirect(\`\${relativePath}/groups/\${req.params.slug.toLowerCase()}\`);
  res.redirect(relativePath + '/assets/uploads' + req.path + '?' + req.query.v);
});`,
    },
    {
      name: 'request data in the path and query of a URL parsed from a fixed base',
      code: `app.get('/go', (req, res) => {
  const url = new URL(process.env.APP_URL);
  url.pathname = req.path;
  url.searchParams.set('ref', req.query.ref);
  res.redirect(url.toString());
});`,
    },
    {
      name: "the page's own URL without its fragment",
      code: `window.location.href = location.href.split('#')[0];`,
    },
    {
      name: 'the parsed host checked against a constant',
      code: `app.get('/out', (req, res) => {
  const target = req.query.to;
  if (new URL(target).hostname === 'docs.example.com') return res.redirect(target);
  res.redirect('/');
});`,
    },
    {
      name: 'the path or query of the page, or a constant host',
      code: `const q = new URLSearchParams(location.search).get('q');
location.search = '?q=' + encodeURIComponent(q);
location.pathname = '/search/' + q;
location.hostname = 'eu.example.com';`,
    },
    { name: 'fixed redirect', code: `app.get('/a', (req, res) => { res.redirect('/home'); });` },
    {
      name: 'local path prefix',
      code: `app.get('/a', (req, res) => { res.redirect('/profile/' + encodeURIComponent(req.query.user)); });`,
    },
    {
      name: 'checked to be a local path',
      code: `app.get('/a', (req, res) => {
  const next = String(req.query.next);
  if (next.startsWith('/') && !next.startsWith('//')) res.redirect(next);
  else res.redirect('/');
});`,
    },
    {
      name: 'allow-listed target',
      code: `const TARGETS = ['/a', '/b'];
app.get('/a', (req, res) => { const t = req.query.t; if (TARGETS.includes(t)) { res.redirect(t); } });`,
    },
    {
      name: 'a non-Location header',
      code: `app.get('/a', (req, res) => { res.setHeader('X-Request-Id', Number(req.query.id)); });`,
    },
    {
      name: 'Hono: a constant path, a local path prefix, an allow-listed target, its own path or URL under a fixed route',
      code: `import { Hono } from 'hono';
const NEXT = new Set(['/home', '/settings']);
const app = new Hono();
app.get('/logout', (c) => c.redirect('/'));
app.get('/u/:id', (c) => c.redirect('/users/' + c.req.param('id'), 301));
app.get('/back', (c) => {
  const next = c.req.query('next');
  return c.redirect(NEXT.has(next) ? next : '/home');
});
app.get('/docs/*', (c) => {
  if (c.req.path.endsWith('/')) return c.redirect(c.req.path.slice(0, -1), 301);
  return c.redirect(c.req.url.replace('http:', 'https:'), 301);
});`,
    },
  ],
} satisfies RuleCases;
