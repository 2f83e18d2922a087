import type { TSESTree } from '@typescript-eslint/typescript-estree';

/**
 * The node where a finding on `node` starts: a call whose method is named on a later line than its
 * receiver starts (`crypto\n  .createHash('md5')`, `new VM({…})\n  .run(code)`) stands at the
 * method, the line a reader (and a reviewer's comment) connects with the call; anything else at
 * itself.
 */
export function standsAt(node: TSESTree.Node, text: string): TSESTree.Node {
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return node;
  const callee = node.callee;
  if (callee.type !== 'MemberExpression') return node;
  const at = callee.property.range[0];
  return text.lastIndexOf('\n', at) >= node.range[0] ? callee.property : node;
}
