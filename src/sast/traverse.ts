import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

type Node = TSESTree.Node;

/**
 * Depth-first walk with enter/exit callbacks and parent pointers. Iterative, so a file nested
 * 10,000 levels deep cannot overflow the stack here.
 */
export function traverse(root: Node, enter: (node: Node) => void, exit: (node: Node) => void): void {
  const stack: Array<{ node: Node; exiting: boolean }> = [{ node: root, exiting: false }];
  while (stack.length > 0) {
    const { node, exiting } = stack.pop()!;
    if (exiting) {
      exit(node);
      continue;
    }
    enter(node);
    stack.push({ node, exiting: true });
    const keys = visitorKeys[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) pushChild(stack, node, child[i]);
      } else {
        pushChild(stack, node, child);
      }
    }
  }
}

function pushChild(stack: Array<{ node: Node; exiting: boolean }>, parent: Node, child: unknown): void {
  if (child && typeof child === 'object' && typeof (child as Node).type === 'string') {
    (child as { parent?: Node }).parent = parent;
    stack.push({ node: child as Node, exiting: false });
  }
}
