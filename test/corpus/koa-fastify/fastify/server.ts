import Fastify from 'fastify';
import pug from 'pug';
import libxmljs from 'libxmljs';
import { Buffer } from 'node:buffer';

const fastify = Fastify();
const MAX_BYTES = 1 << 20;

fastify.get('/hello', async (request, reply) => {
  const { name } = request.query as { name: string };
  reply.type('text/html').send(`<p>Hello ${name}</p>`); // vuln: js/reflected-xss
});

fastify.get('/hello-text', async (request, reply) => {
  reply.send(`Hello ${(request.query as { name: string }).name}`); // safe: js/reflected-xss
});

fastify.post('/render', async (request, reply) => {
  const { template } = request.body as { template: string };
  return pug.render(template); // vuln: js/template-injection
});

fastify.post('/render-file', async (request, reply) => {
  return pug.renderFile('views/card.pug', request.body as object); // safe: js/template-injection
});

fastify.post('/xml', async (request, reply) => {
  const xml = String(request.body);
  const doc = libxmljs.parseXml(xml, { noent: true, nonet: true }); // vuln: js/xxe
  const safeDoc = libxmljs.parseXml(xml); // safe: js/xxe
  return { root: doc.root()?.name(), same: safeDoc.root()?.name() };
});

fastify.get('/blob/:size', async (request, reply) => {
  const size = Number((request.params as { size: string }).size);
  const blob = Buffer.alloc(size); // vuln: js/resource-exhaustion
  if (size > MAX_BYTES) return reply.code(413).send();
  return Buffer.alloc(size); // safe: js/resource-exhaustion
});

fastify.get('/log', async (request, reply) => {
  request.log.info('search ' + (request.query as { q: string }).q); // vuln: js/log-injection
  request.log.info({ q: (request.query as { q: string }).q }, 'search'); // safe: js/log-injection
  return { ok: true, len: blob(0) };
});

function blob(n: number) {
  return Buffer.alloc(n);
}

fastify.listen({ port: 3002, host: '127.0.0.1' });
