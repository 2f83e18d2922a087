const express = require('express');
const accounts = require('../lib/accounts');

const router = express.Router();

router.get('/accounts/:id/statement', async (req, res) => {
  if (req.cookies.accountId !== req.params.id) return res.sendStatus(403); // vuln: js/user-controlled-bypass
  res.json(await accounts.statement(req.params.id));
});

router.post('/accounts/close', async (req, res) => {
  const owner = req.get('x-account-owner');
  if (req.headers['x-account-owner'] === req.body.account && owner) { // vuln: js/user-controlled-bypass
    await accounts.close(req.body.account);
  }
  res.end();
});

router.post('/accounts/transfer', async (req, res) => {
  if (req.body.csrf !== req.cookies.csrf) return res.sendStatus(403); // safe: js/user-controlled-bypass
  if (req.session.accountId !== req.params.id) return res.sendStatus(403); // safe: js/user-controlled-bypass
  await accounts.transfer(req.session.accountId, Number(req.body.amount));
  res.end();
});

module.exports = router;
