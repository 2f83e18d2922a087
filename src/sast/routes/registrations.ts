import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ROUTE_METHODS } from '../models/express.ts';
import type { FunctionNode } from '../naming.ts';
import { memberName, unwrap } from '../resolve.ts';
import { traverse } from '../traverse.ts';
import type { ProjectCode } from './project-code.ts';
import { mergeValidations, validationOf, type Validation } from './validation.ts';

type Node = TSESTree.Node;

const ROUTE_METHOD_SET: ReadonlySet<string> = new Set(ROUTE_METHODS);
/** Nested arrays of handlers Express flattens (`router.post(p, [a, [b, c]])`). */
const MAX_NESTING = 4;
/** A quick look for a route call before a file is parsed for one. */
const ROUTE_HINT = new RegExp(`\\.(?:${ROUTE_METHODS.join('|')})\\s*\\(`);

/** One place a function is given to a router, with the validation that runs before it there. */
export interface Registration {
  file: string;
  line: number;
  validation?: Validation;
}

/**
 * Every route registration in `files` (`router.post(path, ...middleware, handler)`,
 * `router.route(p).get(...)`, `app.use(...)`, arrays of middleware flattened as Express does), by
 * the function each argument runs, resolved across files (controller members, imports, wrappers
 * such as `catchAsync(fn)`). A function given twice has two registrations. One walk per file.
 */
export function routeRegistrations(
  code: ProjectCode,
  files: Iterable<string>,
): Map<FunctionNode, Registration[]> {
  const out = new Map<FunctionNode, Registration[]>();
  for (const file of files) {
    if (!ROUTE_HINT.test(code.text(file))) continue;
    const program = code.program(file);
    if (!program) continue;
    traverse(
      program,
      (node) => {
        if (node.type === 'CallExpression' && isRouteCall(node)) register(code, file, node, out);
      },
      () => {},
    );
  }
  return out;
}

function isRouteCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return false;
  const name = memberName(callee);
  return name !== undefined && ROUTE_METHOD_SET.has(name);
}

function register(
  code: ProjectCode,
  file: string,
  call: TSESTree.CallExpression,
  out: Map<FunctionNode, Registration[]>,
): void {
  const before: Validation[] = [];
  for (const arg of flatten(call.arguments, 0)) {
    const validation = validationOf(code, file, arg);
    if (validation) {
      before.push(validation);
      continue;
    }
    const target = code.functionOf(code.valueOf(file, arg));
    if (!target) continue;
    const validated = mergeValidations(before);
    const list = out.get(target.fn) ?? [];
    list.push({
      file,
      line: code.lineOf(file, arg.range[0]),
      ...(validated ? { validation: validated } : {}),
    });
    out.set(target.fn, list);
  }
}

function flatten(args: readonly Node[], depth: number): Node[] {
  return args.flatMap((a) => {
    const n = unwrap(a);
    if (n.type === 'SpreadElement') return [];
    if (n.type === 'ArrayExpression' && depth < MAX_NESTING)
      return flatten(
        n.elements.filter((e): e is TSESTree.Expression | TSESTree.SpreadElement => !!e),
        depth + 1,
      );
    return [n];
  });
}
