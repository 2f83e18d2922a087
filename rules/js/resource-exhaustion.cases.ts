import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'a size read from a message that is text',
      code: `import { WebSocketServer } from 'ws';
new WebSocketServer({ port: 1234 }).on('connection', (socket) => {
  socket.on('message', (data: string) => {
    handle(new Uint8Array(JSON.parse(data).size)); // vigil-expect
  });
});`,
    },
    {
      name: 'Buffer.alloc with a query size',
      code: `app.get('/blob', (req, res) => {
  res.send(Buffer.alloc(Number(req.query.size))); // vigil-expect
});`,
    },
    {
      name: 'repeat count from the body',
      code: `app.post('/pad', (req, res) => {
  const { width } = req.body;
  res.send('-'.repeat(width)); // vigil-expect
});`,
    },
    {
      name: 'new Array from a route param',
      code: `router.get('/grid/:n', (ctx) => { ctx.body = new Array(parseInt(ctx.params.n, 10)).fill(0); }); // vigil-expect`,
    },
    {
      name: 'a timer whose delay the client chooses',
      code: `const { setTimeout: wait } = require('timers');
app.post('/remind', (req, res) => {
  const after = Number(req.body.afterMs);
  setTimeout(() => notify(req.user, req.body.text), after); // vigil-expect
  wait(() => res.end(), req.query.delay); // vigil-expect
});`,
    },
  ],
  valid: [
    {
      name: 'a message declared as bytes is copied, not counted',
      code: `import { WebSocketServer } from 'ws';
new WebSocketServer({ port: 1234 }).on('connection', (socket) => {
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    handle(new Uint8Array(data));
  });
});`,
    },
    {
      name: 'a count read from a store by a key from the request: the stored value, not the key',
      code: `import Keyv from 'keyv';
const cache = new Keyv();
app.get('/pad/:id', async (req, res) => {
  const head = await cache.get('pad:' + req.params.id);
  res.json(Array(head + 1).fill(0));
});`,
    },
    {
      name: 'a timer delay clamped, or fixed while the callback uses request data',
      code: `const express = require('express');
const app = express();
app.post('/remind', (req, res) => {
  setTimeout(() => notify(req.body.text), Math.min(Number(req.body.afterMs) || 0, 60_000));
  setTimeout(() => res.json({ echo: req.body.text }), 250);
  setInterval(poll, 5000, req.query.id);
});`,
    },
    {
      name: 'a timer in browser code whose delay a page or a response chooses: the tab waits on itself',
      code: `export async function flash(message) {
  const delay = new URLSearchParams(window.location.search).get('flashMs');
  setTimeout(() => message.remove(), Number(delay));
  const { ttl } = await (await fetch('/api/notice')).json();
  setTimeout(() => message.remove(), ttl);
}`,
    },
    {
      name: 'clamped with Math.min',
      code: `app.get('/b', (req, res) => { res.send(Buffer.alloc(Math.min(Number(req.query.size) || 0, 4096))); });`,
    },
    {
      name: 'rejected above a limit',
      code: `const MAX = 1000;
app.get('/b', (req, res) => {
  const n = Number(req.query.n);
  if (n > MAX) return res.sendStatus(413);
  res.send('x'.repeat(n));
});`,
    },
    { name: 'constant size', code: `app.get('/b', (req, res) => { res.send(Buffer.alloc(1024)); });` },
    {
      name: 'repeat of a constant count on input text',
      code: `app.get('/b', (req, res) => { res.json(String(req.query.s).repeat(2)); });`,
    },
  ],
} satisfies RuleCases;
