import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'a password-reset link from req.host',
      code: `app.post('/forgot', async (req, res) => {
  const link = 'https://' + req.host + '/reset/' + token; // vigil-expect
  await mailer.sendMail({ to: req.body.email, text: link });
});`,
    },
    {
      name: 'forwarded host header, Koa context and a template literal',
      code: `router.post('/invite', async (ctx) => {
  const origin = ctx.request.headers['x-forwarded-host'];
  const url = \`https://\${origin}/join?code=\${code}\`; // vigil-expect
  const html = "<a href='http://" + ctx.host + "/join'>join</a>"; // vigil-expect
});`,
    },
    {
      name: 'req.get(host) and req.headers.host',
      code: `function verifyLink(req, token) {
  const a = 'http://' + req.get('Host') + '/verify/' + token; // vigil-expect
  return a + '|' + \`http://\${req.headers.host}/v\`; // vigil-expect
}`,
    },
  ],
  valid: [
    {
      name: 'a configured origin',
      code: `app.post('/forgot', (req, res) => {
  const link = process.env.PUBLIC_ORIGIN + '/reset/' + token;
  const other = new URL('/reset/' + token, config.origin).href;
});`,
    },
    {
      name: 'request data only after a fixed host',
      code: `app.get('/', (req, res) => {
  const a = 'https://example.com/' + req.host + '/x';
  const b = 'https://' + req.query.host + '/x';
  const c = \`https://cdn.example.com/\${req.hostname}.png\`;
});`,
    },
    {
      name: 'a variable declared after its use, and a host from a constant',
      code: `app.get('/', function (req, res) {
  var x = 'https://' + z + '/reset';
  var z = req.host;
  const site = 'example.com';
  var y = 'https://' + site + '/reset';
});`,
    },
    {
      name: 'a host header read not used in a URL',
      code: `app.use((req, res, next) => {
  if (req.host !== 'example.com') return res.sendStatus(421);
  log('host ' + req.hostname);
  next();
});`,
    },
  ],
} satisfies RuleCases;
