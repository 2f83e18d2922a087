import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, namesHint } from '../../src/sast/rule.ts';
import { memberName, propertyKey, resolverFor, unwrap } from '../../src/sast/resolve.ts';

/** Options that switch certificate checks off when false. */
const VERIFY_OPTIONS = new Set(['rejectUnauthorized', 'strictSSL', 'verifySSL', 'sslVerify']);
const ENV_VAR = 'NODE_TLS_REJECT_UNAUTHORIZED';

function isFunctionReturningNothing(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  if (n.type !== 'ArrowFunctionExpression' && n.type !== 'FunctionExpression') return false;
  if (n.body.type !== 'BlockStatement') return n.body.type === 'Identifier' && n.body.name === 'undefined';
  return n.body.body.every((s) => s.type === 'ReturnStatement' && !s.argument) || n.body.body.length === 0;
}

export default defineRule({
  meta: {
    id: 'js/tls-verification-disabled',
    kind: 'sast',
    title: 'TLS certificate verification disabled',
    severity: 'high',
    cwe: ['CWE-295'],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    help:
      '`rejectUnauthorized: false`, a `checkServerIdentity` that accepts everything, or ' +
      '`NODE_TLS_REJECT_UNAUTHORIZED=0` make TLS accept any certificate, so anyone on the network ' +
      'path can read and change the traffic. Keep verification on and trust a private CA ' +
      "explicitly: `new https.Agent({ ca: fs.readFileSync('corp-ca.pem') })`.",
    fixHint: 'Remove the override; pass the private CA with the `ca` option instead.',
  },
  hint: namesHint([...VERIFY_OPTIONS, ENV_VAR, 'checkServerIdentity']),
  create(context) {
    const falsy = (node: TSESTree.Node) => {
      const v = resolverFor(context.ast).staticValue(node);
      return v !== undefined && !v.value;
    };
    return {
      Property(node: TSESTree.Property) {
        if (node.parent.type !== 'ObjectExpression') return;
        const key = propertyKey(node);
        if (key && VERIFY_OPTIONS.has(key) && falsy(node.value)) {
          context.report({ node, message: `${key}: false turns off certificate verification.` });
        } else if (key === 'checkServerIdentity' && isFunctionReturningNothing(node.value)) {
          context.report({ node, message: 'checkServerIdentity accepts every certificate.' });
        }
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        if (node.left.type !== 'MemberExpression') return;
        const name = memberName(node.left);
        if (name && VERIFY_OPTIONS.has(name) && falsy(node.right)) {
          context.report({ node, message: `${name} = false turns off certificate verification.` });
          return;
        }
        if (name !== ENV_VAR) return;
        if (resolverFor(context.ast).resolve(node.left) !== `process.env.${ENV_VAR}`) return;
        const v = resolverFor(context.ast).staticValue(node.right);
        if (v && String(v.value) === '0') {
          context.report({
            node,
            message: `${ENV_VAR}=0 disables certificate verification for the whole process.`,
          });
        }
      },
    };
  },
});
