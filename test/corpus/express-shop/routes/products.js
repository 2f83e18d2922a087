const express = require('express');
const db = require('../lib/db');
const { thumbnail, diskUsage, archive, archiveNamed } = require('../lib/shell');

const router = express.Router();

router.get('/products/:id', async (req, res) => {
  const rows = await db.findProduct(req.params.id); // vuln: js/sql-injection
  res.json(rows);
});

router.get('/products/:id/safe', async (req, res) => {
  res.json(await db.findProductSafe(req.params.id)); // safe: js/sql-injection
});

router.get('/products/by-number/:id', async (req, res) => {
  res.json(await db.findProduct(Number(req.params.id))); // safe: js/sql-injection
});

router.get('/search', async (req, res) => {
  const { q } = req.query;
  res.json(await db.searchByName(q)); // vuln: js/sql-injection
});

router.get('/sorted', async (req, res) => {
  res.json(await db.listSorted(req.query.sort)); // safe: js/sql-injection
});

router.post('/thumbnail', (req, res) => {
  thumbnail(req.body.file); // vuln: js/command-injection
  res.sendStatus(204);
});

router.get('/usage', (req, res) => {
  res.send(String(diskUsage())); // safe: js/command-injection
});

router.post('/archive', (req, res) => {
  archive(req.body.name); // safe: js/command-injection; vuln: js/argument-injection
  res.sendStatus(202);
});

router.post('/archive/named', (req, res) => {
  archiveNamed(req.body.name); // safe: js/argument-injection
  res.sendStatus(202);
});

router.get('/count', async (req, res) => {
  res.json(await db.countAll());
});

// A tag's trailing blanks: quadratic on a long run of spaces that does not end the string.
router.get('/tags', (req, res) => {
  const tag = String(req.query.tag).replace(/\s+$/, ''); // vuln: js/polynomial-redos
  const trimmed = String(req.query.tag).trimEnd(); // safe: js/polynomial-redos
  res.json({ tag, trimmed });
});

router.post('/products/import', (req, res) => {
  const rows = req.body;
  let imported = 0;
  while (imported < rows.length) imported++; // vuln: js/loop-bound-injection
  res.json({ imported });
});

module.exports = router;
