import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'new RegExp of a query parameter',
      code: `app.get('/search', (req, res) => {
  const re = new RegExp(req.query.q, 'i'); // vigil-expect
  res.json(items.filter((i) => re.test(i.name)));
});`,
    },
    {
      name: 'String.prototype.match with a body field',
      code: `app.post('/v', (req, res) => {
  const ok = req.body.text.match(req.body.pattern); // vigil-expect
});`,
    },
    {
      name: 'pattern from the URL in the browser',
      code: `const term = new URLSearchParams(location.search).get('filter') ?? '';
const rx = RegExp('^' + term); // vigil-expect`,
    },
  ],
  valid: [
    {
      name: 'escaped with lodash',
      code: `import _ from 'lodash';
app.get('/s', (req, res) => { new RegExp(_.escapeRegExp(req.query.q)); });`,
    },
    {
      name: 'escaped with replace',
      code: `app.get('/s', (req, res) => { new RegExp(String(req.query.q).replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&')); });`,
    },
    { name: 'literal pattern', code: `app.get('/s', (req, res) => { req.query.q.match(/^[a-z]+$/); });` },
    {
      name: 'includes instead of a regex',
      code: `app.get('/s', (req, res) => { names.filter((n) => n.includes(req.query.q)); });`,
    },
  ],
} satisfies RuleCases;
