import express, { type Request, type Response } from 'express';
import path from 'node:path';
import fs from 'node:fs';
import escapeHtml from 'escape-html';
import { bold, toSlug } from '../lib/format.ts';

export const pages = express.Router();
const PUBLIC = path.join(process.cwd(), 'public');

pages.get('/hello', (req: Request, res: Response) => {
  res.send('<h1>Hello ' + req.query.name + '</h1>'); // vuln: js/reflected-xss
});

pages.get('/hello-safe', (req: Request, res: Response) => {
  res.send('<h1>Hello ' + escapeHtml(String(req.query.name)) + '</h1>'); // safe: js/reflected-xss
});

pages.get('/title/:t', (req, res) => {
  res.send(bold(req.params.t)); // vuln: js/reflected-xss
});

pages.get('/slug/:t', (req, res) => {
  res.json({ slug: toSlug(req.params.t) }); // safe: js/reflected-xss
});

pages.get('/echo', (req, res) => {
  res.send({ echo: req.query.msg }); // safe: js/reflected-xss
});

pages.get('/files/:name', (req, res) => {
  res.sendFile(path.join(PUBLIC, req.params.name)); // vuln: js/path-traversal
});

pages.get('/files-safe/:name', (req, res) => {
  res.sendFile(req.params.name, { root: PUBLIC }); // safe: js/path-traversal
});

pages.get('/download', (req, res) => {
  const file = path.resolve(PUBLIC, String(req.query.file));
  if (!file.startsWith(PUBLIC + path.sep)) {
    return res.sendStatus(403);
  }
  res.download(file); // safe: js/path-traversal
});

pages.get('/raw', (req, res) => {
  const name = req.query.name as string;
  fs.readFile(`/srv/docs/${name}`, 'utf8', (err, text) => res.type('text/plain').send(text)); // vuln: js/path-traversal
});

pages.get('/raw-basename', (req, res) => {
  fs.readFile(path.join('/srv/docs', path.basename(String(req.query.name))), () => res.end()); // safe: js/path-traversal
});

pages.get('/view', (req, res) => {
  res.render(req.query.template as string, { user: req.query.user }); // vuln: js/path-traversal
});

pages.get('/view-safe', (req, res) => {
  res.render('profile', { user: req.query.user }); // safe: js/path-traversal
});

pages.get('/go', (req, res) => {
  res.redirect(req.query.next as string); // vuln: js/open-redirect
});

pages.get('/go-local', (req, res) => {
  const next = String(req.query.next ?? '/');
  if (next.startsWith('/') && !next.startsWith('//')) {
    return res.redirect(next); // safe: js/open-redirect
  }
  res.redirect('/');
});

pages.get('/profile/:user', (req, res) => {
  res.redirect('/users/' + encodeURIComponent(req.params.user)); // safe: js/open-redirect
});

pages.get('/legacy', (req, res) => {
  res.writeHead(301, { Location: req.query.to }); // vuln: js/open-redirect
  res.end();
});

pages.get('/export', (req, res) => {
  res.writeHead(200, { 'Content-Disposition': `attachment; filename="${req.query.name}"` }); // vuln: js/header-injection
  res.end();
});
