import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'vm2 and a "safe" evaluator',
      code: `const { VM } = require('vm2');
const safeEval = require('safe-eval');
app.post('/calc', (req, res) => {
  const vm = new VM({ timeout: 100 });
  res.json({ a: vm.run(\`(\${req.body.formula})\`), b: safeEval(req.body.formula) }); // vigil-expect
});`,
    },
    {
      name: 'script text run in a headless browser page',
      code: `import puppeteer from 'puppeteer';
app.post('/scrape', async (req, res) => {
  const page = await (await puppeteer.launch()).newPage();
  res.json(await page.evaluate('document.querySelector("' + req.body.selector + '").href')); // vigil-expect
});`,
    },
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
    {
      name: 'request data in a sandbox context is data, not code',
      code: `const vm = require('vm');
app.post('/tpl', (req, res) => {
  const context = vm.createContext({ input: req.body.value });
  res.json(vm.runInContext('String(input).length', context));
});`,
    },
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
