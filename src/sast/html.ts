import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleeName, unwrap, type Resolver } from './resolve.ts';

/** Calls whose result is HTML-safe: DOMPurify / sanitize-html and the usual escape helpers. */
const SANITIZER = /^(sanitize|sanitizeHtml|escape|escapeHtml|escapeHTML|htmlEscape|encodeHTML)$/;
/** Pieces examined for one question; a generated file can chain thousands of `+`. */
const BUDGET = 256;

/**
 * True when HTML is a constant or comes straight out of a sanitiser — also when it is a
 * concatenation or template of such pieces, or a `?:` whose branches both are.
 */
export function isSafeHtml(resolver: Resolver, node: TSESTree.Node): boolean {
  const pending: TSESTree.Node[] = [node];
  for (let budget = BUDGET; pending.length; budget--) {
    if (budget === 0) return false;
    const n = unwrap(pending.pop()!);
    if (resolver.staticValue(n)) continue;
    if (n.type === 'CallExpression') {
      const name = calleeName(n.callee);
      if (name !== undefined && SANITIZER.test(name)) continue;
      return false;
    }
    if (n.type === 'ConditionalExpression') pending.push(n.consequent, n.alternate);
    else if (n.type === 'BinaryExpression' && n.operator === '+') pending.push(n.left, n.right);
    else if (n.type === 'TemplateLiteral') pending.push(...n.expressions);
    else return false;
  }
  return true;
}
