import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'a stack sent only in development',
      code: `app.use((err, req, res, next) => {
  const body = { code: err.status, message: err.message, ...(config.env === 'development' && { stack: err.stack }) };
  res.status(err.status).send(body);
  res.json({ trace: process.env.NODE_ENV === 'production' ? undefined : err.stack });
  if (app.get('env') !== 'production') res.send(err.stack);
  if (!isProd) res.end(err.stack);
});`,
    },
    {
      name: 'the stack is logged and the client gets a message',
      code: `app.get('/report', async (req, res) => {
  try {
    res.send(await build(req.query.id));
  } catch (err) {
    console.error(err.stack);
    res.status(500).send('Could not build the report: ' + err.message);
  }
});`,
    },
    {
      name: 'a stack that is not a caught error',
      code: `app.get('/undo', (req, res) => {
  const stack = history.stack;
  res.json({ depth: stack.length, top: editor.stack });
});`,
    },
    {
      name: 'error middleware sending a code and a message',
      code: `app.use((err, req, res, next) => {
  logger.error({ err, path: req.path });
  res.status(err.status || 500).json({ error: err.code, message: 'Something went wrong' });
});`,
    },
    {
      name: 'Koa and a promise catch that keep the stack on the server',
      code: `koa.use(async (ctx, next) => {
  try { await next(); } catch (e) { ctx.app.emit('error', e.stack, ctx); ctx.body = { error: e.message }; }
});
router.get('/x', (req, res) => load().catch((e) => { audit(e.stack); res.sendStatus(500); }));`,
    },
    {
      name: 'Hono: onError logs the stack and answers with a message',
      code: `import { Hono } from 'hono';
const app = new Hono();
app.onError((err, c) => {
  console.error(err.stack);
  return c.text('Internal Server Error', 500);
});`,
    },
  ],
  invalid: [
    {
      name: 'a stack kept out of production only by a test that does not name the environment',
      code: `app.use((err, req, res, next) => {
  res.status(500).send({ message: err.message, ...(req.query.debug && { stack: err.stack }) }); // vigil-expect
});`,
    },
    {
      name: 'a catch block writes the stack',
      code: `const http = require('http');
http.createServer((req, res) => {
  try {
    route(req, res);
  } catch (e) {
    res.statusCode = 500;
    res.end(e.stack); // vigil-expect
  }
}).listen(8080);`,
    },
    {
      name: 'Express error middleware, inline and declared',
      code: `app.use((err, req, res, next) => {
  res.status(500).json({ message: err.message, trace: err.stack }); // vigil-expect
});
function onError(error, request, response, next) {
  const detail = error.stack;
  response.send('<pre>' + detail + '</pre>'); // vigil-expect
}
app.use(onError);`,
    },
    {
      name: "a promise's catch callback and Koa",
      code: `router.get('/items', (req, res) => {
  load(req.query.page).then((items) => res.json(items)).catch((e) => res.send(e.stack)); // vigil-expect
});
koa.use(async (ctx, next) => {
  try { await next(); } catch (failure) { ctx.body = failure.stack; } // vigil-expect
});`,
    },
    {
      name: "Hono: the stack in onError's JSON, and in a handler's catch",
      code: `import { Hono } from 'hono';
const app = new Hono();
app.onError((err, c) => c.json({ message: err.message, stack: err.stack }, 500)); // vigil-expect
app.get('/report', async (c) => {
  try {
    return c.json(await build(c.req.query('id')));
  } catch (e) {
    return c.text(e.stack, 500); // vigil-expect
  }
});`,
    },
  ],
} satisfies RuleCases;
