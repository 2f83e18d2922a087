import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'a sentinel a query string carries',
      code: `if (!newPassword || newPassword === 'undefined' || token === 'null') reject();`,
    },
    {
      name: 'presence and type checks',
      code: `if (token === undefined || token == null) throw e;\nif (typeof secret === 'string' && password !== '') go();\nif (password.length === 0) fail();`,
    },
    {
      name: 'constant-time comparison',
      code: `import { timingSafeEqual } from 'node:crypto';\nconst ok = timingSafeEqual(Buffer.from(sig), Buffer.from(expected));`,
    },
    {
      name: 'form confirmation and names that are not secrets',
      code: `if (password !== confirmPassword) showError();\nif (tokenType === 'Bearer') parse();\nif (hashAlgorithm === 'sha256') ok();`,
    },
    {
      name: 'unrelated comparisons',
      code: `if (name === 'test') a = 1;\nif ('test' === key) b = 2;\nif (age === 5) c = 3;`,
    },
  ],
  invalid: [
    {
      name: 'token against the stored one',
      code: `export function isAuthenticated(user, token) {\n  const correctToken = tokens.get(user);\n  return token === correctToken; // vigil-expect\n}`,
    },
    {
      name: 'signatures and hashes',
      code: `if (req.headers['x-signature'] !== expectedSignature) deny(); // vigil-expect\nreturn hash === derived.toString('base64'); // vigil-expect`,
    },
    {
      name: 'password against a literal or a member',
      code: `if (password == 'mypass') grant(); // vigil-expect\nif (user.password === req.body.password) login(); // vigil-expect\nif (apiKey !== process.env.API_KEY) deny(); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
