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
import { isFunctionNode } from '../../src/sast/naming.ts';

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

/**
 * Settings whose being on means the operator accepts unverified certificates (`allowSelfSigned`,
 * `'smtp:allow-self-signed'`, `insecure`, a notification's `unsafeTls`, a monitor's `ignoreTls`).
 */
const ACCEPTS_ANY =
  /self.?signed|insecure|unverified|allow.?unauthori[sz]ed|accept.?invalid|(?:skip|no|disable|ignore).?(?:tls|ssl|cert\w{0,12}).?(?:verif|valid|check)|ignore.?(?:cert|tls|ssl)|unsafe.?(?:tls|ssl|cert)/i;
/** Settings whose being on means certificates are checked (`verifySSL`, `tls.rejectUnauthorized`, `strictSSL`). */
const CHECKS =
  /(?:verify|validate|check).?(?:ssl|tls|cert|peer)|(?:ssl|tls|cert\w{0,12}).?(?:verif|valid|check)|reject.?unauthori[sz]ed|strict.?ssl/i;

/** A setting holding libpq's `sslmode` (`sslMode`, `PGSSLMODE`, `ssl_mode`). */
const SSL_MODE = /^(?:pg)?ssl.?mode$/i;
const UNVERIFIED_SSL_MODES = new Set(['require', 'prefer', 'allow', 'no-verify']);

/**
 * What a branch test being true says of the operator's choice: `any` when it means unverified
 * certificates were asked for, `checks` when it means verification was, undefined when it says
 * neither. Read from the setting's name, as a configurable `rejectUnauthorized: config.verify`
 * already is.
 */
function settingSays(test: TSESTree.Node): 'any' | 'checks' | undefined {
  const t = unwrap(test);
  const flip = (v: 'any' | 'checks' | undefined) =>
    v === 'any' ? 'checks' : v === 'checks' ? 'any' : undefined;
  if (t.type === 'UnaryExpression' && t.operator === '!') return flip(settingSays(t.argument));
  if (t.type === 'LogicalExpression' && t.operator === '&&')
    return settingSays(t.left) ?? settingSays(t.right);
  // `mode === 'require' || mode === 'prefer'`: either way the setting asked for it.
  if (t.type === 'LogicalExpression' && t.operator === '||') {
    const left = settingSays(t.left);
    return left === settingSays(t.right) ? left : undefined;
  }
  if (
    t.type === 'BinaryExpression' &&
    t.right.type === 'Literal' &&
    ['===', '==', '!==', '!='].includes(t.operator)
  ) {
    // libpq's `sslmode`: `require`, `prefer` and `allow` encrypt without checking the certificate.
    if (
      typeof t.right.value === 'string' &&
      UNVERIFIED_SSL_MODES.has(t.right.value) &&
      SSL_MODE.test(calleeName(t.left) ?? '')
    )
      return t.operator.startsWith('=') ? 'any' : undefined;
    const on = ['true', '1', 'yes', 'on'].includes(String(t.right.value).toLowerCase());
    const off = ['false', '0', 'no', 'off', ''].includes(String(t.right.value).toLowerCase());
    if (!on && !off) return undefined;
    const says = settingSays(t.left);
    return on === t.operator.startsWith('=') ? says : flip(says);
  }
  // A getter's key names the setting: `config.get('tls.allowSelfSigned')`, `params.get('rejectUnauthorized')`.
  const key =
    t.type === 'CallExpression' && t.arguments[0]?.type === 'Literal' ? t.arguments[0].value : undefined;
  const name = typeof key === 'string' ? key : calleeName(t.type === 'CallExpression' ? t.callee : t);
  if (name === undefined) return undefined;
  return ACCEPTS_ANY.test(name) ? 'any' : CHECKS.test(name) ? 'checks' : undefined;
}

/** Is `node` reached only where the operator's setting asked for unverified certificates? */
function optedIn(node: TSESTree.Node): boolean {
  for (let at: TSESTree.Node = node, up = node.parent; up; at = up, up = up.parent) {
    if (up.type === 'IfStatement' || up.type === 'ConditionalExpression') {
      if (at === up.test) continue;
      const says = settingSays(up.test);
      if (says === (at === up.consequent ? 'any' : 'checks')) return true;
    } else if (up.type === 'LogicalExpression' && up.operator === '&&' && at === up.right) {
      if (settingSays(up.left) === 'any') return true;
    } else if (isFunctionNode(up)) return false;
  }
  return false;
}

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
      'reported; one only a setting named for accepting such certificates reaches (`if ' +
      "(config.allowSelfSigned)`) is the operator's choice, at medium precision. Keep verification on and trust a private CA " +
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
    // Verification turned off only under a setting named for accepting any certificate is the
    // operator's documented choice, like `rejectUnauthorized: config.verify`: worth a look, no proof.
    const report = (node: TSESTree.Node, message: string) =>
      context.report(
        optedIn(node)
          ? {
              node,
              message: `${message} Only a setting named for accepting such certificates turns it on.`,
              precision: 'medium',
            }
          : { node, message },
      );
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
          report(node, 'disableTLSCerts() turns off certificate verification.');
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
          report(node, `${optName} off turns off certificate verification.`);
        }
      },
      Property(node: TSESTree.Property) {
        if (node.parent.type !== 'ObjectExpression') return;
        const key = propertyKey(node);
        if (key && INSECURE_OPTIONS.has(key)) {
          const v = resolverFor(context.ast).staticValue(node.value);
          if (v?.value === true) report(node, `${key}: true turns off certificate verification.`);
          return;
        }
        if (key && VERIFY_OPTIONS.has(key) && falsy(node.value)) {
          if (key === 'rejectUnauthorized' && inertServerOption(node.parent)) return;
          report(node, `${key}: false turns off certificate verification.`);
        } else if (key === 'checkServerIdentity' && isFunctionReturningNothing(node.value)) {
          report(node, 'checkServerIdentity accepts every certificate.');
        }
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        if (node.left.type !== 'MemberExpression') return;
        const name = memberName(node.left);
        if (name && VERIFY_OPTIONS.has(name) && falsy(node.right)) {
          report(node, `${name} = false turns off certificate verification.`);
          return;
        }
        if (name !== ENV_VAR) return;
        if (resolverFor(context.ast).resolve(node.left) !== `process.env.${ENV_VAR}`) return;
        const v = resolverFor(context.ast).staticValue(node.right);
        if (v && String(v.value) === '0') {
          report(node, `${ENV_VAR}=0 disables certificate verification for the whole process.`);
        }
      },
    };
  },
});
