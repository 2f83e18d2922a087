import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'search filter from a body field',
      code: `app.post('/lookup', (req, res) => {
  client.search('ou=people,dc=example,dc=com', { filter: '(uid=' + req.body.user + ')', scope: 'sub' }, () => {}); // vigil-expect
});`,
    },
    {
      name: 'bind DN from the login form',
      code: `app.post('/login', (req, res) => {
  ldap.bind(\`uid=\${req.body.user},ou=people,dc=example,dc=com\`, req.body.password, () => {}); // vigil-expect
});`,
    },
    {
      name: 'filter variable',
      code: `router.get('/u', (ctx) => {
  const filter = \`(mail=\${ctx.query.mail})\`;
  client.search('dc=example,dc=com', { filter }, () => {}); // vigil-expect
});`,
    },
  ],
  valid: [
    {
      name: 'constant filter',
      code: `app.get('/all', (req, res) => { client.search('dc=example,dc=com', { filter: '(objectClass=person)' }, () => {}); });`,
    },
    {
      name: 'validated user name',
      code: `app.post('/login', (req, res) => {
  const user = req.body.user;
  if (!/^[a-z0-9._-]+$/.test(user)) return res.sendStatus(400);
  ldap.bind('uid=' + user + ',dc=example,dc=com', req.body.password, () => {});
});`,
    },
    {
      name: 'Function.prototype.bind',
      code: `app.get('/x', (req, res) => { handler.bind(null, req.query.x); });`,
    },
    {
      name: 'array search method',
      code: `app.get('/x', (req, res) => { results.search(req.query.q); });`,
    },
  ],
} satisfies RuleCases;
