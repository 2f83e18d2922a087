import express from 'express';
import { Pool } from 'pg';
import { Orders } from '../services/index.ts';

export const orders = express.Router();
const pool = new Pool();
const repo = new Orders(pool);

class Filters {
  private status = 'open';

  constructor(private readonly raw: string) {}

  clause() {
    return `status = '${this.raw}'`;
  }

  fixed() {
    return `status = '${this.status}'`;
  }
}

orders.get('/orders', async (req, res) => {
  const filters = new Filters(req.query.status as string);
  const rows = await pool.query('SELECT * FROM orders WHERE ' + filters.clause()); // vuln: js/sql-injection
  const open = await pool.query('SELECT * FROM orders WHERE ' + filters.fixed()); // safe: js/sql-injection
  res.json({ rows, open });
});

orders.get('/orders/:id', (req, res) => {
  pool
    .query('SELECT * FROM orders WHERE id = $1', [req.params.id])
    .then((result) => res.json(result.rows)) // safe: js/reflected-xss
    .catch(() => res.sendStatus(500));
});

orders.get('/orders/echo/:id', (req, res) => {
  Promise.resolve(req.params.id)
    .then((id) => id?.trim())
    .then((id) => res.send(`<p>order ${id!}</p>`)); // vuln: js/reflected-xss
});

orders.post('/orders/tags', (req, res) => {
  const tags: string[] = req.body.tags ?? [];
  const html = tags.map((t) => `<li>${t}</li>`).join('');
  res.send(`<ul>${html}</ul>`); // vuln: js/reflected-xss
  res.send(`<ul>${tags.length}</ul>`); // safe: js/reflected-xss
});

orders.get('/orders/report', (req, res) => {
  repo.remember(req.query.filter as string); // vuln: js/sql-injection (stored in a field, run later by rerun())
  res.json({ ok: true });
});
