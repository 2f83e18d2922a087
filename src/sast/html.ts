import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { builtFrom, isNumeric } from './pieces.ts';
import { calleeName, type Resolver } from './resolve.ts';

/** Calls whose result is HTML-safe: DOMPurify / sanitize-html and the usual escape helpers. */
const SANITIZER = /^(sanitize|sanitizeHtml|escape|escapeHtml|escapeHTML|htmlEscape|encodeHTML)$/;

/**
 * True when HTML is built only from constants, numbers and what comes straight out of a
 * sanitiser (see builtFrom).
 */
export function isSafeHtml(resolver: Resolver, node: TSESTree.Node): boolean {
  return builtFrom(resolver, node, (n) => {
    if (isNumeric(resolver, n)) return true;
    if (n.type !== 'CallExpression') return false;
    const name = calleeName(n.callee);
    return name !== undefined && SANITIZER.test(name);
  });
}
