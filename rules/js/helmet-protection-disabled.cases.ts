import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    { name: 'defaults', code: `import helmet from 'helmet';\napp.use(helmet());` },
    {
      name: 'configured, not removed',
      code: `import helmet from 'helmet';\napp.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"] } }, hsts: { maxAge: 31536000 } }));`,
    },
    {
      name: 'obsolete XSS auditor off',
      code: `const helmet = require('helmet');\napp.use(helmet({ xssFilter: false }));`,
    },
    {
      name: 'a local helmet and other middlewares',
      code: `function helmet(o) { return o; }\nhelmet({ frameguard: false });\napp.use(cors({ hsts: false }));`,
    },
  ],
  invalid: [
    {
      name: 'CSP off',
      code: `import helmet from 'helmet';\napp.use(helmet({ contentSecurityPolicy: false })); // vigil-expect`,
    },
    {
      name: 'frameguard off through a constant',
      code: `const helmet = require('helmet');\nconst opts = { frameguard: false, noSniff: false };\napp.use(helmet(opts)); // vigil-expect`,
    },
    {
      name: 'hsts off through Object.assign',
      code: `import helmet from 'helmet';\napp.use(helmet(Object.assign({}, base, { hsts: false }))); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
