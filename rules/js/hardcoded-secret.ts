import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { offsetLocator } from '../../src/sast/source-text.ts';
import {
  findSecrets,
  secretLocation,
  secretMessage,
  secretPrecision,
  secretProperties,
} from '../../src/sast/secrets/index.ts';
import { isTestFile } from '../../src/sast/test-files.ts';

/** The hint and the rule ask about the same text one after the other: scan it once. */
let last: { text: string; matches: ReturnType<typeof findSecrets> } | undefined;
function secretsIn(text: string): ReturnType<typeof findSecrets> {
  if (last?.text !== text) last = { text, matches: findSecrets(text) };
  return last.matches;
}

export default defineRule({
  meta: {
    id: 'js/hardcoded-secret',
    kind: 'secret',
    title: 'Hard-coded secret in source code',
    severity: 'critical',
    cwe: ['CWE-798'],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    help:
      'A credential of a well-known format (AWS/GCP/Azure keys, GitHub, Slack, Stripe, npm, ' +
      'SendGrid, Twilio or OpenAI tokens, private keys, JWTs) sits in a string, template or comment. ' +
      'Anyone with the code can use it, and it stays in the git history. Revoke and rotate it, then ' +
      'read it at run time: `const stripe = new Stripe(process.env.STRIPE_SECRET_KEY)`. Formats ' +
      'with checksums (GitHub, npm) are verified, documented example keys and placeholders are ' +
      'skipped, a JWT whose `exp` has passed is reported at low precision (it opens nothing), and ' +
      'vigil masks the value in every output.',
    fixHint: 'Revoke and rotate the credential; load it from the environment or a secret store.',
  },
  hint: (text) => secretsIn(text).length > 0,
  create(context) {
    // Ranges of strings, templates and comments; one combined scan of the file at the end.
    const ranges: Array<[number, number]> = [];
    const add = (node: { range: [number, number] }) => ranges.push(node.range);
    return {
      Literal(node: TSESTree.Literal) {
        if (typeof node.value === 'string') add(node);
      },
      TemplateElement: add,
      JSXText: add,
      'Program:exit'() {
        const matches = secretsIn(context.sourceText);
        if (matches.length === 0) return;
        // Comments are read only now: collecting them costs the parser a walk over every token.
        context.ast.comments?.forEach(add);
        if (ranges.length === 0) return;
        ranges.sort((a, b) => a[0] - b[0]);
        const locate = offsetLocator(context.sourceText);
        const testFile = isTestFile(context.filename);
        for (const match of matches) {
          const inside = ranges.some(([s, e]) => match.start >= s && match.end <= e);
          if (!inside) continue;
          // A JWT in a test is a fixture (signed with a test key, or long expired), not a key to
          // anything; a provider's API key in a test still is one.
          if (match.detector.id === 'jwt' && testFile) continue;
          const location = secretLocation(context.filename, match, locate);
          context.report({
            loc: {
              start: { line: location.startLine, column: location.startColumn - 1 },
              end: { line: location.endLine, column: location.endColumn - 1 },
            },
            message: secretMessage(match),
            snippet: match.masked,
            severity: match.detector.severity,
            properties: secretProperties(match),
            ...secretPrecision(match, context.filename, context.sourceText),
          });
        }
      },
    };
  },
});
