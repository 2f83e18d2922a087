import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { resolverFor } from '../../src/sast/resolve.ts';
import { objectShape } from '../../src/sast/object-props.ts';

/**
 * helmet options that turn a protection off when false. `xssFilter` is not among them: browsers
 * dropped the XSS auditor, and helmet itself now sends `X-XSS-Protection: 0`.
 */
const PROTECTIONS: Record<string, string> = {
  contentSecurityPolicy: 'Content-Security-Policy',
  frameguard: 'X-Frame-Options (clickjacking)',
  xFrameOptions: 'X-Frame-Options (clickjacking)',
  hsts: 'Strict-Transport-Security',
  strictTransportSecurity: 'Strict-Transport-Security',
  noSniff: 'X-Content-Type-Options',
  xContentTypeOptions: 'X-Content-Type-Options',
};

export default defineRule({
  meta: {
    id: 'js/helmet-protection-disabled',
    kind: 'sast',
    title: 'helmet protection switched off',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-693', 'CWE-1021'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      '`helmet({ contentSecurityPolicy: false })`, `frameguard: false`, `hsts: false` or ' +
      '`noSniff: false` remove the header that limits injected scripts, forbids framing the site ' +
      '(clickjacking), pins it to https, or stops MIME sniffing. vigil reports these when the ' +
      'options are visible (literal, a constant, `Object.assign`). Configure the protection instead ' +
      "of removing it, e.g. `contentSecurityPolicy: { directives: { 'script-src': [\"'self'\", cdn] } }`. " +
      '`xssFilter: false` is not reported: helmet itself now disables the obsolete XSS auditor.',
    fixHint: 'Configure the helmet middleware instead of passing false.',
  },
  hint: /helmet/,
  create(context) {
    const resolver = resolverFor(context.ast);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (resolver.resolve(node.callee) !== 'helmet') return;
        const options = node.arguments[0];
        if (!options || options.type === 'SpreadElement') return;
        const off = objectShape(resolver, options)
          .props.filter((p) => p.depth === 0 && p.key in PROTECTIONS && p.value)
          .filter((p) => resolver.staticValue(p.value!)?.value === false)
          .map((p) => PROTECTIONS[p.key]!);
        if (!off.length) return;
        context.report({ node, message: `helmet is told not to send ${[...new Set(off)].join(', ')}.` });
      },
    };
  },
});
