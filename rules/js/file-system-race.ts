import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, namesHint } from '../../src/sast/rule.ts';
import { memberName, resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';
import { enclosingFunction, type FunctionNode } from '../../src/sast/naming.ts';
import { exclusive, inSharedTemp, predictableTemp } from '../../src/sast/temp-paths.ts';

/** `fs` and its drop-in twins, with their promise APIs. */
const FS_MODULES = /^(?:fs|fs-extra|graceful-fs)(?:\.promises|\/promises)?\./;

/** Calls that look at a path without opening it: what they learn may be stale at the next call. */
const CHECKS = new Set(['exists', 'access', 'stat', 'lstat', 'pathExists']);

/**
 * Calls that write through a path, following a symbolic link planted there since the check: the
 * argument holding the path, and where its flags are (`open` takes them as its second argument, and
 * its default is read-only; the others take them in their options).
 * Not `unlink`/`rm`/`rename`/`symlink` (they act on the link itself or fail when the name exists),
 * `mkdir` (fails safe), nor reads (a file read after an existence check is the everyday config load).
 */
const WRITES = new Map<string, { path: number; flags?: number }>([
  ['writeFile', { path: 0, flags: 2 }],
  ['appendFile', { path: 0, flags: 2 }],
  ['createWriteStream', { path: 0, flags: 1 }],
  ['open', { path: 0, flags: 1 }],
  ['truncate', { path: 0 }],
  ['chmod', { path: 0 }],
  ['chown', { path: 0 }],
  ['copyFile', { path: 1 }],
  ['cp', { path: 1 }],
  ['outputFile', { path: 0, flags: 2 }],
  ['outputJson', { path: 0, flags: 2 }],
  ['writeJson', { path: 0, flags: 2 }],
  ['copy', { path: 1 }],
]);

/** `fs.promises.writeFileSync`-style spellings to their method: `writeFile`. */
function fsMethod(resolver: Resolver, callee: TSESTree.Node): string | undefined {
  const target = resolver.resolve(callee);
  if (!target || !FS_MODULES.test(target)) return undefined;
  return target.replace(FS_MODULES, '').replace(/(?:Sync|Async)$/, '');
}

/** `open` flags that only read: none, `'r'`, `O_RDONLY`. Unknown flags count as a write. */
function readOnly(resolver: Resolver, flags: TSESTree.Node | undefined): boolean {
  if (!flags) return true;
  if (flags.type === 'SpreadElement') return false;
  const v = resolver.staticValue(unwrap(flags))?.value;
  if (typeof v === 'string') return !/[wa+]/.test(v);
  const f = unwrap(flags);
  return f.type === 'MemberExpression' && f.property.type === 'Identifier' && f.property.name === 'O_RDONLY';
}

/**
 * What names the same file in one function: the constant value, the variable, or else the
 * expression's text (`path.join(dir, name)` twice).
 */
function pathKey(resolver: Resolver, node: TSESTree.Node, text: string): unknown {
  const u = unwrap(node);
  const constant = resolver.staticValue(u)?.value;
  if (typeof constant === 'string') return `=${constant}`;
  if (u.type === 'Identifier') return resolver.variableOf(u) ?? `#${u.name}`;
  return `~${text.replace(/\s+/g, '')}`;
}

/**
 * The function whose statements a call belongs to: callbacks (`fs.stat(p, (err) => …)`,
 * `.then(() => …)`) count as their caller's, a function declared or assigned as such does not.
 */
function owner(node: TSESTree.Node): FunctionNode | undefined {
  let fn = enclosingFunction(node);
  while (fn && fn.parent?.type === 'CallExpression' && fn.parent.callee !== fn) fn = enclosingFunction(fn);
  return fn;
}

const inside = (inner: TSESTree.Node, outer: TSESTree.Node | null | undefined) =>
  !!outer && outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];

/**
 * Does `write` come after `statement` in the block holding it (not in another branch), or after
 * the `try` whose block holds it (a check that throws lands in the `catch`, then goes on)?
 */
function follows(statement: TSESTree.Node, write: TSESTree.Node): boolean {
  for (let s: TSESTree.Node | undefined = statement; s;) {
    if (write.range[0] > s.range[1] && inside(write, s.parent)) return true;
    const block: TSESTree.Node | undefined = s.parent;
    s = block?.parent?.type === 'TryStatement' && block.parent.block === block ? block.parent : undefined;
  }
  return false;
}

/** Does running `branch` always leave the code after it (return, throw, break, continue)? */
function exits(branch: TSESTree.Statement | null | undefined): boolean {
  if (!branch) return false;
  if (branch.type === 'BlockStatement') return exits(branch.body.at(-1));
  return ['ReturnStatement', 'ThrowStatement', 'BreakStatement', 'ContinueStatement'].includes(branch.type);
}

/**
 * Does the check's outcome decide whether `write` runs? The write is in its callback (or a `then`/`catch` handler) or in a
 * branch of the `if` it tests, follows an `if` branch that leaves, or follows a check that throws
 * (a `…Sync` or awaited call standing as a statement, in a `try`, or kept in a variable to test).
 * A check that only picks a value (`exists(f) ? read(f) : {}`) or an `if` that falls through
 * (`if (exists(f)) unlink(f);`) leaves the later write unconditional: no race on the write.
 */
function decides(check: TSESTree.CallExpression, write: TSESTree.CallExpression): boolean {
  if (inside(write, check)) return true;
  let n: TSESTree.Node = check;
  while (n.parent && !/Statement|Declaration$|Declarator$/.test(n.parent.type)) {
    if (n.parent.type === 'ConditionalExpression' && n.parent.test === n) return inside(write, n.parent);
    if (n.parent.type === 'LogicalExpression' && n.parent.left === n) return inside(write, n.parent.right);
    // check(p).then(() => write(p)): the handlers run on its outcome.
    const chained =
      n.parent.type === 'MemberExpression' && n.parent.object === n ? n.parent.parent : undefined;
    if (
      chained?.type === 'CallExpression' &&
      /^(?:then|catch)$/.test(memberName(n.parent as TSESTree.MemberExpression) ?? '')
    )
      if (chained.arguments.some((a) => inside(write, a))) return true;
    n = n.parent;
  }
  const statement = n.parent;
  if (statement?.type === 'IfStatement' && statement.test === n)
    return (
      inside(write, statement.consequent) ||
      inside(write, statement.alternate) ||
      ((exits(statement.consequent) || exits(statement.alternate)) && follows(statement, write))
    );
  // A statement of its own, a declaration: a throwing check, or a result tested later.
  if (statement?.type === 'ExpressionStatement') return follows(statement, write);
  return statement?.type === 'VariableDeclarator' && follows(statement.parent, write);
}

export default defineRule({
  meta: {
    id: 'js/file-system-race',
    kind: 'sast',
    title: 'File system race: a path is checked, then written by name',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-367'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      '`if (!fs.existsSync(file)) fs.writeFileSync(file, data)` asks about a path and then opens it ' +
      'again by name: between the two calls another process can create the file, or plant a ' +
      'symbolic link there, and the write lands in the file the link points to, with this ' +
      "program's rights. vigil reports a write (`writeFile`, `appendFile`, `createWriteStream`, " +
      '`open` for writing, `truncate`, `chmod`, `chown`, a copy onto it) of the same path (the same ' +
      'variable, constant or expression) after an `exists`, `access`, `stat` or `lstat` of it in the ' +
      'same function or its callbacks. Precision high when the path is in a shared temp folder, where ' +
      'any local user can plant the link; medium elsewhere. Creating a folder, deleting or renaming, ' +
      "and reading after the check are not reported. Open once and use the descriptor: `fs.openSync(file, 'wx')` " +
      'fails when the name exists, and `fstat` on the descriptor describes the file actually opened.',
    fixHint:
      "Open once (flag 'wx' to create, fstat on the descriptor to inspect) instead of checking the path first.",
  },
  hint: namesHint([...CHECKS].flatMap((c) => [c, `${c}Sync`])),
  create(context) {
    const resolver = resolverFor(context.ast);
    /** The checks so far in each function (undefined: the top level), by path. */
    const checked = new Map<FunctionNode | undefined, Map<unknown, TSESTree.CallExpression[]>>();
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const method = fsMethod(resolver, node.callee);
        if (!method) return;
        if (CHECKS.has(method)) {
          const path = node.arguments[0];
          if (!path || path.type === 'SpreadElement') return;
          const fn = owner(node);
          let checks = checked.get(fn);
          if (!checks) checked.set(fn, (checks = new Map()));
          const key = pathKey(resolver, path, context.getText(path));
          checks.set(key, [...(checks.get(key) ?? []), node]);
          return;
        }
        const write = WRITES.get(method);
        const path = write && node.arguments[write.path];
        if (!write || !path || path.type === 'SpreadElement') return;
        const checks = checked.get(owner(node))?.get(pathKey(resolver, path, context.getText(path)));
        if (!checks?.some((check) => decides(check, node))) return;
        const flags = write.flags === undefined ? undefined : node.arguments[write.flags];
        if (write.flags !== undefined && exclusive(resolver, flags)) return;
        if (method === 'open' && readOnly(resolver, flags)) return;
        // A guessable name in a shared folder is js/insecure-temporary-file's finding on this call.
        if (predictableTemp(resolver, path)) return;
        context.report({
          node,
          precision: inSharedTemp(resolver, path) ? 'high' : 'medium',
          message:
            'The path was checked earlier and is now written by name: it may have been replaced (a planted link) in between; open it once and use the descriptor.',
        });
      },
    };
  },
});
