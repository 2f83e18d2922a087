import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'a cookie taken for the user, tested against the profile the URL names',
      code: `const express = require('express');
const app = express();
app.get('/accounts/:id', (req, res) => {
  if (req.cookies.account === req.params.id) { // vigil-expect
    return res.json(loadAccount(req.params.id));
  }
  res.sendStatus(403);
});`,
    },
    {
      name: 'a header named as the caller, tested against a body field',
      code: `app.post('/orders/cancel', (req, res) => {
  const caller = req.headers['x-customer'];
  if (!(caller == req.body.customer)) return res.sendStatus(403); // vigil-expect
  cancelOrder(req.body.order);
  res.end();
});`,
    },
    {
      name: 'Koa: the cookie read with ctx.cookies.get() against a route parameter',
      code: `const Router = require('@koa/router');
const router = new Router();
router.delete('/notes/:owner/:note', async (ctx) => {
  const uid = ctx.cookies.get('uid');
  if (uid === ctx.params.owner) await removeNote(ctx.params.note); // vigil-expect
});`,
    },
  ],
  valid: [
    {
      name: 'a double-submit CSRF token matched against its cookie',
      code: `app.post('/transfer', (req, res) => {
  if (req.body._csrf !== req.cookies.csrfToken) return res.sendStatus(403);
  res.end();
});`,
    },
    {
      name: "OAuth's state matched against the cookie set before the redirect",
      code: `app.get('/oauth/callback', (req, res) => {
  if (req.query.state !== req.cookies.oauth_state) return res.sendStatus(400);
  res.redirect('/');
});`,
    },
    {
      name: 'the session user and a signed cookie tested against the URL',
      code: `app.put('/users/:id', (req, res) => {
  if (req.session.userId !== req.params.id) return res.sendStatus(403);
  if (req.signedCookies.user === req.query.user) audit(req.query.user);
  res.json(save(req.body));
});`,
    },
    {
      name: 'two request parts checked for consistency, and Origin against Host',
      code: `app.put('/items/:id', (req, res) => {
  if (req.body.id !== req.params.id) return res.status(400).send('id mismatch');
  if (req.headers.origin !== req.get('host')) return res.sendStatus(403);
  res.json(save(req.body));
});`,
    },
  ],
} satisfies RuleCases;
