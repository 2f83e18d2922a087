import express from 'express';
import { AuditLog, findItems, findItemsById, parseInvoice, parseInvoiceSafe } from '../services/index.ts';
import { Invoice } from '../models.ts';

export const invoices = express.Router();
const audit = new AuditLog();

invoices.post('/invoices', express.text({ type: 'application/xml' }), (req, res) => {
  const doc = parseInvoice(req.body); // vuln: js/xxe
  const copy = parseInvoiceSafe(req.body); // safe: js/xxe
  res.json({ root: doc.root()?.name(), copy: copy.root()?.name() });
});

invoices.get('/invoices/items', (req, res) => {
  const sku = req.query.sku as string | undefined;
  const items = findItems(currentDoc(), sku ?? ''); // vuln: js/xpath-injection
  const byId = findItemsById(currentDoc(), Number(req.query.id)); // safe: js/xpath-injection
  res.json({ items, byId });
});

invoices.post('/invoices/note', (req, res) => {
  audit.record(req.body.note, req.ip); // vuln: js/tainted-format-string
  audit.recordSafe(req.body.note); // safe: js/tainted-format-string
  res.sendStatus(204);
});

invoices.post('/invoices/import', async (req, res) => {
  const data = { ...req.body };
  await Invoice.create(data); // vuln: js/mass-assignment
  const { number, total } = req.body;
  await Invoice.create({ number, total: Number(total) }); // safe: js/mass-assignment
  await Invoice.update({ paid: true }, { where: { number: String(number) } }); // safe: js/mass-assignment
  res.sendStatus(201);
});

invoices.get('/invoices/plugin/:name', async (req, res) => {
  const mod = await Promise.resolve(req.params.name).then((name) => require(`../plugins/${name}`)); // vuln: js/tainted-require
  res.json(mod?.describe?.());
});

function currentDoc(): Node {
  return globalThis.document as unknown as Node;
}
