import type { RuleCases } from '../../src/sast/rule.ts';
import { sampleSecrets } from '../../src/sast/secrets/samples.ts';

// Generated at load time: no credential-shaped literal is committed.
const awsKeyId = sampleSecrets()['aws-access-key-id'];

export default {
  valid: [
    {
      name: 'value from another variable',
      code: `FROM node:20\nARG NPM_TOKEN_FILE\nENV DB_PASSWORD=\${DB_PASSWORD_FROM_BUILD}`,
    },
    { name: 'harmless names', code: `FROM node:20\nENV NODE_ENV=production PORT=8080 TOKEN_TTL=3600` },
    {
      name: 'empty and placeholder values',
      code: `FROM node:20\nENV API_KEY="" \\\n    DB_PASSWORD=changeme-in-production`,
    },
    {
      name: 'secret mount instead',
      code: `FROM node:20\nRUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci`,
    },
    { name: 'ARG with a non-secret name and no value', code: `FROM node:20\nARG VERSION\nARG BUILD_DATE` },
  ],
  invalid: [
    { name: 'password literal', code: `FROM postgres:16\nENV POSTGRES_PASSWORD=s3cr3t-Pa55 # vigil-expect` },
    {
      name: 'legacy form and continuation',
      code: `FROM node:20\nENV NODE_ENV=production \\\n    STRIPE_API_KEY=live_9fQ2mX7pL1vR8kT3 # vigil-expect\nENV ADMIN_TOKEN t0k3n-value-abc # vigil-expect`,
    },
    {
      name: 'ARG default and ARG to be filled',
      code: `FROM node:20\nARG GITHUB_TOKEN # vigil-expect\nARG CLIENT_SECRET=abcd1234efgh # vigil-expect`,
    },
    {
      name: 'known key format under any name',
      code: `FROM alpine:3.20\nENV AWS_ID=${awsKeyId} # vigil-expect`,
    },
  ],
} satisfies RuleCases;
