import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { logCallReceiver } from '../../src/sast/models/loggers.ts';
import { credentialName } from '../../src/sast/naming.ts';
import { defineRule } from '../../src/sast/rule.ts';
import { calleeName, propertyKey, resolverFor, unwrap } from '../../src/sast/resolve.ts';

/** Calls whose result no longer shows the value: hashing, encryption, masking. */
const CLEARS =
  /hash|digest|encrypt|cipher|mask|redact|sha\d*|md5|hmac|bcrypt|argon|scrypt|length|count|obfuscate/i;

/** The credential-named value an argument shows, if any: `password`, `user.password`, `{ password }`. */
function shownSecret(node: TSESTree.Node, depth = 0): string | undefined {
  if (depth > 6) return undefined;
  const n = unwrap(node);
  switch (n.type) {
    case 'Identifier':
      return credentialName(n.name) ? n.name : undefined;
    case 'MemberExpression': {
      const key = !n.computed && n.property.type === 'Identifier' ? n.property.name : undefined;
      return key && credentialName(key) ? key : undefined;
    }
    case 'BinaryExpression':
      return n.operator === '+'
        ? (shownSecret(n.left, depth + 1) ?? shownSecret(n.right, depth + 1))
        : undefined;
    case 'TemplateLiteral':
      for (const e of n.expressions) {
        const s = shownSecret(e, depth + 1);
        if (s) return s;
      }
      return undefined;
    case 'ObjectExpression':
      for (const p of n.properties) {
        if (p.type === 'SpreadElement') continue;
        const key = propertyKey(p);
        // `{ password }` or `{ password: pw }`: the key says what the value is, unless a call changed it.
        if (
          key &&
          credentialName(key) &&
          unwrap(p.value).type !== 'CallExpression' &&
          unwrap(p.value).type !== 'Literal'
        )
          return key;
        const s = shownSecret(p.value, depth + 1);
        if (s) return s;
      }
      return undefined;
    case 'CallExpression': {
      // `JSON.stringify(creds)`, `String(password)` show it; `hash(password)` does not.
      const name = calleeName(n.callee) ?? '';
      if (CLEARS.test(name) || !/^(?:stringify|String|toString|inspect|format)$/.test(name)) return undefined;
      const target =
        n.callee.type === 'MemberExpression' && name === 'toString' ? n.callee.object : n.arguments[0];
      return target && target.type !== 'SpreadElement' ? shownSecret(target, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

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
