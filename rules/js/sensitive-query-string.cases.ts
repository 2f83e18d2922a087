import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'the credential comes in a POST body or a header',
      code: `app.post('/session', (req, res) => { signIn(req.body.username, req.body.password, res); });
app.get('/me', (req, res) => { res.json(whoIs(req.headers.authorization)); });`,
    },
    {
      name: 'a one-time token from an e-mailed link, and fields about a password',
      code: `router.get('/verify-email', async (req, res) => { await verify(req.query.token); res.redirect('/'); });
router.get('/password-rules', (req, res) => res.json(rules(req.query.passwordPolicy, req.query.resetPassword)));`,
    },
    {
      name: 'getters and HTTP clients named get',
      code: `const pwd = settings.get('password', fallback);
http.get(endpoint, (res) => res.query && res.query.password);
const env = app.get('env');`,
    },
    {
      name: 'a query read outside any route, and a hashed or length-only field',
      code: `function parse(req) { return req.query.password; }
app.get('/strength', (req, res) => res.json({ ok: req.query.passwordLength > 11, hash: req.query.passwordHash }));`,
    },
  ],
  invalid: [
    {
      name: 'a POST route and a middleware taking the credential from the URL all the same',
      code: `app.post('/login', (req, res) => check(req.query.password)); // vigil-expect
app.use((req, res, next) => {
  if (!keys.has(req.query.apiKey)) return res.sendStatus(401); // vigil-expect
  next();
});`,
    },
    {
      name: 'Express GET handlers reading a password or key from the query',
      code: `app.get('/login', (req, res) => {
  const ok = checkPassword(req.query.user, req.query.password); // vigil-expect
  res.send(ok ? 'welcome' : 'no');
});
function feed(req, res) {
  const { apiKey, page } = req.query; // vigil-expect
  res.json(items(apiKey, page));
}
router.get('/feed', auth, feed);`,
    },
    {
      name: 'Koa and router.route',
      code: `router.get('export', '/export', async (ctx) => {
  ctx.body = await exportAll(ctx.request.query.access_token); // vigil-expect
});
router.route('/hook').get((request, reply) => reply.send(run(request.query.secret))); // vigil-expect`,
    },
    {
      name: 'NestJS: a query parameter of a @Get method (a @Body one is fine)',
      code: `class AccountsController {
  @Get('unlock')
  unlock(@Query('passcode') passcode: string) { // vigil-expect
    return this.accounts.unlock(passcode);
  }
  @Post('unlock')
  unlockPost(@Body('passcode') passcode: string) {
    return this.accounts.unlock(passcode);
  }
}`,
    },
  ],
} satisfies RuleCases;
