import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { PATH_BUILDERS, PATH_SANITISERS, PROGRAM_FOLDERS, PROGRAM_PATHS } from './models/fs.ts';
import { type Resolver, unwrap } from './resolve.ts';

type Node = TSESTree.Node;

const NUMERIC = new Set(['Number', 'parseInt', 'parseFloat', 'Number.parseInt', 'Number.parseFloat']);
/** Bounds the walk through initialisers and builder arguments. */
export const MAX_DEPTH = 8;

/**
 * Can this path only name the program's own files? Literals, `__dirname`, `import.meta.dirname`,
 * `process.cwd()`, the path builders over such parts, constants bound to them, and anything
 * reduced to a bare file name (`path.basename`) or a number.
 */
export function fixedPath(node: Node, r: Resolver, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const n = unwrap(node);
  if (r.staticValue(n) !== undefined) return true;
  const fixed = (e: Node) => fixedPath(e, r, depth + 1);
  switch (n.type) {
    case 'Literal':
      return true;
    case 'TemplateLiteral':
      return n.expressions.every(fixed);
    case 'BinaryExpression':
      return n.operator === '+' && fixed(n.left) && fixed(n.right);
    case 'ConditionalExpression':
      return fixed(n.consequent) && fixed(n.alternate);
    case 'LogicalExpression':
      return fixed(n.left) && fixed(n.right);
    case 'Identifier': {
      if (PROGRAM_PATHS.has(n.name) && !r.variableOf(n)) return true;
      const init = r.constantInit(n);
      return init !== undefined && fixed(init);
    }
    case 'MemberExpression':
      return (
        !n.computed &&
        n.object.type === 'MetaProperty' &&
        n.property.type === 'Identifier' &&
        ['dirname', 'filename', 'url'].includes(n.property.name)
      );
    case 'CallExpression':
    case 'NewExpression': {
      const target = r.resolve(n.callee);
      if (target === undefined) return isDotDotStripped(n);
      if (PROGRAM_FOLDERS.has(target) || PATH_SANITISERS.has(target) || NUMERIC.has(target)) return true;
      if (target.startsWith('Math.')) return true;
      return PATH_BUILDERS.has(target) && n.arguments.every(fixed);
    }
    default:
      return false;
  }
}

/** `name.replace(/\.\./g, '')`: the `..` segments are gone. */
function isDotDotStripped(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return false;
  if (callee.property.name !== 'replace' && callee.property.name !== 'replaceAll') return false;
  const pattern = call.arguments[0];
  return pattern?.type === 'Literal' && 'regex' in pattern && pattern.regex.pattern.includes('\\.\\.');
}
