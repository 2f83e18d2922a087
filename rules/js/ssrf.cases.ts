import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
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
  ],
  valid: [
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
  ],
} satisfies RuleCases;
