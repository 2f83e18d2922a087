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

/** A key file named for a development host or a sample: `localhost.pem`, `dev-key.pem`, `example.key`. */
const SAMPLE_KEY_FILE =
  /(?:^|[._-])(?:localhost|dev|development|test|example|sample|dummy|fake|snakeoil)(?:[._-]|$)/i;
/** A comment saying the value beside it is no credential: `// randomly generated, not real`. */
const NOT_REAL = /\/\/.*|\/\*.*|^\s*\*.*|(?:^|\s)#\s.*/;
const NOT_REAL_WORDS =
  /\b(?:not (?:a )?real|fake|dummy|placeholder|randomly generated|example (?:token|key))\b/i;

/**
 * An expired credential is a look (low), not a leak. A private key among tests or in a file named
 * for localhost or a sample (medium) signs or serves only what trusts it, a test server's
 * certificate as a rule; a cloud or service token opens its account wherever it was committed, so
 * those keep their precision there, unless a comment on its line or the line before says it is
 * not real (`text`: the file's, when known).
 */
export function secretPrecision(
  match: SecretMatch,
  path: string,
  text?: string,
): { precision?: 'low' | 'medium' } {
  if (match.expired) return { precision: 'low' };
  if (
    match.detector.id === 'private-key' &&
    (isTestFile(path) || SAMPLE_KEY_FILE.test(path.slice(path.lastIndexOf('/') + 1)))
  )
    return { precision: 'medium' };
  return text !== undefined && saidNotReal(text, match.start) ? { precision: 'medium' } : {};
}

/** Does a comment on the line of `offset`, or on the line before, say the value is not real? */
function saidNotReal(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const previousStart = lineStart > 0 ? text.lastIndexOf('\n', lineStart - 2) + 1 : lineStart;
  const lineEnd = text.indexOf('\n', offset);
  const lines = text.slice(previousStart, lineEnd === -1 ? text.length : lineEnd).split('\n');
  return lines.some((line) => NOT_REAL_WORDS.test(NOT_REAL.exec(line)?.[0] ?? ''));
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
    ...secretPrecision(match, path, text),
  }));
}
