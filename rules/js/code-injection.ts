import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { builtFrom, isNumeric } from '../../src/sast/pieces.ts';
import { decodesConstant } from '../../src/sast/encoded-constant.ts';
import { fetchedFromOwnServer } from '../../src/sast/own-server-fetch.ts';
import { calleeName, resolverFor } from '../../src/sast/resolve.ts';
import { CODE_SINKS } from '../../src/sast/models/code.ts';
import { BROWSER_SCRIPT_SINKS } from '../../src/sast/models/http-clients.ts';
import { defineTaintRule, type TaintAudit } from '../../src/sast/taint/rule.ts';

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

/** The pattern half: the shape of the weakness with no untrusted source proven (precision high). */
const nonConstantCode: TaintAudit = {
  precision: 'high',
  scope: 'everywhere',
  // A call of one of them: `Function.prototype.x` or `instanceof Function` is none.
  hint: new RegExp(`\\b(?:${[...NAMES].join('|')})\\s*(?:\\?\\.\\s*)?\\(`),
  create(context, propose) {
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
      // Numbers cannot carry code: `eval(a.toString() + op + b)` of numbers and constant operators is
      // arithmetic. A decoded constant is fixed text too: js/hardcoded-data-interpreted-as-code's finding.
      const dynamic = code.filter(
        (arg) => !builtFrom(resolver, arg, (n) => isNumeric(resolver, n) || decodesConstant(resolver, n)),
      );
      if (dynamic.length === 0) return;
      // The answer of the program's own server is its code, as a script it loads is: medium.
      const own = dynamic.every((arg) => fetchedFromOwnServer(arg, resolver));
      propose({
        node,
        message: own
          ? `${label} evaluates code fetched from the program's own server.`
          : `${label} evaluates a non-constant string as code.`,
        ...(own ? { precision: 'medium' as const } : {}),
      });
    };
    return { CallExpression: check, NewExpression: check };
  },
};

export default defineTaintRule(
  {
    id: 'js/code-injection',
    kind: 'sast',
    title: 'Code injection: non-constant text is evaluated as JavaScript',
    severity: 'critical',
    cwe: ['CWE-94', 'CWE-95'],
    owasp: ['A03:2021-Injection'],
    help:
      "`eval`, `new Function`, the `vm.run*` family, vm2, `safe-eval`, a headless browser page's " +
      '`evaluate` and string timers compile their argument as JavaScript: whoever controls that text ' +
      "runs code with the program's (or the page's) rights. A proven flow from an untrusted source is " +
      'reported at precision very-high; a non-constant string evaluated with no source in view, at ' +
      'high. Parse data instead of evaluating it (`JSON.parse(body)`), or map names to functions ' +
      'with a fixed table: `const ops = { add, sub }; ops[name]?.(a, b)` after an allow-list check.',
    fixHint: 'Never evaluate built strings: parse data with JSON.parse or dispatch through a fixed table.',
  },
  {
    sinks: [...CODE_SINKS, ...BROWSER_SCRIPT_SINKS],
    sources: ['remote', 'cli', 'dom', 'storage', 'library'],
    sanitisedBy: ['numeric', 'json', 'word'],
    guards: ['allow', 'lookup'],
  },
  nonConstantCode,
);
