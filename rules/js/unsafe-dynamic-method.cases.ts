import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'the request path without its leading slash can name an inherited member',
      code: `const handlers = { home, about };
app.use((req, res) => {
  handlers[req.path.slice(1)](req, res); // vigil-expect
});`,
    },
    {
      name: 'a lookup or an in test on a plain object is true of constructor and toString too',
      code: `const actions = { list() {}, remove() {} };
app.post('/a', (req, res) => {
  const a = req.query.a;
  if (!actions[a]) return res.status(404).end();
  actions[a](req, res); // vigil-expect
});
app.post('/b', (req, res) => {
  const a = req.query.a;
  if (!(a in actions)) throw new Error('no such action');
  actions[a](req, res); // vigil-expect
});
app.post('/c', (req, res) => {
  const a = req.query.a;
  if (typeof actions[a] !== 'function') return res.end();
  actions[a](req, res); // vigil-expect
});
app.post('/d', (req, res) => {
  const handler = actions[req.query.a];
  if (!handler) return res.end();
  actions[req.query.a](req, res); // vigil-expect
});`,
    },
    {
      name: 'a search over a list the request sent, or one that is no equality',
      code: `const NAMES = ['list', 'remove'];
app.post('/a', (req, res) => {
  const a = req.query.a;
  if (!req.body.names.some((n) => n === a)) return res.end();
  actions[a](req, res); // vigil-expect
});
app.post('/b', (req, res) => {
  const a = req.query.a;
  if (!NAMES.find((n) => a.startsWith(n))) return res.end();
  actions[a](req, res); // vigil-expect
});`,
    },
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
      name: 'handlers keyed by request path: a path starts with a slash, no inherited name does',
      code: `const handlers = { '/': home, '/about': about };
app.use((req, res, next) => {
  if (handlers[req.path]) return handlers[req.path](req, res);
  next();
});`,
    },
    {
      name: 'own-property checks that return, a Map, objects without a prototype',
      code: `const actions = { list() {}, remove() {} };
const bare = Object.create(null);
bare.list = () => {};
const literal = { __proto__: null, list() {} };
const registry = new Map([['list', () => {}]]);
app.post('/a', (req, res) => {
  const a = req.query.a;
  if (!Object.hasOwn(actions, a)) return res.status(404).end();
  actions[a](req, res);
});
app.post('/b', (req, res) => {
  const a = req.query.a;
  if (!Object.prototype.hasOwnProperty.call(actions, a)) throw new Error('no such action');
  actions[a](req, res);
});
app.post('/c', (req, res) => {
  const a = req.query.a;
  if (!bare[a]) return res.end();
  bare[a](req, res);
  if (a in literal) literal[a](req, res);
});
app.post('/d', (req, res) => {
  const a = req.query.a;
  if (!registry.has(a)) return res.end();
  actions[a](req, res);
});`,
    },
    {
      name: 'a name equal to one made from the elements of a list of the program',
      code: `const SKINS = ['dark', 'light'];
app.get('/skin', (req, res, next) => {
  const target = req.query.skin;
  const found = SKINS.find((s) => \`client-\${s}\` === target);
  if (!found) return next();
  builders[target](res);
});
app.get('/b', (req, res) => {
  const a = req.query.a;
  if (SKINS.some((s) => s === a)) builders[a](res);
  if (SKINS.findIndex((s) => s === a) === -1) return res.end();
  builders[a](res);
});`,
    },
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
