import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { withTokenChecksum } from './detectors.ts';

/**
 * Synthetic credentials, one per detector, generated at run time for tests and rule cases: they
 * have the right shape (and checksum) but were never issued, and none is ever committed.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomChars(n: number, alphabet = ALNUM): string {
  let out = '';
  for (const b of randomBytes(n)) out += alphabet[b % alphabet.length];
  return out;
}

export function sampleSecrets(): Record<string, string> {
  const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
    type: 'sec1',
    format: 'pem',
  }) as string;
  return {
    'aws-access-key-id': `AKIA${randomChars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    'aws-secret-access-key': `aws_secret_access_key = "${randomChars(40, ALNUM + '/+')}"`,
    'gcp-api-key': `AIza${randomChars(35)}`,
    'azure-storage-key': `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${randomChars(86, ALNUM + '+/')}==;`,
    'github-token': withTokenChecksum('ghp_', randomChars(30)),
    'github-fine-grained-pat': `github_pat_${randomChars(22)}_${randomChars(59)}`,
    'slack-token': `xoxb-${randomChars(11, '0123456789')}-${randomChars(12, '0123456789')}-${randomChars(24)}`,
    'slack-webhook': `https://hooks.slack.com/services/T${randomChars(8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/B${randomChars(8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/${randomChars(24)}`,
    'stripe-live-key': `sk_live_${randomChars(24)}`,
    'private-key': ecKey.trim(),
    'npm-token': withTokenChecksum('npm_', randomChars(30)),
    'sendgrid-api-key': `SG.${randomChars(22)}.${randomChars(43)}`,
    'twilio-api-key': `SK${randomChars(32, '0123456789abcdef')}`,
    'openai-api-key': `sk-proj-${randomChars(24)}T3BlbkFJ${randomChars(24)}`,
    'anthropic-api-key': `sk-ant-api03-${randomChars(93)}AA`,
    'google-oauth-client-secret': `GOCSPX-${randomChars(28)}`,
    'shopify-token': `shpat_${randomChars(32, '0123456789abcdef')}`,
    'linear-api-key': `lin_api_${randomChars(40)}`,
    'database-url-password': `postgres://app:${randomChars(20)}@db.prod.acme.io:5432/app`,
    jwt: [
      Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'),
      Buffer.from(`{"sub":"${randomChars(8)}","iat":1700000000}`).toString('base64url'),
      randomChars(43),
    ].join('.'),
  };
}
