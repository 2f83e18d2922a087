import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { credentialName, splitWords } from '../../src/sast/naming.ts';
import { defineRule } from '../../src/sast/rule.ts';
import { memberName, resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';
import { shownSecret } from '../../src/sast/shown-secret.ts';
import { isDomDocument } from '../../src/sast/dom-document.ts';

type Node = TSESTree.Node;

const STORAGES = new Set(['localStorage', 'sessionStorage']);

/**
 * A password, passphrase, secret or private key: what a page has no reason to keep. Tokens and API
 * keys are left out: a single-page app keeps its session token in storage by design.
 */
function storedSecret(name: string): boolean {
  const words = splitWords(name);
  return (
    credentialName(name) && !words.includes('token') && !words.includes('api') && !words.includes('apikey')
  );
}

/** `localStorage`, `window.sessionStorage`, `self.localStorage` (not a variable of the program's own). */
function isWebStorage(resolver: Resolver, node: Node): boolean {
  const n = unwrap(node);
  if (n.type === 'Identifier') return STORAGES.has(n.name) && !resolver.variableOf(n)?.defs.length;
  return (
    n.type === 'MemberExpression' &&
    STORAGES.has(memberName(n) ?? '') &&
    n.object.type === 'Identifier' &&
    ['window', 'self', 'globalThis'].includes(n.object.name)
  );
}

/** The secret a stored value shows, or a non-constant value stored under a secret's name. */
function storedShown(resolver: Resolver, name: unknown, value: Node): string | undefined {
  const shown = shownSecret(value, storedSecret);
  if (shown) return shown;
  return typeof name === 'string' && storedSecret(name) && !resolver.staticValue(value) ? name : undefined;
}

export default defineRule({
  meta: {
    id: 'js/cleartext-storage',
    kind: 'sast',
    title: 'Password or secret stored in the browser in clear text',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-312', 'CWE-922'],
    owasp: ['A04:2021-Insecure Design'],
    help:
      "`localStorage` and `sessionStorage` are plain text on the user's disk and readable by every " +
      'script of the origin: one XSS, a browser extension or a shared computer reads a password kept ' +
      'there, and `document.cookie` also sends it with every request. vigil reports a password, ' +
      'passphrase, secret or private key (by name: `password`, `user.password`, `{ secret }`, a key ' +
      'named so) written to web storage or to `document.cookie`. Keep only what the server gave for ' +
      'the session (an httpOnly cookie is best), never the credential itself.',
    fixHint: 'Do not keep the password: authenticate once and keep a session (an httpOnly cookie).',
  },
  hint: /[Ss]torage|cookie/,
  create(context) {
    const resolver = resolverFor(context.ast);
    const report = (node: Node, shown: string, where: string) =>
      context.report({ node, message: `\`${shown}\` is stored in ${where} in clear text.` });
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const callee = unwrap(node.callee);
        if (callee.type !== 'MemberExpression' || memberName(callee) !== 'setItem') return;
        if (!isWebStorage(resolver, callee.object)) return;
        const [key, value] = node.arguments;
        if (!value || value.type === 'SpreadElement' || key?.type === 'SpreadElement') return;
        const shown = storedShown(resolver, key && resolver.staticValue(key)?.value, value);
        if (shown) report(node, shown, 'web storage');
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        const left = node.left;
        if (left.type !== 'MemberExpression') return;
        if (isWebStorage(resolver, left.object)) {
          const name = left.computed ? resolver.staticValue(left.property)?.value : memberName(left);
          const shown = storedShown(resolver, name, node.right);
          if (shown) report(node, shown, 'web storage');
          return;
        }
        if (memberName(left) === 'cookie' && isDomDocument(resolver, left.object)) {
          const shown = shownSecret(node.right, storedSecret);
          if (shown) report(node, shown, 'a cookie');
        }
      },
    };
  },
});
