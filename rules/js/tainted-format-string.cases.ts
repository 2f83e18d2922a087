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
    {
      name: 'a console call whose first argument joins request text, with more arguments after it',
      code: `app.post('/report', (req, res) => {
  console.warn('rejected upload from ' + req.body.owner, req.ip); // vigil-expect
  console.error(\`\${req.query.tag}: failed\`, new Error('quota')); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'util.formatWithOptions reads its format after the options',
      code: `const util = require('util');
app.get('/m', (req, res) => {
  res.json({ m: util.formatWithOptions({ colors: false }, req.query.f, 1) }); // vigil-expect
});`,
    },
  ],
  valid: [
    {
      name: 'a console call with request text alone, or as a later argument',
      code: `app.post('/report', (req, res) => {
  console.warn('rejected upload from ' + req.body.owner);
  console.warn('rejected upload from %s', req.body.owner, req.ip);
  res.end();
});`,
    },
    {
      name: 'util.formatWithOptions with request data in its options only',
      code: `const util = require('util');
app.get('/m', (req, res) => {
  res.json({ m: util.formatWithOptions({ depth: Number(req.query.d) }, '%d rows', 3) });
});`,
    },
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
