/**
 * Is an expression the DOM `document`? `document`, `window.document`, `globalThis.document`,
 * `<any window>.document` (`popup.document`, `this.window.document`, `frame.contentWindow.document`),
 * a constant bound to one of them, or a one-line local accessor returning one. A local variable
 * or parameter that happens to be called `document` is not.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrap, type Resolver } from './resolve.ts';
import { localReturn } from './local-return.ts';

const MAX_HOPS = 3;

export function isDomDocument(resolver: Resolver, node: TSESTree.Node, hops = 0): boolean {
  if (hops > MAX_HOPS) return false;
  const n = unwrap(node);
  if (resolver.resolve(n) === 'document') return true;
  if (n.type === 'MemberExpression') {
    return !n.computed && n.property.type === 'Identifier' && n.property.name === 'document';
  }
  if (n.type === 'Identifier') {
    const init = resolver.constantInit(n);
    return init !== undefined && isDomDocument(resolver, init, hops + 1);
  }
  const returned = localReturn(resolver, n);
  return returned !== undefined && isDomDocument(resolver, returned, hops + 1);
}
