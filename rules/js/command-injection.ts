import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { builtFrom, isNumeric } from '../../src/sast/pieces.ts';
import { findProperty, resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';

/** Always run through a shell. */
const SHELL_ALWAYS = new Set(['exec', 'execSync']);
/** Run through a shell only with `shell: true` (or a shell path). */
const SHELL_OPTION = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);

/** Constant text and numbers only: nothing in it can be shell syntax. */
function shellSafe(resolver: Resolver, node: TSESTree.Node): boolean {
  return builtFrom(resolver, node, (n) => isNumeric(resolver, n));
}

function shellEnabled(resolver: Resolver, args: TSESTree.CallExpressionArgument[]): boolean {
  for (const arg of args) {
    const shell = findProperty(arg, 'shell');
    if (!shell) continue;
    const value = resolver.staticValue(shell.value);
    return value === undefined || Boolean(value.value);
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'js/command-injection',
    kind: 'sast',
    title: 'Shell command built from non-constant text',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-78'],
    owasp: ['A03:2021-Injection'],
    help:
      '`child_process.exec`/`execSync`, and `spawn`/`execFile` with `shell: true`, hand the command ' +
      'line to `/bin/sh`. Any non-constant part of it can add `;`, `&&` or `$(...)` and run other ' +
      'commands (numbers from `Number()`, `parseInt()` or `Math.*` cannot, and are not flagged). Pass the program and its arguments separately without a shell: ' +
      "`execFile('git', ['log', '--', file])`.",
    fixHint: 'Use execFile/spawn with an argument array and no shell.',
  },
  hint: /child_process/,
  create(context) {
    // Aliases (`const run = cp.exec`) hide the name at the call, so filter by file instead.
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const resolver = resolverFor(context.ast);
        const target = resolver.resolve(node.callee);
        if (!target?.startsWith('child_process.')) return;
        const name = target.slice('child_process.'.length);
        if (!SHELL_ALWAYS.has(name) && !SHELL_OPTION.has(name)) return;
        const [command, second] = node.arguments;
        if (!command) return;
        if (SHELL_ALWAYS.has(name)) {
          if (!shellSafe(resolver, command)) {
            context.report({
              node,
              message: `child_process.${name}() runs a non-constant command line in a shell.`,
            });
          }
          return;
        }
        if (!shellEnabled(resolver, node.arguments.slice(1))) return;
        // With a shell, the argument array is joined into the command line too.
        const args =
          second && unwrap(second).type === 'ArrayExpression'
            ? (unwrap(second) as TSESTree.ArrayExpression).elements
            : [];
        const dynamic =
          !shellSafe(resolver, command) ||
          args.some((a) => a !== null && a.type !== 'SpreadElement' && !shellSafe(resolver, a));
        if (dynamic) {
          context.report({
            node,
            message: `child_process.${name}() with shell: true runs a non-constant command line.`,
          });
        }
      },
    };
  },
});
