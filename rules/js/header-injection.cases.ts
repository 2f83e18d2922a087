import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'Content-Disposition from a query parameter',
      code: `app.get('/dl', (req, res) => {
  res.setHeader('Content-Disposition', 'attachment; filename="' + req.query.name + '"'); // vigil-expect
});`,
    },
    {
      name: 'writeHead with a headers object, a header value decoded first',
      code: `http.createServer((req, res) => {
  res.writeHead(200, { 'X-Echo': decodeURIComponent(req.headers['x-echo']) }); // vigil-expect
});`,
    },
    {
      name: 'the client names the header, and an Express header object',
      code: `app.get('/echo', (req, res) => {
  res.set(req.query.header, 'on'); // vigil-expect
  res.set({ 'Content-Type': 'text/plain', 'X-Trace': req.body.trace }); // vigil-expect
  res.writeHead(200, { 'X-Client': req.clientTag }); // vigil-expect
});`,
    },
    {
      name: 'Hono: c.header with a query value, a header the client names',
      code: `import { Hono } from 'hono';
const app = new Hono();
app.get('/export', (c) => {
  c.header('Content-Disposition', \`attachment; filename="\${c.req.query('name')}.csv"\`); // vigil-expect
  c.header(c.req.query('echo'), '1'); // vigil-expect
  return c.body(csv());
});`,
    },
    {
      name: 'a decoded query parameter of a parsed URL',
      code: `app.get('/dl', (req, res) => {
  const link = new URL(req.query.link);
  res.setHeader('X-Next', link.searchParams.get('next')); // vigil-expect
});`,
    },
    {
      name: 'a page object with the query written into one field, that field in a header',
      code: `app.get('/topic/:id', async (req, res) => {
  const topic = await db.getTopic(parseInt(req.params.id, 10));
  topic.pagination = paginate(topic.count, req.query);
  res.set('Link', \`<\${topic.pagination.next}>; rel="next"\`); // vigil-expect
});
function paginate(count, query) { return { next: '?page=' + query.page }; }`,
    },
    {
      // The helper echoes its argument, or looks it up in a table the caller hands it: finding
      // something there says nothing of the name. Nor does a promise or an iterator of a lookup.
      name: 'a helper that is no lookup in a table of its own, used as one',
      code: `const exporters = Object.create(null);
function echo(name) { return name; }
function pick(tables, name) { return tables[name]; }
async function find(name) { return exporters[name]; }
function* each(name) { return exporters[name]; }
app.get('/export', (req, res, next) => {
  if (!echo(req.query.name)) return next();
  res.setHeader('Content-Disposition', \`attachment; filename="\${req.query.name}.csv"\`); // vigil-expect
  if (!pick(req.body, req.query.kind)) return next();
  res.setHeader('X-Kind', req.query.kind); // vigil-expect
  if (!exporters[req.query.format]) return next();
  res.setHeader('X-Format', req.query.other); // vigil-expect
  if (!find(req.query.a) || !each(req.query.b)) return next();
  res.setHeader('X-A', req.query.a); // vigil-expect
  res.setHeader('X-B', req.query.b); // vigil-expect
});`,
    },
  ],
  valid: [
    {
      name: 'a file name from the body through the content-disposition package',
      code: `import contentDisposition from 'content-disposition';
import { create } from 'content-disposition';
app.post('/download', (req, res) => {
  res.setHeader('Content-Disposition', contentDisposition(req.body.fileName));
  res.set('Content-Disposition', create(req.body.other));
  res.send(data);
});`,
    },
    {
      name: "the allowed origin set with setHeader: the CORS rule's, not this one's",
      code: `app.get('/x', (req, res) => { res.setHeader('Access-Control-Allow-Origin', req.query.o); res.end(); });`,
    },
    {
      name: "a content type looked up in mime's or mime-types' own table from the requested name",
      code: `const mimeTypes = require('mime-types');
app.get('/files/:name', async (req, res) => {
  const mime = (await import('mime')).default;
  res.set('Content-Type', mime.getType(req.params.name));
  res.setHeader('X-Type', mimeTypes.lookup(req.params.name) || 'application/octet-stream');
  res.end();
});`,
    },
    {
      // A truthy result means the name is one of the module's own table's names: the program's text.
      name: "a name found by a helper that looks it up in the module's own table",
      code: `const exporters = Object.create(null);
exports.register = (name, exporter) => { exporters[name] = exporter; };
function findExporter(name) {
  if (typeof name !== 'string') return undefined;
  return exporters[name];
}
const byFormat = async (format) => FORMATS[format];
const FORMATS = { csv: 'text/csv', json: 'application/json' };
app.get('/export', async (req, res, next) => {
  const exporter = findExporter(req.query.name);
  if (!exporter || !exporter.run) return next();
  res.setHeader('Content-Disposition', \`attachment; filename="\${req.query.name}.csv"\`);
  if (!(await byFormat(req.query.format))) return next();
  res.setHeader('X-Format', req.query.format);
});`,
    },
    {
      // Overload signatures and abstract methods have no body to read a lookup from.
      name: 'an exported class with overloads and an abstract method',
      code: `export abstract class Store {
  find(name: string): string;
  find(name: number): string;
  find(name: any) { return String(name); }
  abstract load(name: string): string;
}
app.get('/s', (req, res) => res.json({ ok: true }));`,
    },
    {
      // Node's HTTP parser answers 400 to a CR or LF in a header value.
      name: 'a request header value echoed as it came',
      code: `http.createServer((req, res) => {
  res.writeHead(200, { 'X-Echo': req.headers['x-echo'], 'X-Agent': req.get('user-agent') });
});`,
    },
    {
      name: 'a parsed URL as text has no line break',
      code: `app.get('/dl', (req, res) => {
  const link = new URL(req.query.link);
  res.setHeader('Link', \`<\${link.href}>; rel="canonical"\`);
  res.setHeader('X-Origin', link.origin);
  res.setHeader('X-Link', link.toString());
});`,
    },
    {
      // The digest is the hash function's text: nobody can choose it.
      name: 'a hash digest of request data as an ETag',
      code: `const crypto = require('crypto');
app.get('/e/:x', (req, res) => {
  res.set('ETag', crypto.createHash('sha256').update(req.params.x).digest('hex'));
  res.setHeader('X-Signature', crypto.createHmac('sha256', KEY).update(req.query.y).digest('base64'));
  res.end();
});`,
    },
    {
      name: "writeHead's Location and CORS headers are other rules' findings",
      code: `app.get('/go', (req, res) => {
  res.writeHead(302, { Location: req.query.next, 'access-control-allow-origin': req.headers.origin });
  res.end();
});`,
    },
    {
      name: 'cookie values are encoded (Express) or validated (Koa) by the framework',
      code: `app.post('/prefs', (req, res) => {
  res.cookie('theme', req.body.theme);
});
router.post('/prefs', (ctx) => {
  ctx.cookies.set('theme', ctx.request.body.theme);
});`,
    },
    {
      name: 'constant header names, a header object of constants and numbers',
      code: `app.get('/x', (req, res) => {
  res.set({ 'Cache-Control': 'no-store', 'X-Page': Number(req.query.page) });
  res.append('Vary', 'Origin');
  res.header('X-Session', req.session.trace);
});`,
    },
    {
      name: 'encoded value',
      code: `app.get('/dl', (req, res) => { res.setHeader('Content-Disposition', 'attachment; filename=' + encodeURIComponent(req.query.name)); });`,
    },
    {
      name: 'line breaks stripped',
      code: `app.get('/x', (req, res) => { res.set('X-Trace', String(req.query.t).replace(/[\\r\\n]/g, '')); });`,
    },
    {
      name: 'constant header',
      code: `app.get('/x', (req, res) => { res.setHeader('Cache-Control', 'no-store'); });`,
    },
    {
      name: 'numeric cookie',
      code: `app.get('/x', (req, res) => { res.cookie('page', Number(req.query.p)); });`,
    },
    {
      name: 'Location belongs to the open-redirect rule',
      code: `app.get('/x', (req, res) => { res.setHeader('Location', req.query.to); });`,
    },
    {
      name: 'Hono: an encoded file name, a numeric value; Location is the open-redirect rule',
      code: `import { Hono } from 'hono';
const app = new Hono();
app.get('/export', (c) => {
  c.header('Content-Disposition', 'attachment; filename="' + encodeURIComponent(c.req.query('name')) + '"');
  c.header('X-Page', String(Number(c.req.query('page'))));
  c.header('Location', c.req.query('next'));
  return c.body(csv());
});`,
    },
    {
      name: 'a page object with the query written into one field, another field in a header',
      code: `app.get('/topic/:id', async (req, res) => {
  const topic = await db.getTopic(parseInt(req.params.id, 10));
  topic.pagination = paginate(topic.count, req.query);
  const first = topic.posts.find((p) => p.index === 0);
  const { pid } = first;
  res.set('Link', \`<https://forum.example/post/\${pid}>; rel="alternate"\`);
  res.set('X-Topic', topic.slug);
});
function paginate(count, query) { return { next: '?page=' + query.page }; }`,
    },
  ],
} satisfies RuleCases;
