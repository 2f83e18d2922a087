import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { builtFrom, isNumeric } from '../../src/sast/pieces.ts';
import { decodesConstant } from '../../src/sast/encoded-constant.ts';
import { findProperty, resolverFor, unwrap, type Resolver } from '../../src/sast/resolve.ts';
import { PROGRAM_RUNNERS } from '../../src/sast/models/programs.ts';
import { defineTaintRule, type TaintAudit } from '../../src/sast/taint/rule.ts';

/** Always run through a shell. */
const SHELL_ALWAYS = new Set(['exec', 'execSync']);
/** Run through a shell only with `shell: true` (or a shell path). */
const SHELL_OPTION = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);

/** Shell quoters: what they return is one quoted word, whatever it was given. */
const SHELL_QUOTERS = new Set(['shell-quote.quote', 'shell-escape']);

/**
 * Constant text, numbers and quoted words only: nothing in it can be shell syntax an attacker
 * chose. (A decoded constant is fixed text: js/hardcoded-data-interpreted-as-code's finding.)
 */
function shellSafe(resolver: Resolver, node: TSESTree.Node): boolean {
  return builtFrom(
    resolver,
    node,
    (n) =>
      isNumeric(resolver, n) ||
      decodesConstant(resolver, n) ||
      (n.type === 'CallExpression' && SHELL_QUOTERS.has(resolver.resolve(n.callee) ?? '')),
  );
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

const SHELL = [
  'child_process.exec',
  'child_process.execSync',
  'shelljs.exec',
  'execa.command',
  'execa.commandSync',
  'execa.execaCommand',
];
/** Every program runner, and `fork`, which runs a Node module (its first argument too). */
const PROGRAM = [...PROGRAM_RUNNERS, 'child_process.fork'];
/** Programs that run their `-c` (`/c`, `-Command`) argument as a command line. */
const SHELL_PROGRAM = '^(?:(?:/usr)?/bin/)?(?:ba|da|z|k|fi)?sh$|^(?:cmd|powershell|pwsh)(?:\\.exe)?$';
const SHELL_FLAG = '^(?:-c|/c|-command)$';

/** The pattern half: the shape of the weakness with no untrusted source proven (precision medium). */
const shellCommandText: TaintAudit = {
  precision: 'medium',
  scope: 'everywhere',
  hint: /child_process/,
  create(context, propose) {
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
            propose({
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
          propose({
            node,
            message: `child_process.${name}() with shell: true runs a non-constant command line.`,
          });
        }
      },
    };
  },
};

export default defineTaintRule(
  {
    id: 'js/command-injection',
    kind: 'sast',
    title: 'Command injection: a shell command or program built from non-constant text',
    severity: 'critical',
    cwe: ['CWE-78'],
    owasp: ['A03:2021-Injection'],
    help:
      'Request data, command-line arguments or page input that reaches a command a shell interprets ' +
      '(`exec`, `execSync`, `spawn`/`execFile` with `shell: true` or a shell given `-c`, shelljs, execa ' +
      '`command`) or chooses ' +
      'the program to run lets an attacker add `; rm -rf ~` or `$(curl …)`. A proven flow from an ' +
      'untrusted source is reported at precision very-high; a shell command line built from ' +
      'non-constant text with no source in view, at medium, for a look (numbers from `Number()`, ' +
      '`parseInt()` or `Math.*` are never flagged). Run a fixed program with an argument array and no ' +
      "shell, and check the value against an allow-list: `execFile('git', ['log', '--', file])`.",
    fixHint: 'Use execFile/spawn with a fixed program, an argument array and no shell.',
  },
  {
    sources: ['remote', 'cli', 'dom', 'storage', 'env', 'library'],
    sinks: [
      { call: SHELL, label: 'a shell command' },
      { call: PROGRAM, label: 'the program to run', callerNamed: true },
      {
        call: PROGRAM_RUNNERS,
        args: [1],
        when: [{ arg: 2, key: 'shell', present: true }],
        label: 'arguments of a command run by a shell',
      },
      {
        call: PROGRAM_RUNNERS,
        args: [1],
        firstLiteral: SHELL_PROGRAM,
        arrayHolds: SHELL_FLAG,
        label: 'a command line a shell runs (`sh -c`)',
      },
    ],
    sanitisedBy: ['numeric', 'shell'],
    guards: ['allow', 'lookup', 'type'],
  },
  shellCommandText,
);
