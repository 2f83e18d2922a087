import type { DraftFinding, Location } from '../../core/finding.ts';
import type { SastRuleMeta } from '../rule.ts';
import { offsetLocator } from '../source-text.ts';
import { findSecrets, type SecretMatch } from './find.ts';
import { isTestFile } from '../test-files.ts';

/** Rule metadata of secrets found by the plain-text scan (config files, keys, image layers). */
export const SECRET_TEXT_RULE: SastRuleMeta = {
  id: 'secret/hardcoded-secret',
  kind: 'secret',
  title: 'Hard-coded secret',
  severity: 'critical',
  cwe: ['CWE-798'],
  owasp: ['A07:2021-Identification and Authentication Failures'],
  help:
    'A credential of a well-known format (cloud key, GitHub/Slack/Stripe/npm token, private key…) ' +
    'is stored in a file. Anyone who can read the repository or image can use it. Revoke and rotate ' +
    'it, then load it at run time from a secret store or the environment, e.g. ' +
    '`const token = process.env.GITHUB_TOKEN`. vigil never prints the value: it is masked where found.',
  fixHint: 'Revoke the credential, rotate it, and read it from a secret store or environment variable.',
};

const TEXT_NAMES =
  /(^|\/)(\.env(\.[\w.-]+)?|\.npmrc|\.pypirc|\.netrc|\.git-credentials|credentials|Dockerfile|docker-compose\.ya?ml|id_rsa|id_dsa|id_ecdsa|id_ed25519)$/i;
const TEXT_EXTENSIONS =
  /\.(json|jsonc|ya?ml|toml|ini|cfg|conf|config|properties|env|pem|key|p8|crt|xml|txt|md|sh|bash|zsh|ps1|py|rb|go|java|kt|php|cs|tf|tfvars|hcl|gradle|sql|html?|vue|svelte)$/i;

/** Files worth a text scan for secrets (JS/TS sources are covered by the AST rule instead). */
export function isSecretTextFile(path: string): boolean {
  return TEXT_NAMES.test(path) || TEXT_EXTENSIONS.test(path);
}

/** Location of a secret match; its snippet is the masked value, never the source line. */
export function secretLocation(
  path: string,
  match: SecretMatch,
  locate: ReturnType<typeof offsetLocator>,
): Location {
  const start = locate(match.start);
  const end = locate(match.end);
  return {
    path,
    startLine: start.line,
    startColumn: start.column,
    endLine: end.line,
    endColumn: end.column,
    snippet: match.masked,
  };
}

export function secretMessage(match: SecretMatch): string {
  const tail = match.expired ? ' (expired: it opens nothing unless the server skips the expiry check)' : '';
  return `${match.detector.name} hard-coded: ${match.masked}${tail}`;
}

/**
 * An expired credential is a look (low), not a leak. A private key among tests (medium) signs or
 * serves only what trusts it, a test server's certificate as a rule; a cloud or service token
 * opens its account wherever it was committed, so those keep their precision there.
 */
export function secretPrecision(match: SecretMatch, path: string): { precision?: 'low' | 'medium' } {
  if (match.expired) return { precision: 'low' };
  return match.detector.id === 'private-key' && isTestFile(path) ? { precision: 'medium' } : {};
}

export function secretProperties(match: SecretMatch): Record<string, unknown> {
  return { detector: match.detector.id, masked: match.masked };
}

/**
 * Scan any text (a config file, a key file, a file from an image layer) for secrets of known
 * formats, in one pass. Every finding carries only the masked value.
 */
export function scanTextForSecrets(path: string, text: string): DraftFinding[] {
  const matches = findSecrets(text);
  if (matches.length === 0) return [];
  const locate = offsetLocator(text);
  return matches.map((match) => ({
    ruleId: SECRET_TEXT_RULE.id,
    kind: 'secret',
    severity: match.detector.severity,
    title: SECRET_TEXT_RULE.title,
    message: secretMessage(match),
    location: secretLocation(path, match, locate),
    cwe: SECRET_TEXT_RULE.cwe,
    owasp: SECRET_TEXT_RULE.owasp,
    fix: { description: SECRET_TEXT_RULE.fixHint! },
    properties: secretProperties(match),
    ...secretPrecision(match, path),
  }));
}
