import type { RuleCases } from '../../src/sast/rule.ts';
import { randomChars, sampleSecrets } from '../../src/sast/secrets/samples.ts';

// Synthetic credentials generated at test time (never committed).
const s = sampleSecrets();
const pemAsString = JSON.stringify(s['private-key']);

export default {
  valid: [
    {
      name: 'documented AWS example keys and placeholders',
      code: `const id = 'AKIAIOSFODNN7EXAMPLE';\nconst token = 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';\nconst key = process.env.STRIPE_KEY ?? 'sk_live_your_key_here';`,
    },
    {
      name: 'token-shaped with a wrong checksum',
      code: `const t = 'ghp_${randomChars(36)}';\nconst n = 'npm_${randomChars(36)}';`,
    },
    {
      name: 'read from the environment',
      code: `const gh = process.env.GITHUB_TOKEN;\nconst aws = process.env.AWS_SECRET_ACCESS_KEY;`,
    },
    {
      name: 'a PEM header without a key',
      code: `const marker = '-----BEGIN PRIVATE KEY-----';\nif (pem.startsWith(marker)) parse(pem);`,
    },
    {
      name: 'a JWT fixture in a test file',
      filename: 'test/auth.spec.ts',
      code: `const token = '${s.jwt}';\nexpect(decode(token).sub).toBe('u1');`,
    },
    {
      name: 'identifier shaped like a key is not a string',
      code: `declare const AKIA: number;\nconst x = AKIA;`,
    },
  ],
  invalid: [
    {
      name: 'tokens in strings',
      code: `const gh = '${s['github-token']}'; // vigil-expect\nconst stripe = "${s['stripe-live-key']}"; // vigil-expect\nconst slack = \`${s['slack-token']}\`; // vigil-expect`,
    },
    {
      name: 'cloud keys in a config object',
      code: `export const aws = {\n  accessKeyId: '${s['aws-access-key-id']}', // vigil-expect\n  ${s['aws-secret-access-key']!.replace(' = ', ': ').replace('aws_secret_access_key', 'secretAccessKey')}, // vigil-expect\n  google: '${s['gcp-api-key']}', // vigil-expect\n};`,
    },
    {
      name: 'in a comment and a template',
      code: `// old token: ${s['npm-token']} // vigil-expect\nconst hook = \`${s['slack-webhook']}?x=\${x}\`; // vigil-expect`,
    },
    {
      name: 'a JWT outside tests',
      code: `const session = '${s.jwt}'; // vigil-expect`,
    },
    {
      name: 'a provider key in a test file is still a leak',
      filename: 'test/payments.spec.ts',
      code: `const stripe = '${s['stripe-live-key']}'; // vigil-expect`,
    },
    {
      name: 'private key as a string',
      code: `const key = ${pemAsString}; // vigil-expect\nconst sg = '${s['sendgrid-api-key']}'; // vigil-expect`,
    },
  ],
} satisfies RuleCases;
