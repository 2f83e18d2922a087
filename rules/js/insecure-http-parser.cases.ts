import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    { name: 'the strict default', code: `http.createServer({ keepAliveTimeout: 5000 }, app).listen(80);` },
    { name: 'explicitly strict', code: `http.request({ host, insecureHTTPParser: false });` },
    {
      name: 'a setting read from configuration',
      code: `http.createServer({ insecureHTTPParser: cfg.lenient }, app);`,
    },
    {
      name: 'a name that is not the option',
      code: `const insecureHTTPParser = true;\nlog({ parser: 'insecureHTTPParser' });`,
    },
  ],
  invalid: [
    {
      name: 'a server that accepts malformed requests',
      code: `const http = require('http');\nhttp.createServer({ insecureHTTPParser: true }, handler).listen(8080); // vigil-expect`,
    },
    {
      name: 'a client request and an agent',
      code: `import https from 'node:https';\nhttps.get(url, { insecureHTTPParser: true }, onResponse); // vigil-expect\nconst LENIENT = true;\nconst opts = { host, insecureHTTPParser: LENIENT }; // vigil-expect`,
    },
    {
      name: 'in a framework factory',
      code: `const fastify = require('fastify')({ http: { insecureHTTPParser: 1 } }); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
