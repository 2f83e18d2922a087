import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'writeHead with the origin echoed',
      code: `http.createServer((req, res) => {
  res.writeHead(200, { 'Access-Control-Allow-Origin': req.headers.origin }); // vigil-expect
  res.end('ok');
});`,
    },
    {
      name: 'Origin header echoed',
      code: `app.use((req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin); // vigil-expect
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
});`,
    },
    {
      name: 'Koa with ctx.get',
      code: `app.use(async (ctx, next) => { ctx.set('Access-Control-Allow-Origin', ctx.get('Origin')); await next(); }); // vigil-expect`,
    },
    {
      name: 'through a variable with a fallback',
      code: `app.use((req, res, next) => {
  const origin = req.get('origin') || '*';
  res.header('Access-Control-Allow-Origin', origin); // vigil-expect
  next();
});`,
    },
    {
      name: 'headers object given to res.set',
      code: `app.use((req, res, next) => {
  res.set({ 'Access-Control-Allow-Origin': req.headers.origin, 'Access-Control-Allow-Credentials': 'true' }); // vigil-expect
  next();
});`,
    },
    {
      name: 'Hono middleware echoing the Origin header',
      code: `import { createMiddleware } from 'hono/factory';
export const corsAll = createMiddleware(async (c, next) => {
  await next();
  c.header('Access-Control-Allow-Origin', c.req.header('Origin') ?? '*'); // vigil-expect
  c.header('Access-Control-Allow-Credentials', 'true');
});`,
    },
  ],
  valid: [
    {
      name: 'headers object with a fixed origin, and other headers from the request',
      code: `app.use((req, res, next) => {
  res.set({ 'Access-Control-Allow-Origin': 'https://app.example.com', 'X-Request-Id': req.get('x-request-id') });
  res.set(req.query.name, 'x');
  next();
});`,
    },
    {
      name: 'allow-listed origin',
      code: `const ALLOWED = new Set(['https://app.example.com']);
app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (ALLOWED.has(origin)) res.setHeader('Access-Control-Allow-Origin', origin);
  next();
});`,
    },
    {
      name: 'fixed origin',
      code: `app.use((req, res, next) => { res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com'); next(); });`,
    },
    {
      name: 'wildcard without credentials',
      code: `app.use((req, res, next) => { res.set('Access-Control-Allow-Origin', '*'); next(); });`,
    },
    {
      name: 'another header from the origin',
      code: `app.use((req, res, next) => { res.setHeader('Vary', 'Origin'); next(); });`,
    },
    {
      name: 'Hono middleware with an allow-listed origin',
      code: `import { Hono } from 'hono';
const ORIGINS = ['https://app.example.com', 'https://admin.example.com'];
const app = new Hono();
app.use(async (c, next) => {
  await next();
  const origin = c.req.header('Origin');
  if (origin && ORIGINS.includes(origin)) c.header('Access-Control-Allow-Origin', origin);
});`,
    },
  ],
} satisfies RuleCases;
