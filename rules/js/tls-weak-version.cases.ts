import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'modern minimum',
      code: `import https from 'node:https';\nconst agent = new https.Agent({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' });`,
    },
    {
      name: 'modern method name and a version from configuration',
      code: `tls.connect({ host, port, secureProtocol: 'TLS_method', minVersion: cfg.minTls });`,
    },
    {
      name: 'a version that is not TLS',
      code: `const api = { minVersion: '1.0.0', maxVersion: 'v2' };\nconst schema = { protocol: 'TLSv1' };`,
    },
    {
      name: 'database ssl with a strong floor',
      code: `new Sequelize(db, user, pw, { dialect: 'postgres', dialectOptions: { ssl: { minVersion: 'TLSv1.3' } } });`,
    },
  ],
  invalid: [
    {
      name: 'minVersion too low',
      code: `import tls from 'node:tls';\ntls.connect({\n  host,\n  minVersion: 'TLSv1', // vigil-expect\n});\nconst opts = { minVersion: 'TLSv1.1' }; // vigil-expect`,
    },
    {
      name: 'weak secureProtocol methods',
      code: `https.request({ host, secureProtocol: 'SSLv3_method' }); // vigil-expect\nconst A = 'TLSv1_1_client_method';\nnew https.Agent({ secureProtocol: A }); // vigil-expect`,
    },
    {
      name: 'database ssl options and a capped maxVersion',
      code: `new Sequelize(db, user, pw, {\n  dialectOptions: { ssl: { minVersion: 'TLSv1' } }, // vigil-expect\n});\nconst server = tls.createServer({ key, cert, maxVersion: 'TLSv1.1' }); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
