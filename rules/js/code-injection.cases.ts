import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'arithmetic of random numbers and constant operators',
      code: `const operators = ['*', '+', '-'];
const a = Math.floor(Math.random() * 10) + 1;
const b = Math.floor(Math.random() * 10);
const op = operators[Math.floor(Math.random() * 3)];
const expression = a.toString() + op + b.toString();
export const answer = eval(expression);`,
    },
    { name: 'literal eval', code: `eval('1 + 1');` },
    {
      name: 'an encoded constant decoded (js/hardcoded-data-interpreted-as-code reports it)',
      code: `eval(Buffer.from('636f6e736f6c652e6c6f67282268692229', 'hex').toString());`,
    },
    { name: 'constant code', code: `const CODE = 'return 42'; const f = new Function(CODE); eval(CODE);` },
    {
      name: 'shadowed eval parameter',
      code: `function run(eval: (s: string) => void, x: string) { eval(x); }`,
    },
    { name: 'unrelated method named eval', code: `declare const engine: any; engine.eval(userScript);` },
    {
      name: 'vm-like module that is not vm',
      code: `import { runInNewContext } from './sandbox.ts';\nrunInNewContext(code);`,
    },
    {
      name: 'timer with a function',
      code: `declare const tick: () => void;\nsetTimeout(tick, 1000);\nsetInterval(() => tick(), delay);`,
    },
    { name: 'folded constant concatenation', code: `const A = 'x'; eval('var ' + A + ' = 1');` },
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
  invalid: [
    {
      name: 'a chained call stands on the line that names the method',
      code: `const { VM } = require('vm2');
app.post('/run', (req, res) => {
  const code = 'report(' + req.body.expr + ')';
  new VM({
    timeout: 1000,
  }).run(code); // vigil-expect
});`,
    },
    {
      name: 'a number beside a parameter is still code',
      code: `export function calc(n: number, rest: string) {
  const expression = n.toString() + rest;
  return eval(expression); // vigil-expect
}`,
    },
    {
      name: 'eval of input',
      code: `export function calc(expr: string) {\n  return eval(expr); // vigil-expect\n}`,
    },
    {
      name: 'new Function with a template',
      code: `declare const field: string;\nconst getter = new Function('o', \`return o.\${field}\`); // vigil-expect`,
    },
    {
      name: 'vm through require and destructuring',
      code: `const { runInNewContext } = require('node:vm');\nconst vm = require('vm');\nrunInNewContext(src, {}); // vigil-expect\nvm.runInThisContext(src); // vigil-expect\nnew vm.Script(src); // vigil-expect`,
    },
    {
      name: 'globalThis.eval and string timers',
      code: `globalThis.eval(payload); // vigil-expect\nsetTimeout('update(' + id + ')', 10); // vigil-expect`,
    },
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
      name: "math.js's parser, whose sandbox old versions escape (no package.json in view to say which)",
      code: `var mathjs = require('mathjs');
module.exports.calc = function (req, res) {
  res.render('app/calc', { output: mathjs.eval(req.body.eqn) }); // vigil-expect
};`,
    },
    {
      name: 'notevil, and static-eval over a parse of the input',
      code: `const notevil = require('notevil');
const evaluate = require('static-eval');
const { parse } = require('esprima');
app.get('/calc', (req, res) => {
  const a = notevil(req.query.expr); // vigil-expect
  const b = evaluate(parse(req.query.expr).body[0].expression, { x: 1 }); // vigil-expect
  res.json({ a, b });
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
} satisfies RuleCases;
