import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, namesHint } from '../../src/sast/rule.ts';
import { propertyKey, resolverFor } from '../../src/sast/resolve.ts';

/** `minVersion` / `maxVersion` values (Node's tls options) below TLS 1.2. */
const WEAK_VERSIONS = new Set(['tlsv1', 'tlsv1.0', 'tlsv1.1', 'sslv3', 'sslv2']);
/** OpenSSL method names (`secureProtocol`) that pin a protocol below TLS 1.2. */
const WEAK_METHOD = /^(?:sslv2|sslv3|tlsv1|tlsv1_1)(?:_client|_server)?_method$/;

export default defineRule({
  meta: {
    id: 'js/tls-weak-version',
    kind: 'sast',
    title: 'TLS connection allows a protocol version below TLS 1.2',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-326', 'CWE-327'],
    owasp: ['A02:2021-Cryptographic Failures'],
    help:
      'SSL 3.0, TLS 1.0 and TLS 1.1 are deprecated (RFC 8996): their handshakes and cipher suites ' +
      'have practical attacks (POODLE, BEAST, downgrade). vigil reports `minVersion` or `maxVersion` ' +
      "set to 'TLSv1' / 'TLSv1.1' and `secureProtocol` set to an SSLv3/TLSv1/TLSv1.1 method, in any " +
      'options object (https/tls, agents, database `ssl` options). Leave the default or require ' +
      "`minVersion: 'TLSv1.2'`.",
    fixHint: "Use minVersion: 'TLSv1.2' (or 'TLSv1.3') and drop secureProtocol.",
  },
  hint: namesHint(['minVersion', 'maxVersion', 'secureProtocol']),
  create(context) {
    const resolver = resolverFor(context.ast);
    return {
      Property(node: TSESTree.Property) {
        if (node.parent.type !== 'ObjectExpression') return;
        const key = propertyKey(node);
        if (key !== 'minVersion' && key !== 'maxVersion' && key !== 'secureProtocol') return;
        const v = resolver.staticValue(node.value);
        if (!v || typeof v.value !== 'string') return;
        const value = v.value.toLowerCase();
        const weak = key === 'secureProtocol' ? WEAK_METHOD.test(value) : WEAK_VERSIONS.has(value);
        if (!weak) return;
        context.report({
          node,
          message: `${key}: '${v.value}' allows a deprecated protocol (below TLS 1.2).`,
        });
      },
    };
  },
});
