import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleeName, unwrap, type Resolver } from './resolve.ts';

/** Calls whose result is HTML-safe: DOMPurify / sanitize-html and the usual escape helpers. */
const SANITIZER = /^(sanitize|sanitizeHtml|escape|escapeHtml|escapeHTML|htmlEscape|encodeHTML)$/;

/** True when HTML is a constant or comes straight out of a sanitiser (both branches of a ?:). */
export function isSafeHtml(resolver: Resolver, node: TSESTree.Node, depth = 0): boolean {
  const n = unwrap(node);
  if (depth > 32) return false;
  if (resolver.staticValue(n)) return true;
  if (n.type === 'CallExpression') {
    const name = calleeName(n.callee);
    return name !== undefined && SANITIZER.test(name);
  }
  if (n.type === 'ConditionalExpression')
    return isSafeHtml(resolver, n.consequent, depth + 1) && isSafeHtml(resolver, n.alternate, depth + 1);
  return false;
}
