import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'eval of a request body field',
      code: `app.post('/calc', (req, res) => {
  const expr = req.body.expr;
  res.json({ result: eval(expr) }); // vigil-expect
});`,
    },
    {
      name: 'new Function from the URL hash',
      code: `const body = decodeURIComponent(location.hash.slice(1));
const fn = new Function('x', body); // vigil-expect`,
    },
    {
      name: 'vm with Fastify params',
      code: `import vm from 'node:vm';
fastify.get('/run/:code', async (request, reply) => {
  return vm.runInNewContext(request.params.code, {}); // vigil-expect
});`,
    },
    {
      name: 'setTimeout with a string from postMessage',
      code: `window.addEventListener('message', (event) => {
  setTimeout('handle(' + event.data + ')', 10); // vigil-expect
});`,
    },
  ],
  valid: [
    { name: 'eval of a constant', code: `eval('1 + 1');` },
    {
      name: 'JSON.parse instead of eval',
      code: `app.post('/calc', (req, res) => { res.json(JSON.parse(req.body.data)); });`,
    },
    {
      name: 'setTimeout with a function',
      code: `app.get('/later', (req, res) => { setTimeout(() => res.send(String(req.query.n)), 10); });`,
    },
    {
      name: 'a method called eval on another object',
      code: `app.post('/q', (req, res) => { const ev = { eval: (x: string) => x }; ev.eval(req.body.q); });`,
    },
    {
      name: 'numeric conversion',
      code: `app.get('/n', (req, res) => { eval('var n = ' + Number(req.query.n)); });`,
    },
  ],
} satisfies RuleCases;
