import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'an explicit allow-list',
      code: `import cors from 'cors';\napp.use(cors({ origin: ['https://app.acme.io'], credentials: true }));\nres.setHeader('Access-Control-Allow-Origin', 'https://app.acme.io');`,
    },
    {
      name: 'an origin callback that checks',
      code: `const cors = require('cors');\napp.use(cors({ origin: (o, cb) => cb(null, ALLOWED.has(o)), credentials: true }));\napp.use(cors({ origin(o, cb) { if (ok(o)) cb(null, true); else cb(new Error('no')); }, credentials: true }));`,
    },
    {
      name: 'options from configuration, and a variable origin header',
      code: `import cors from 'cors';\napp.use(cors(config.cors));\nres.set('Access-Control-Allow-Origin', allowed);\nres.writeHead(200, { 'Access-Control-Allow-Origin': 'https://a.acme.io' });`,
    },
    {
      name: 'a local cors helper and other headers set to *',
      code: `function cors() { return (req, res, next) => next(); }\napp.use(cors());\nres.set('Access-Control-Allow-Headers', '*');\nconst m = new Map();\nm.set('access-control-allow-origin', 'x');`,
    },
    {
      name: 'anchored regexes, label-bounded suffixes and allow-list checks in callbacks',
      code: `import cors from 'cors';
app.use(cors({ origin: /^https:\\/\\/([a-z0-9-]+\\.)?acme\\.io$/, credentials: true }));
app.use(cors({ origin: [/\\.acme\\.io$/, 'https://acme.io'], credentials: true }));
app.use(cors({ origin: (o, cb) => cb(null, !o || o.endsWith('.acme.io')), credentials: true }));
app.use(cors({ origin(o, cb) { if (o && TRUSTED.includes(o)) return cb(null, true); cb(new Error('no')); }, credentials: true }));
app.use(cors({ origin: (o, cb) => cb(null, /^https:\\/\\/(a|b)\\.acme\\.io$/.test(o)), credentials: true }));`,
    },
    {
      name: 'NestJS, fastify and Koa with fixed origins',
      code: `import { NestFactory } from '@nestjs/core';
import fastifyCors from '@fastify/cors';
import koaCors from '@koa/cors';
const app = await NestFactory.create(AppModule, { cors: { origin: ['https://acme.io'], credentials: true } });
fastify.register(fastifyCors, { origin: 'https://acme.io', credentials: true });
koa.use(koaCors({ origin: 'https://acme.io', credentials: true }));
koa.use(koaCors({ origin: (ctx) => (TRUSTED.has(ctx.get('Origin')) ? ctx.get('Origin') : ''), credentials: true }));
fastify.register(somePlugin, { origin: true, credentials: true });`,
    },
  ],
  invalid: [
    {
      name: 'origin callbacks that echo the origin or test it loosely, with credentials (high)',
      code: `import cors from 'cors';
import koaCors from '@koa/cors';
app.use(cors({ origin: (origin, cb) => cb(null, origin), credentials: true })); // vigil-expect
app.use(cors({
  origin(o, cb) {
    if (!o || o.endsWith('acme.io')) return cb(null, true); // vigil-expect
    cb(new Error('blocked'));
  },
  credentials: true,
}));
app.use(cors({ origin: (o, cb) => cb(null, !o || o.includes('acme.io')), credentials: true })); // vigil-expect
app.use(cors({ origin: (o, cb) => cb(null, o.indexOf('acme.io') !== -1), credentials: true })); // vigil-expect
koa.use(koaCors({ origin: (ctx) => ctx.get('Origin'), credentials: true })); // vigil-expect`,
    },
    {
      name: "loose regexes and the 'null' origin",
      code: `import cors from 'cors';
app.use(cors({ origin: /acme\\.io/, credentials: true })); // vigil-expect
app.use(cors({ origin: [/acme\\.io$/, 'https://app.acme.io'], credentials: true })); // vigil-expect
app.use(cors({ origin: /^https:\\/\\/app.acme\\.io$/, credentials: true })); // vigil-expect
app.use(cors({ origin: 'null', credentials: true })); // vigil-expect
app.use(cors({ origin: ['https://app.acme.io', 'null'], credentials: true })); // vigil-expect
app.enableCors({ origin: /acme\\.io/, credentials: true }); // vigil-expect
app.use(cors({ origin: /acme\\.io/ })); // vigil-expect`,
    },
    {
      name: 'NestFactory, fastify and @koa/cors (credentials with the default origin reflects)',
      code: `import { NestFactory } from '@nestjs/core';
import fastifyCors from '@fastify/cors';
import koaCors from '@koa/cors';
const app = await NestFactory.create(AppModule, { cors: { origin: true, credentials: true } }); // vigil-expect
const app2 = await NestFactory.create(AppModule, { cors: true }); // vigil-expect
fastify.register(fastifyCors, { origin: true, credentials: true }); // vigil-expect
fastify.register(fastifyCors, { origin: (origin, cb) => cb(null, true), credentials: true }); // vigil-expect
koa.use(koaCors({ credentials: true })); // vigil-expect`,
    },
    {
      name: 'any origin with credentials (high)',
      code: `import cors from 'cors';\napp.use(cors({ origin: true, credentials: true })); // vigil-expect\nconst opts = { origin: (origin, cb) => cb(null, true), credentials: true }; // vigil-expect\napp.use(cors(opts));`,
    },
    {
      name: 'wildcard set by hand (low)',
      code: `res.setHeader('Access-Control-Allow-Origin', '*'); // vigil-expect\nconst any = '*';\nctx.set('access-control-allow-origin', any); // vigil-expect\nres.writeHead(200, {\n  'Content-Type': 'application/json',\n  'Access-Control-Allow-Origin': '*', // vigil-expect\n});`,
    },
    {
      name: 'cors() defaults, NestJS and next.config headers (low)',
      code: `const cors = require('cors');\napp.options('*', cors()); // vigil-expect\napp.enableCors({ origin: '*' }); // vigil-expect\nconst headers = [{ key: 'Access-Control-Allow-Origin', value: '*' }]; // vigil-expect`,
    },
  ],
} satisfies RuleCases;
