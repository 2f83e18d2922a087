import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'util.format with a body field',
      code: `import util from 'util';
app.post('/msg', (req, res) => {
  res.json({ text: util.format(req.body.template, req.user.name) }); // vigil-expect
});`,
    },
    {
      name: 'named import',
      code: `import { format } from 'node:util';
app.get('/m', (req, res) => { res.json(format('' + req.query.f, 1)); }); // vigil-expect`,
    },
    {
      name: 'through a variable',
      code: `const util = require('util');
router.get('/m', (ctx) => { const f = ctx.query.f; ctx.body = { m: util.format(f) }; }); // vigil-expect`,
    },
  ],
  valid: [
    {
      name: 'constant format',
      code: `import util from 'util'; app.post('/m', (req, res) => { util.format('%s said %s', req.user, req.body.text); });`,
    },
    {
      name: 'JSON-encoded',
      code: `import util from 'util'; app.post('/m', (req, res) => { util.format(JSON.stringify(req.body.t)); });`,
    },
    { name: 'no untrusted data', code: `import util from 'util'; util.format('%d items', 3);` },
    {
      name: 'a local format',
      code: `function format(s: string) { return s; } app.post('/m', (req, res) => { format(req.body.t); });`,
    },
  ],
} satisfies RuleCases;
