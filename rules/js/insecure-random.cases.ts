import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'a React state named for an index, bound by array destructuring',
      filename: 'Welcome.tsx',
      code: `import { useState } from 'react';
export function Welcome() {
  const [welcomeMsgIndex] = useState(Math.floor(Math.random() * 4));
  return welcomeMsgIndex;
}`,
    },
    {
      name: 'random bytes reduced evenly: a power of two, randomInt, a 32-bit value, an unknown alphabet',
      code: `import crypto from 'node:crypto';
const HEX = '0123456789abcdef';
const bytes = crypto.randomBytes(16);
let id = '';
for (const b of bytes) id += HEX[b % HEX.length];
const die = crypto.randomInt(6) + 1;
const words = new Uint32Array(4);
crypto.getRandomValues(words);
const pick = words[0] % 62;
export const choose = (alphabet: string) => alphabet[bytes[0] % alphabet.length];`,
    },
    {
      name: 'modulo of bytes that are not random',
      code: `const zeros = new Uint8Array(8);
const checksum = zeros[0] % 7;
const header = Buffer.from('abc')[1] % 10;`,
    },
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
      name: "a class's own Math field, read through this",
      code: `export class Dice {
  Math = { random: () => 0.5 };
  roll() { const token = this.Math.random(); return token; }
}`,
    },
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
      name: "the global Math reached through a script's this, or a local accessor returning it",
      code: `const token = this.Math.random(); // vigil-expect
function rng() { return Math; }
const sessionSecret = rng().random(); // vigil-expect`,
    },
    {
      name: 'a React state named for a token, bound by array destructuring',
      filename: 'Invite.tsx',
      code: `import { useState } from 'react';
export function Invite() {
  const [inviteToken] = useState(Math.random().toString(36).slice(2)); // vigil-expect
  return inviteToken;
}`,
    },
    {
      name: 'crypto bytes modulo an alphabet length that does not divide 256',
      code: `const crypto = require('crypto');
const CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function password(n) {
  const bytes = crypto.randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += CHARSET[bytes[i] % CHARSET.length]; // vigil-expect
  return out;
}
const digit = crypto.randomBytes(1).readUInt8(0) % 10; // vigil-expect`,
    },
    {
      name: 'getRandomValues in the browser, filled in place or returned, through map and for-of',
      code: `const arr = new Uint8Array(12);
window.crypto.getRandomValues(arr);
export const code = Array.from(arr, (b) => (b % 36).toString(36)).join(''); // vigil-expect
const pin = [...crypto.getRandomValues(new Uint8Array(6))].map((b) => b % 10).join(''); // vigil-expect
const SYMBOLS = ['!', '#', '%'];
for (const v of crypto.getRandomValues(new Uint16Array(2))) use(SYMBOLS[v % SYMBOLS.length]); // vigil-expect`,
    },
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
