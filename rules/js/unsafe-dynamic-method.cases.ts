import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'handler chosen by a query parameter',
      code: `const actions = { list, remove };
app.post('/api', (req, res) => {
  actions[req.query.action](req, res); // vigil-expect
});`,
    },
    {
      name: 'through a variable',
      code: `app.post('/rpc', (req, res) => {
  const { method, params } = req.body;
  res.json(service[method](...params)); // vigil-expect
});`,
    },
    {
      name: 'postMessage picks the method',
      code: `window.addEventListener('message', (e) => {
  api[e.data.op](e.data.arg); // vigil-expect
});`,
    },
  ],
  valid: [
    {
      name: 'own-property check',
      code: `app.post('/api', (req, res) => {
  const action = req.query.action;
  if (Object.hasOwn(actions, action)) actions[action](req, res);
});`,
    },
    {
      name: 'allow-list',
      code: `const ALLOWED = ['list', 'show'];
app.post('/api', (req, res) => { const a = req.query.a; if (!ALLOWED.includes(a)) return; handlers[a](); });`,
    },
    {
      name: 'constant method name',
      code: `app.post('/api', (req, res) => { handlers['list'](req.query.x); });`,
    },
    {
      name: 'array index by a loop counter',
      code: `app.post('/api', (req, res) => { for (let i = 0; i < fns.length; i++) fns[i](req.body); });`,
    },
  ],
} satisfies RuleCases;
