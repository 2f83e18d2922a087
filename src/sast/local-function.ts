/**
 * The function a handler argument names in its own file: a function literal, or a local function
 * or constant it refers to (`app.get('/x', show)`, `addEventListener('message', onMessage)`).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, type FunctionNode } from './naming.ts';
import { unwrap, type Resolver } from './resolve.ts';

export function localFunction(resolver: Resolver, node: TSESTree.Node | undefined): FunctionNode | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (isFunctionNode(n)) return n;
  if (n.type !== 'Identifier') return undefined;
  const def = resolver.variableOf(n)?.defs[0]?.node;
  if (isFunctionNode(def)) return def;
  const init = resolver.constantInit(n);
  return isFunctionNode(init) ? init : undefined;
}
