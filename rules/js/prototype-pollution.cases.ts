import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'nested write with keys from the body',
      code: `const settings: Record<string, any> = {};
app.post('/settings', (req, res) => {
  const { section, key, value } = req.body;
  settings[section][key] = value; // vigil-expect
});`,
    },
    {
      name: 'lodash merge of the request body',
      code: `import _ from 'lodash';
app.put('/profile', (req, res) => {
  _.merge(req.session.profile, req.body); // vigil-expect
});`,
    },
    {
      name: 'lodash set with a path from the query',
      code: `const { set } = require('lodash');
router.post('/cfg', (ctx) => { set(config, ctx.query.path, ctx.request.body.v); }); // vigil-expect`,
    },
  ],
  valid: [
    {
      name: 'dangerous keys rejected',
      code: `const settings: Record<string, any> = {};
app.post('/s', (req, res) => {
  const { section, key, value } = req.body;
  if (section === '__proto__' || key === '__proto__' || key === 'constructor' || key === 'prototype') return res.sendStatus(400);
  settings[section][key] = value;
});`,
    },
    {
      name: 'merge of constant objects',
      code: `import _ from 'lodash';
const config = _.merge({}, { a: 1 }, { b: 2 });`,
    },
    {
      name: 'single-level write',
      code: `app.post('/s', (req, res) => { const counts: Record<string, number> = {}; counts[req.body.k] = 1; });`,
    },
    {
      name: 'allow-listed key',
      code: `const KEYS = ['theme', 'lang'];
app.post('/s', (req, res) => {
  const { key } = req.body;
  if (KEYS.includes(key)) prefs[user.id][key] = req.body.value;
});`,
    },
  ],
} satisfies RuleCases;
