import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, namesHint } from '../../src/sast/rule.ts';
import { calleeName, resolverFor } from '../../src/sast/resolve.ts';

/** Callees that compile their first argument as code. */
const EVALUATORS = new Map<string, string>([
  ['eval', 'eval()'],
  ['Function', 'Function()'],
  ['vm.runInThisContext', 'vm.runInThisContext()'],
  ['vm.runInNewContext', 'vm.runInNewContext()'],
  ['vm.runInContext', 'vm.runInContext()'],
  ['vm.compileFunction', 'vm.compileFunction()'],
  ['vm.Script', 'new vm.Script()'],
  ['setTimeout', 'setTimeout() with a string'],
  ['setInterval', 'setInterval() with a string'],
]);
const NAMES = new Set([...EVALUATORS.keys()].map((k) => k.slice(k.lastIndexOf('.') + 1)));

export default defineRule({
  meta: {
    id: 'js/code-injection',
    kind: 'sast',
    title: 'Dynamic code evaluation of a non-constant string',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-95'],
    owasp: ['A03:2021-Injection'],
    help:
      '`eval`, `new Function`, the `vm.runIn*` family and string timers compile their argument as ' +
      'JavaScript. When that text is not a constant, whoever controls it runs code with the ' +
      "program's privileges. Parse data instead of evaluating it, e.g. `JSON.parse(body)`, or map " +
      'names to functions: `const handlers = { add, remove }; handlers[name]?.()`.',
    fixHint: 'Do not evaluate built strings; parse data with JSON.parse or dispatch through a lookup table.',
  },
  hint: namesHint(NAMES),
  create(context) {
    const check = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const name = calleeName(node.callee);
      if (!name || !NAMES.has(name)) return;
      // Timers are everywhere; only string-building arguments make them code.
      const first = node.arguments[0];
      const timer = name === 'setTimeout' || name === 'setInterval';
      if (timer && first?.type !== 'BinaryExpression' && first?.type !== 'TemplateLiteral') return;
      const resolver = resolverFor(context.ast);
      const target = resolver.resolve(node.callee);
      const label = target && EVALUATORS.get(target);
      if (!label) return;
      // Function('a', 'b', body): every argument is code; eval and vm take the first.
      const code = target === 'Function' ? node.arguments : node.arguments.slice(0, 1);
      const dynamic = code.find((arg) => !resolver.staticValue(arg));
      if (!dynamic) return;
      context.report({ node, message: `${label} evaluates a non-constant string as code.` });
    };
    return { CallExpression: check, NewExpression: check };
  },
});
