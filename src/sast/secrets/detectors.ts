import { crc32 } from 'node:zlib';
import type { Severity } from '../../core/severity.ts';
import { looksLikePlaceholder, shannonEntropy } from './entropy.ts';

/**
 * One well-known credential format. `pattern` is a regex source without capturing groups of its
 * own (they are combined into one alternation); `secretGroup`-style extraction is done by
 * `extract`. `validate` drops matches that have the shape but not the substance (bad checksum,
 * low entropy, placeholders). Formats follow the providers' documentation and secretlint's
 * recommended preset; the code is ours.
 */
export interface SecretDetector {
  id: string;
  name: string;
  severity: Severity;
  pattern: string;
  /** The public, non-secret prefix a mask may keep. */
  prefix?: (value: string) => string;
  /** Keep no trailing characters in the mask (their tail is a fixed footer, not a hint). */
  noTail?: boolean;
  /** The secret part of the match (defaults to the whole match). */
  extract?: (match: string) => { offset: number; value: string };
  validate?: (value: string) => boolean;
  /** Context that makes a match harmless, judged on the text just before it. */
  harmlessAfter?: RegExp;
  /** A value that can no longer authenticate (an expired token): reported at low precision. */
  expired?: (value: string, now: number) => boolean;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(n: number, width: number): string {
  let out = '';
  let v = n;
  while (v > 0) {
    out = BASE62[v % 62]! + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub's and npm's token formats end in a base62 CRC32 of the 30 random characters
 * (github.blog 2021-04-05 "Behind GitHub's new authentication token formats"), so a token-shaped
 * string with a wrong checksum is not a token.
 */
export function hasTokenChecksum(token: string, prefixLength: number): boolean {
  const body = token.slice(prefixLength, -6);
  return base62(crc32(body), 6) === token.slice(-6);
}

/** A token with a valid checksum for `prefix` (e.g. `ghp_`), for tests that need a real-looking one. */
export function withTokenChecksum(prefix: string, random30: string): string {
  return `${prefix}${random30}${base62(crc32(random30), 6)}`;
}

function random(minEntropy: number): (value: string) => boolean {
  return (value) => !looksLikePlaceholder(value) && shannonEntropy(value) >= minEntropy;
}

const fixedPrefix = (n: number) => (value: string) => value.slice(0, n);

/** `key = "value"` style assignments: the value is the secret, the key gives it meaning. */
function assignedValue(match: string): { offset: number; value: string } {
  const m = /[=:]\s*\\?["'`]?/.exec(match);
  const start = m ? m.index + m[0].length : 0;
  return { offset: start, value: match.slice(start) };
}

export const DETECTORS: SecretDetector[] = [
  {
    id: 'aws-access-key-id',
    name: 'AWS access key id',
    // An id alone grants nothing without its secret key.
    severity: 'medium',
    // Presigned S3 URLs carry the id by design.
    harmlessAfter: /(X-Amz-Credential=|AWSAccessKeyId=)$/,
    pattern: String.raw`\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b`,
    prefix: fixedPrefix(4),
    validate: (v) => !looksLikePlaceholder(v) && shannonEntropy(v.slice(4)) >= 2.5,
  },
  {
    id: 'aws-secret-access-key',
    name: 'AWS secret access key',
    severity: 'critical',
    pattern: String.raw`(?:aws_?|AWS_?)?(?:secret_?access_?key|SECRET_?ACCESS_?KEY|secretAccessKey|SecretAccessKey)\\?["'\x60]?\s*[:=]\s*\\?["'\x60]?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])`,
    extract: assignedValue,
    validate: random(4.0),
  },
  {
    id: 'gcp-api-key',
    name: 'Google API key',
    severity: 'high',
    pattern: String.raw`\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])`,
    prefix: fixedPrefix(4),
    validate: (v) => random(3.5)(v.slice(4)),
  },
  {
    id: 'azure-storage-key',
    name: 'Azure storage account key',
    severity: 'critical',
    pattern: String.raw`AccountKey=[A-Za-z0-9+/]{86}==`,
    extract: (m) => ({ offset: 'AccountKey='.length, value: m.slice('AccountKey='.length) }),
    validate: random(4.5),
  },
  {
    id: 'github-token',
    name: 'GitHub token',
    severity: 'critical',
    pattern: String.raw`\bgh[pousr]_[A-Za-z0-9]{36}\b`,
    prefix: fixedPrefix(4),
    validate: (v) => hasTokenChecksum(v, 4),
  },
  {
    id: 'github-fine-grained-pat',
    name: 'GitHub fine-grained personal access token',
    severity: 'critical',
    pattern: String.raw`\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b`,
    prefix: fixedPrefix(11),
    validate: (v) => random(4.0)(v.slice(11)),
  },
  {
    id: 'slack-token',
    name: 'Slack token',
    severity: 'high',
    pattern: String.raw`\bxox(?:a|b|p|o|s|r)-(?:\d+-)+[A-Za-z0-9]{8,}\b`,
    prefix: fixedPrefix(5),
    validate: (v) => random(3.0)(v.slice(v.lastIndexOf('-') + 1)),
  },
  {
    id: 'slack-webhook',
    name: 'Slack incoming webhook URL',
    severity: 'high',
    pattern: String.raw`https://hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,}`,
    prefix: () => 'https://hooks.slack.com/services/',
    validate: (v) => random(3.0)(v.slice(v.lastIndexOf('/') + 1)),
  },
  {
    id: 'stripe-live-key',
    name: 'Stripe live secret key',
    severity: 'critical',
    pattern: String.raw`\b(?:sk|rk)_live_[0-9A-Za-z]{24,99}\b`,
    prefix: fixedPrefix(8),
    validate: (v) => random(3.5)(v.slice(8)),
  },
  {
    id: 'private-key',
    name: 'Private key',
    severity: 'critical',
    // Bounded body that cannot run over another `-----BEGIN`/`-----END` marker, so each header
    // scans only up to the next marker: repeated unterminated headers stay linear.
    pattern: String.raw`-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s\\:,]|-(?!----[A-Z])){64,12000}?-----END (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----`,
    prefix: (v) => v.slice(0, v.indexOf('-----', 5) + 5),
    noTail: true,
    validate: (v) => {
      const body = v.slice(v.indexOf('-----', 5) + 5, v.indexOf('-----END'));
      const b64 = body.replace(/\\[nr]|\s|(?:Proc-Type|DEK-Info):[^\n\\]*/g, '');
      return b64.length >= 64 && !looksLikePlaceholder(b64) && shannonEntropy(b64) >= 4.5;
    },
  },
  {
    id: 'npm-token',
    name: 'npm access token',
    severity: 'critical',
    pattern: String.raw`\bnpm_[A-Za-z0-9]{36}\b`,
    prefix: fixedPrefix(4),
    validate: (v) => hasTokenChecksum(v, 4),
  },
  {
    id: 'sendgrid-api-key',
    name: 'SendGrid API key',
    severity: 'high',
    pattern: String.raw`\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])`,
    prefix: fixedPrefix(3),
    validate: (v) => random(4.0)(v.slice(3)),
  },
  {
    id: 'twilio-api-key',
    name: 'Twilio API key',
    severity: 'high',
    pattern: String.raw`\bSK[0-9a-f]{32}\b`,
    prefix: fixedPrefix(2),
    // 32 hex digits: ~3.75 bits a character on average, rarely under 3.
    validate: (v) => random(3.0)(v.slice(2)),
  },
  {
    id: 'openai-api-key',
    name: 'OpenAI API key',
    severity: 'high',
    // Legacy and project keys embed "T3BlbkFJ" (base64 of "OpenAI"). A key starts where a run of
    // key characters starts (not at any `\b`, which `-` gives inside the run): otherwise every
    // `sk-` of a run like `sk-sk-sk-…` rescans the run, quadratic in its length.
    pattern: String.raw`(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}`,
    prefix: (v) => /^sk-(?:proj-|svcacct-|admin-)?/.exec(v)![0],
    validate: (v) => random(4.0)(v),
  },
  {
    id: 'anthropic-api-key',
    name: 'Anthropic API key',
    severity: 'high',
    pattern: String.raw`\bsk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,110}(?![A-Za-z0-9_-])`,
    prefix: (v) => v.slice(0, v.indexOf('-', 7) + 1),
    validate: (v) => random(4.0)(v.slice(v.indexOf('-', 7) + 1)),
  },
  {
    id: 'google-oauth-client-secret',
    name: 'Google OAuth client secret',
    severity: 'high',
    pattern: String.raw`\bGOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])`,
    prefix: fixedPrefix(7),
    validate: (v) => random(3.5)(v.slice(7)),
  },
  {
    id: 'shopify-token',
    name: 'Shopify access token',
    severity: 'high',
    pattern: String.raw`\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b`,
    prefix: fixedPrefix(6),
    validate: (v) => random(3.0)(v.slice(6)),
  },
  {
    id: 'linear-api-key',
    name: 'Linear API key',
    severity: 'high',
    pattern: String.raw`\blin_api_[A-Za-z0-9]{40}\b`,
    prefix: fixedPrefix(8),
    validate: (v) => random(4.0)(v.slice(8)),
  },
  {
    id: 'database-url-password',
    name: 'Database connection string with a password',
    severity: 'high',
    // scheme://user:password@host — the password is the secret; local development hosts are not.
    pattern: String.raw`\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver)://[^\s:@/'"\x60]{1,64}:[^\s@/'"\x60]{8,128}@(?!localhost\b|127\.0\.0\.1\b|0\.0\.0\.0\b|host\.docker\.internal\b)[A-Za-z0-9.-]+`,
    extract: (m) => {
      const start = m.indexOf(':', m.indexOf('://') + 3) + 1;
      return { offset: start, value: m.slice(start, m.lastIndexOf('@')) };
    },
    validate: (v) => !v.startsWith('$') && !looksLikePlaceholder(v) && shannonEntropy(v) >= 3.0,
  },
  {
    id: 'jwt',
    name: 'JSON Web Token',
    severity: 'medium',
    // Starts where a run of base64url starts, for the reason given for OpenAI keys (`eyJ-eyJ-…`).
    pattern: String.raw`(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}`,
    prefix: () => 'eyJ',
    validate: (v) => {
      const text = Buffer.from(v.slice(0, v.indexOf('.')), 'base64url')
        .toString('utf8')
        .trim();
      // Most near-misses are cut short: refuse them without the cost of a thrown parse error.
      if (!text.startsWith('{') || !text.endsWith('}')) return false;
      try {
        const header = JSON.parse(text) as unknown;
        return typeof header === 'object' && header !== null && 'alg' in header && !looksLikePlaceholder(v);
      } catch {
        return false;
      }
    },
    // Every JWT library checks `exp` by default: a token past it (API docs' examples) opens nothing.
    expired: (v, now) => {
      const payload = v.split('.')[1] ?? '';
      try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
        return typeof claims.exp === 'number' && claims.exp * 1000 < now;
      } catch {
        return false;
      }
    },
  },
];
