import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'Buffer.alloc with a query size',
      code: `app.get('/blob', (req, res) => {
  res.send(Buffer.alloc(Number(req.query.size))); // vigil-expect
});`,
    },
    {
      name: 'repeat count from the body',
      code: `app.post('/pad', (req, res) => {
  const { width } = req.body;
  res.send('-'.repeat(width)); // vigil-expect
});`,
    },
    {
      name: 'new Array from a route param',
      code: `router.get('/grid/:n', (ctx) => { ctx.body = new Array(parseInt(ctx.params.n, 10)).fill(0); }); // vigil-expect`,
    },
  ],
  valid: [
    {
      name: 'clamped with Math.min',
      code: `app.get('/b', (req, res) => { res.send(Buffer.alloc(Math.min(Number(req.query.size) || 0, 4096))); });`,
    },
    {
      name: 'rejected above a limit',
      code: `const MAX = 1000;
app.get('/b', (req, res) => {
  const n = Number(req.query.n);
  if (n > MAX) return res.sendStatus(413);
  res.send('x'.repeat(n));
});`,
    },
    { name: 'constant size', code: `app.get('/b', (req, res) => { res.send(Buffer.alloc(1024)); });` },
    {
      name: 'repeat of a constant count on input text',
      code: `app.get('/b', (req, res) => { res.json(String(req.query.s).repeat(2)); });`,
    },
  ],
} satisfies RuleCases;
