import { argDeclarations, envDeclarations, positionOf } from '../../src/iac/dockerfile/parse.ts';
import { defineDockerfileRule } from '../../src/iac/rule.ts';
import { findSecrets, maskSecret } from '../../src/sast/secrets/index.ts';
import { looksLikePlaceholder } from '../../src/sast/secrets/entropy.ts';

/** Names that say the value is a credential: `DB_PASSWORD`, `NPM_TOKEN`, `API_KEY`, `CLIENT_SECRET`. */
const SECRET_NAME =
  /(^|_)(PASSWORD|PASSWD|PASS|PASSPHRASE|TOKEN|SECRET|SECRET_KEY|SECRET_ACCESS_KEY|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH)$/i;

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/secret-in-env',
    kind: 'config',
    title: 'Secret in ENV or ARG',
    severity: 'high',
    cwe: ['CWE-798', 'CWE-538'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      'Values given with `ENV` are stored in the image config and `ARG` values in its build history: ' +
      'anyone who can pull the image can read them with `docker history` or `docker inspect`, even ' +
      'from a later stage. vigil flags ENV/ARG whose name says credential (`*_TOKEN`, `*_PASSWORD`, ' +
      '`*_SECRET`, `API_KEY`…) with a literal value, any value of a known secret format, and ARGs named ' +
      'like a secret that a build would fill in. Use a build secret mounted only for the step that ' +
      'needs it, and give the runtime value through the orchestrator:\n\n' +
      '```dockerfile\nRUN --mount=type=secret,id=npm_token \\\n    NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci\n```\n\n' +
      'Values are masked in every report.',
    fixHint:
      'Remove the value from the Dockerfile; use `RUN --mount=type=secret` at build time and runtime env or a secret store.',
  },
  check(file, report) {
    for (const instruction of file.instructions) {
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
      const pairs =
        instruction.keyword === 'ENV'
          ? envDeclarations(instruction.body)
          : argDeclarations(instruction.body).map(([name, value]) => ({
              name,
              value,
              offset: Math.max(0, instruction.body.indexOf(name)),
            }));
      for (const { name, value, offset } of pairs) {
        const at = positionOf(instruction, instruction.bodyOffset + offset);
        const span = { line: at.line, column: at.column };
        const known = value ? findSecrets(value)[0] : undefined;
        if (known) {
          report({
            at: span,
            message: `${instruction.keyword} ${name} holds a ${known.detector.name} (${known.masked}); it is readable by anyone who can pull the image.`,
            snippet: `${instruction.keyword} ${name}=${known.masked}`,
            severity: 'critical',
          });
          continue;
        }
        if (!SECRET_NAME.test(name)) continue;
        if (value === undefined) {
          if (instruction.keyword === 'ARG')
            report({
              at: span,
              message: `Build argument ${name} looks like a secret; build arguments are kept in the image history. Use a build secret mount instead.`,
              severity: 'medium',
            });
          continue;
        }
        if (value === '' || value.includes('$') || looksLikePlaceholder(value)) continue;
        const masked = maskSecret(value);
        report({
          at: span,
          message: `${instruction.keyword} ${name} sets a literal credential (${masked}); it is readable by anyone who can pull the image.`,
          snippet: `${instruction.keyword} ${name}=${masked}`,
        });
      }
    }
  },
});
