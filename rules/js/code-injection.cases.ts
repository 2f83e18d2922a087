import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    { name: 'literal eval', code: `eval('1 + 1');` },
    { name: 'constant code', code: `const CODE = 'return 42'; const f = new Function(CODE); eval(CODE);` },
    {
      name: 'shadowed eval parameter',
      code: `function run(eval: (s: string) => void, x: string) { eval(x); }`,
    },
    { name: 'unrelated method named eval', code: `declare const engine: any; engine.eval(userScript);` },
    {
      name: 'vm-like module that is not vm',
      code: `import { runInNewContext } from './sandbox.ts';\nrunInNewContext(code);`,
    },
    {
      name: 'timer with a function',
      code: `declare const tick: () => void;\nsetTimeout(tick, 1000);\nsetInterval(() => tick(), delay);`,
    },
    { name: 'folded constant concatenation', code: `const A = 'x'; eval('var ' + A + ' = 1');` },
  ],
  invalid: [
    {
      name: 'eval of input',
      code: `export function calc(expr: string) {\n  return eval(expr); // vigil-expect\n}`,
    },
    {
      name: 'new Function with a template',
      code: `declare const field: string;\nconst getter = new Function('o', \`return o.\${field}\`); // vigil-expect`,
    },
    {
      name: 'vm through require and destructuring',
      code: `const { runInNewContext } = require('node:vm');\nconst vm = require('vm');\nrunInNewContext(src, {}); // vigil-expect\nvm.runInThisContext(src); // vigil-expect\nnew vm.Script(src); // vigil-expect`,
    },
    {
      name: 'globalThis.eval and string timers',
      code: `globalThis.eval(payload); // vigil-expect\nsetTimeout('update(' + id + ')', 10); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
