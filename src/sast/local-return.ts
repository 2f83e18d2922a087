/**
 * `function getDoc() { return window.document; } getDoc().cookie = …`: what a call to a local
 * helper gives back, when the helper is a function declaration with one `return` of an
 * expression. Rules use it to see through such one-line accessors; anything longer is opaque.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrap, type Resolver } from './resolve.ts';

export function localReturn(resolver: Resolver, node: TSESTree.Node): TSESTree.Expression | undefined {
  const call = unwrap(node);
  if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier' || call.arguments.length)
    return undefined;
  const def = resolver.variableOf(call.callee)?.defs[0];
  if (def?.type !== 'FunctionName' || def.node.type !== 'FunctionDeclaration') return undefined;
  const body = def.node.body?.body ?? [];
  if (body.length !== 1 || body[0]!.type !== 'ReturnStatement') return undefined;
  return body[0]!.argument ?? undefined;
}
