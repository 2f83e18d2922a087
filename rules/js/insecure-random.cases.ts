import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'jitter and delay',
      code: `const delay = base * 2 ** attempt + Math.random() * 100;\nconst jitter = Math.random();`,
    },
    {
      name: 'React list key',
      filename: 'a.jsx',
      code: `export const L = ({ xs }) => xs.map((x) => <li key={Math.random()}>{x}</li>);`,
    },
    {
      name: 'crypto for the token',
      code: `import crypto from 'crypto';\nconst token = crypto.randomBytes(32).toString('hex');`,
    },
    {
      name: 'shuffle',
      code: `export function shuffle<T>(a: T[]) { return a.sort(() => Math.random() - 0.5); }`,
    },
    { name: 'own Math object', code: `const Math = { random: () => 4 };\nconst token = Math.random();` },
    {
      name: 'request correlation id',
      code: `const requestId = Math.random().toString(36).substring(2, 15);\nconst elementId = 'el-' + Math.random();`,
    },
    { name: 'color', code: `const randomColor = '#' + Math.floor(Math.random() * 0xffffff).toString(16);` },
    {
      name: 'pseudoRandomBytes of something that is not crypto',
      code: `const cryptos = makeRng();\ncryptos.pseudoRandomBytes(4);\nfunction rng() { return cryptos; }\nrng().pseudoRandomBytes(2);`,
    },
  ],
  invalid: [
    {
      name: 'pseudoRandomBytes through an accessor, destructured, or passed on',
      code: `import crypto from 'node:crypto';\nfunction c() { return crypto; }\nc().pseudoRandomBytes(16); // vigil-expect\nconst { pseudoRandomBytes } = require('crypto');\npseudoRandomBytes(8); // vigil-expect\nconst gen = crypto.pseudoRandomBytes; // vigil-expect`,
    },
    {
      name: 'session token',
      code: `const sessionToken = Math.random().toString(36).slice(2); // vigil-expect`,
    },
    {
      name: 'id generator function',
      code: `export function generateId() {\n  return Math.floor(Math.random() * 1e9).toString(16); // vigil-expect\n}`,
    },
    {
      name: 'password reset and salt properties',
      code: `const user = {\n  resetCode: Math.random().toString(36).substring(2, 8), // vigil-expect\n  salt: String(Math.random()), // vigil-expect\n};`,
    },
    {
      name: 'api key assignment and pseudoRandomBytes',
      code: `import crypto from 'crypto';\nlet apiKey: string;\napiKey = 'k_' + Math.random(); // vigil-expect\nconst nonce = crypto.pseudoRandomBytes(16); // vigil-expect`,
    },
    {
      name: 'a value nothing names: an audit finding',
      code: `Math.random(); // vigil-expect\nconst value = Math.random(); // vigil-expect\nexport const pick = (xs) => xs[Math.floor(Math.random() * xs.length)]; // vigil-expect`,
    },
  ],
} satisfies RuleCases;
