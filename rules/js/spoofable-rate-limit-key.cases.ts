import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: "trust proxy set to the hops of one's own proxy",
      code: `import rateLimit from 'express-rate-limit';
app.set('trust proxy', 1);
app.use(rateLimit({ limit: 100 }));
api.set('trust proxy', ['loopback', '10.0.0.0/8']);`,
    },
    {
      name: 'keyed by req.ip behind trusted proxies',
      code: `import rateLimit from 'express-rate-limit';
app.set('trust proxy', 1);
app.use('/login', rateLimit({ windowMs: 60_000, limit: 10, keyGenerator: (req) => req.ip }));`,
    },
    {
      name: 'keyed by the account or an API key',
      code: `const rateLimit = require('express-rate-limit');
const limiter = rateLimit({
  keyGenerator(req) {
    return String(req.body.username).toLowerCase();
  },
});
const api = rateLimit({ keyGenerator: (req) => req.get('Authorization') ?? req.ip });`,
    },
    {
      name: 'a forwarding header read elsewhere, for a log line',
      code: `import rateLimit from 'express-rate-limit';
app.use(rateLimit({ limit: 100 }));
app.use((req, res, next) => { log(req.headers['x-forwarded-for']); next(); });`,
    },
    {
      name: "another library's keyGenerator",
      code: `import { cache } from './cache';\ncache({ keyGenerator: (req) => req.headers['x-forwarded-for'] });`,
    },
  ],
  invalid: [
    {
      name: 'every proxy trusted: req.ip is the header, the default key and a mixed-case read alike',
      code: `import rateLimit from 'express-rate-limit';
app.enable('trust proxy');
app.use('/login', rateLimit({ windowMs: 60_000, limit: 5 })); // vigil-expect
app.use('/reset', rateLimit({
  limit: 100,
  keyGenerator ({ headers, ip }) { return headers['X-Forwarded-For'] ?? ip }, // vigil-expect
}));`,
    },
    {
      name: 'X-Forwarded-For in a method shorthand',
      code: `import rateLimit from 'express-rate-limit';
app.use('/rest/user/reset-password', rateLimit({
  windowMs: 5 * 60 * 1000,
  max: 100,
  keyGenerator ({ headers, ip }) { return headers['x-forwarded-for'] ?? ip }, // vigil-expect
}));`,
    },
    {
      name: 'X-Real-IP through req.get, in express-slow-down',
      code: `const slowDown = require('express-slow-down');
app.use(slowDown({
  delayAfter: 5,
  keyGenerator: (req) => req.get('X-Real-IP') || req.ip, // vigil-expect
}));`,
    },
    {
      name: 'koa-ratelimit keyed by the Forwarded header',
      code: `import ratelimit from 'koa-ratelimit';
app.use(ratelimit({ driver: 'memory', db: new Map(), id: (ctx) => ctx.request.headers['forwarded'] })); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
