import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, namesHint } from '../../src/sast/rule.ts';
import {
  calleeName,
  findProperty,
  memberName,
  propertyKey,
  resolverFor,
  unwrap,
} from '../../src/sast/resolve.ts';
import { componentKind } from '../../src/sast/components.ts';

/**
 * Options that switch certificate checks off when false: Node tls/https, request, MongoDB's
 * legacy `sslValidate`, libcurl's `SSL_VERIFYPEER` / `SSL_VERIFYHOST` (node-libcurl, curl wrappers).
 */
const VERIFY_OPTIONS = new Set([
  'rejectUnauthorized',
  'strictSSL',
  'verifySSL',
  'sslVerify',
  'sslValidate',
  'SSL_VERIFYPEER',
  'SSL_VERIFYHOST',
]);
/** Options that switch certificate checks off when true (MongoDB driver). */
const INSECURE_OPTIONS = new Set(['tlsAllowInvalidCertificates', 'tlsAllowInvalidHostnames', 'tlsInsecure']);
/** Servers whose `rejectUnauthorized` only matters when they ask for client certificates. */
const SERVERS = new Set(['https.createServer', 'tls.createServer', 'http2.createSecureServer', 'tls.Server']);
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
      'path can read and change the traffic. The same goes for request `strictSSL: false`, MongoDB ' +
      '`tlsAllowInvalidCertificates`/`tlsAllowInvalidHostnames`/`tlsInsecure: true` and `sslValidate: ' +
      'false`, libcurl `SSL_VERIFYPEER`/`SSL_VERIFYHOST` off and superagent `.disableTLSCerts()`. A ' +
      "server's `rejectUnauthorized: false` without `requestCert: true` checks nothing and is not " +
      'reported. Keep verification on and trust a private CA ' +
      "explicitly: `new https.Agent({ ca: fs.readFileSync('corp-ca.pem') })`.",
    fixHint: 'Remove the override; pass the private CA with the `ca` option instead.',
  },
  hint: namesHint([
    ...VERIFY_OPTIONS,
    ...INSECURE_OPTIONS,
    ENV_VAR,
    'checkServerIdentity',
    'disableTLSCerts',
  ]),
  create(context) {
    // A component runs in the browser, which checks certificates whatever the page says: there a
    // `verifySSL: false` is a settings form's default, sent to the server to judge.
    if (componentKind(context.filename)) return {};
    const falsy = (node: TSESTree.Node) => {
      const v = resolverFor(context.ast).staticValue(node);
      return v !== undefined && !v.value;
    };
    /** Server options without `requestCert: true`: `rejectUnauthorized` there checks nothing. */
    const inertServerOption = (obj: TSESTree.ObjectExpression) => {
      const call = obj.parent;
      if (call?.type !== 'CallExpression' && call?.type !== 'NewExpression') return false;
      if (call.arguments[0] !== obj && call.arguments[1] !== obj) return false;
      const target = resolverFor(context.ast).resolve(call.callee);
      if (!target || !SERVERS.has(target)) return false;
      const requestCert = findProperty(obj, 'requestCert');
      return !requestCert || falsy(requestCert.value);
    };
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const name = calleeName(node.callee);
        // superagent: request.get(url).disableTLSCerts()
        if (name === 'disableTLSCerts' && node.callee.type === 'MemberExpression') {
          context.report({ node, message: 'disableTLSCerts() turns off certificate verification.' });
          return;
        }
        // node-libcurl: curl.setOpt('SSL_VERIFYPEER', false) / setOpt(Curl.option.SSL_VERIFYPEER, 0)
        if (name !== 'setOpt' || node.arguments.length < 2) return;
        const [opt, value] = node.arguments;
        if (!opt || !value || opt.type === 'SpreadElement' || value.type === 'SpreadElement') return;
        const o = unwrap(opt);
        const optName =
          o.type === 'MemberExpression' ? memberName(o) : o.type === 'Literal' ? String(o.value) : undefined;
        if (optName && optName.startsWith('SSL_VERIFY') && VERIFY_OPTIONS.has(optName) && falsy(value)) {
          context.report({ node, message: `${optName} off turns off certificate verification.` });
        }
      },
      Property(node: TSESTree.Property) {
        if (node.parent.type !== 'ObjectExpression') return;
        const key = propertyKey(node);
        if (key && INSECURE_OPTIONS.has(key)) {
          const v = resolverFor(context.ast).staticValue(node.value);
          if (v?.value === true)
            context.report({ node, message: `${key}: true turns off certificate verification.` });
          return;
        }
        if (key && VERIFY_OPTIONS.has(key) && falsy(node.value)) {
          if (key === 'rejectUnauthorized' && inertServerOption(node.parent)) return;
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
