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
  ],
  invalid: [
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
