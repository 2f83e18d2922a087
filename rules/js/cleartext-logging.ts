import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { logCallReceiver } from '../../src/sast/models/loggers.ts';
import { defineRule } from '../../src/sast/rule.ts';
import { resolverFor, unwrap } from '../../src/sast/resolve.ts';
import { shownSecret } from '../../src/sast/shown-secret.ts';

export default defineRule({
  meta: {
    id: 'js/cleartext-logging',
    kind: 'sast',
    title: 'Password, secret or access token written to a log',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-312', 'CWE-532'],
    owasp: ['A09:2021-Security Logging and Monitoring Failures'],
    help:
      'Logs are kept for months, shipped to other services and read by people who should never see ' +
      'a password, an API key or an access token. vigil reports a `console` or logger call ' +
      '(`logger.info`, `winston`, `pino`…) given a value named as a credential — `password`, ' +
      '`user.password`, `{ apiKey }`, `` `token=${accessToken}` `` — unless hashed, masked or ' +
      'encrypted on the way (`passwordHash`, `mask(apiKey)`). Log that a credential was present, ' +
      "or its last characters, never the value: `logger.info({ user: user.id }, 'password changed')`.",
    fixHint: 'Log an identifier or a masked form (last 4 characters), never the credential itself.',
  },
  hint: /pass|pwd|secret|[Kk]ey|[Tt]oken|credentials/,
  create(context) {
    const resolver = resolverFor(context.ast);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const receiverName = logCallReceiver(node);
        if (!receiverName) return;
        const receiver = unwrap((unwrap(node.callee) as TSESTree.MemberExpression).object);
        if (
          receiverName === 'console' &&
          receiver.type === 'Identifier' &&
          resolver.variableOf(receiver)?.defs.length
        )
          return;
        for (const arg of node.arguments) {
          if (arg.type === 'SpreadElement') continue;
          const shown = shownSecret(arg);
          if (shown) {
            context.report({ node, message: `\`${shown}\` is written to a log in clear text.` });
            return;
          }
        }
      },
    };
  },
});
