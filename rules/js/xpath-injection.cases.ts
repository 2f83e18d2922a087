import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'xpath.select with a user name',
      code: `import xpath from 'xpath';
app.post('/login', (req, res) => {
  const nodes = xpath.select("//user[name='" + req.body.name + "']", usersDoc); // vigil-expect
});`,
    },
    {
      name: 'document.evaluate from the hash',
      code: `const id = location.hash.slice(1);
document.evaluate(\`//item[@id='\${id}']\`, document, null, 0, null); // vigil-expect`,
    },
    {
      name: 'select1 through a helper',
      code: `const xpath = require('xpath');
const byId = (id: string) => "//order[@id='" + id + "']";
router.get('/o', (ctx) => { xpath.select1(byId(ctx.query.id), doc); }); // vigil-expect`,
    },
  ],
  valid: [
    { name: 'constant expression', code: `import xpath from 'xpath'; xpath.select('//user', doc);` },
    {
      name: 'numeric id',
      code: `import xpath from 'xpath';
app.get('/o', (req, res) => { xpath.select('//order[@id=' + Number(req.query.id) + ']', doc); });`,
    },
    {
      name: 'validated against a strict pattern',
      code: `import xpath from 'xpath';
app.get('/o', (req, res) => {
  const id = req.query.id;
  if (!/^[a-z0-9]+$/.test(id)) return res.sendStatus(400);
  xpath.select("//order[@id='" + id + "']", doc);
});`,
    },
    {
      name: 'a select method on another object',
      code: `app.get('/o', (req, res) => { menu.select(req.query.item); });`,
    },
  ],
} satisfies RuleCases;
