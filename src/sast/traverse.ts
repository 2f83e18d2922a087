import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

type Node = TSESTree.Node;

/**
 * Depth-first walk with enter/exit callbacks and parent pointers. Iterative, so a file nested
 * 10,000 levels deep cannot overflow the stack here. The stack holds nodes and, for a node whose
 * children are being walked, the node again behind an EXIT marker: no wrapper object per node.
 */
export function traverse(root: Node, enter: (node: Node) => void, exit: (node: Node) => void): void {
  const stack: Array<Node | typeof EXIT> = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item === EXIT) {
      exit(stack.pop() as Node);
      continue;
    }
    const node = item;
    enter(node);
    stack.push(node, EXIT);
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

const EXIT = Symbol('exit');

function pushChild(stack: Array<Node | typeof EXIT>, parent: Node, child: unknown): void {
  if (child && typeof child === 'object' && typeof (child as Node).type === 'string') {
    (child as { parent?: Node }).parent = parent;
    stack.push(child as Node);
  }
}
