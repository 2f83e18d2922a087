import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { builtFrom } from '../../src/sast/pieces.ts';
import { decodesConstant } from '../../src/sast/encoded-constant.ts';
import { CODE_SINKS, MODULE_LOAD_SINKS } from '../../src/sast/models/code.ts';
import { PROGRAM_RUNNERS } from '../../src/sast/models/programs.ts';
import { resolverFor } from '../../src/sast/resolve.ts';

/**
 * What runs its first argument (every argument of `Function`): js/code-injection's evaluators and
 * loaders called by name (not the sandbox chains, `vm2.VM().run`), and the command runners.
 */
const RUNNERS = new Map<string, string>();
for (const sink of [...CODE_SINKS, ...MODULE_LOAD_SINKS])
  for (const call of sink.call ?? []) if (!call.includes('(')) RUNNERS.set(call, sink.label);
for (const call of ['child_process.exec', 'child_process.execSync', ...PROGRAM_RUNNERS])
  RUNNERS.set(call, 'a command to run');

export default defineRule({
  meta: {
    id: 'js/hardcoded-data-interpreted-as-code',
    kind: 'sast',
    title: 'Hard-coded encoded data is run as code',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-506'],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    help:
      "`eval(Buffer.from('636f6e7374…', 'hex').toString())` runs code a reader of the source cannot " +
      'see: a long hex or base64 constant, decoded (`Buffer.from(…, "hex" | "base64")`, `atob`) and ' +
      'handed to `eval`, `new Function`, the `vm` module, `require`/`import()` or `child_process`. ' +
      'Honest code has no reason to hide its own text; this is how a compromised dependency carries ' +
      'its payload past review (the event-stream incident). vigil reports the call running it. ' +
      'Decode the constant to read what it does; write code as code, and data as data read with `JSON.parse`.',
    fixHint:
      'Decode the constant and read it; ship code as readable source, never as encoded text that is evaluated.',
  },
  hint: /\batob\b|['"`](?:hex|base64(?:url)?)['"`]/,
  create(context) {
    const resolver = resolverFor(context.ast);
    const check = (node: TSESTree.Node, code: readonly TSESTree.Node[], what: string) => {
      for (const arg of code) {
        // Built only from constants and decoded constants, one of them at least.
        let decoded = false;
        const leaf = (n: TSESTree.Node) => decodesConstant(resolver, n) && (decoded = true);
        if (arg.type !== 'SpreadElement' && builtFrom(resolver, arg, leaf) && decoded) {
          context.report({ node, message: `Encoded constant text is decoded and run: ${what}.` });
          return;
        }
      }
    };
    const call = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const target = resolver.resolve(node.callee);
      const what = target && RUNNERS.get(target);
      if (!what) return;
      check(node, target === 'Function' ? node.arguments : node.arguments.slice(0, 1), what);
    };
    return {
      CallExpression: call,
      NewExpression: call,
      ImportExpression(node: TSESTree.ImportExpression) {
        check(node, [node.source], 'a module to load');
      },
    };
  },
});
