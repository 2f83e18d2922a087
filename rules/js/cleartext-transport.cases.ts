import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'a base that only parses the served request target',
      code: `http.createServer((req, res) => {
  const { pathname, searchParams } = new URL(req.url, 'http://unused.internal');
  route(pathname, searchParams, res);
});
app.use((req, res, next) => { req.parsed = new URL(req.originalUrl, 'http://base'); next(); });`,
    },
    {
      name: 'encrypted schemes and loopback',
      code: `fetch('https://api.acme.io/v1/items');\nconst ws = new WebSocket('wss://push.acme.io');\nconst dev = 'http://localhost:3000/api';\nconst local = \`http://127.0.0.1:\${port}/health\`;`,
    },
    {
      name: 'namespaces, schemas and documentation domains',
      code: `el.setAttributeNS('http://www.w3.org/1999/xlink', 'href', v);\nconst schema = { $schema: 'http://json-schema.org/draft-07/schema#' };\njwt.verify(t, k, { issuer: 'http://auth.acme.io', algorithms: ['RS256'] });\nconst doc = 'http://www.example.com/path';\nconst svc = 'http://orders.test/api';`,
    },
    {
      name: 'prose mentioning a scheme',
      code: `const help = 'Addresses may start with http:// or https://';\nthrow new Error(\`expected an https URL, got \${u}\`);`,
    },
    {
      name: 'xmlns attribute in JSX',
      filename: 'icon.tsx',
      code: `export const Icon = () => <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8" />;`,
    },
    {
      name: 'gRPC with TLS, and an insecure channel to loopback',
      code: `const grpc = require('@grpc/grpc-js');\nnew Client(address, grpc.credentials.createSsl(ca));\nnew Client('localhost:50051', grpc.credentials.createInsecure());`,
    },
    {
      name: 'a plain GET of, or a redirect to, a constant address',
      code: `request('http://feeds.acme.io/rss', (err, res, body) => parse(body));\nres.redirect(301, 'http://old.acme.io/');\naxios.get('http://status.acme.io/');`,
    },
    {
      name: 'test files are fixtures',
      filename: 'test/client.test.ts',
      code: `await fetch('http://api.acme.io/items');`,
    },
  ],
  invalid: [
    {
      name: 'a cleartext base a request is sent to',
      code: `const api = new URL('/v1/orders', 'http://orders.acme.io'); // vigil-expect
await fetch(api, { method: 'POST', body: JSON.stringify(order) });`,
    },
    {
      name: 'cleartext URLs given to clients',
      code: `await fetch('http://api.acme.io/v1/items', { method: 'POST', body }); // vigil-expect\naxios.post(\`http://\${host}/orders/\${id}\`, order); // vigil-expect\nconst sock = new WebSocket('ws://push.acme.io'); // vigil-expect\nneedle('put', 'http://api.acme.io/x', data); // vigil-expect\nrequest('http://api.acme.io/me', { auth: { bearer: token } }); // vigil-expect`,
    },
    {
      name: 'endpoints in configuration and bare literals',
      code: `export const config = {\n  apiBaseUrl: 'http://api.acme.io', // vigil-expect\n};\nconst mirror = 'HTTP://mirror.acme.io/pkg'; // vigil-expect\nconst FTP_MIRROR = \`ftp://files.acme.io/\${name}\`; // vigil-expect`,
    },
    {
      name: 'JSX attribute',
      filename: 'page.tsx',
      code: `export const P = () => <img src="http://cdn.acme.io/logo.png" />; // vigil-expect`,
    },
    {
      name: 'insecure gRPC client and server',
      code: `const grpc = require('grpc');\nconst client = new proto.Books(addr, grpc.credentials.createInsecure()); // vigil-expect\nserver.bind('0.0.0.0:50051', grpc.ServerCredentials.createInsecure()); // vigil-expect\nconst { credentials } = require('@grpc/grpc-js');\nconst creds = fallback() || credentials.createInsecure(); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
