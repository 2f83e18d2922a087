import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'simple anchored patterns',
      code: `const slug = /^[a-z0-9-]+$/;\nconst phone = /^\\d{3}-\\d{4}$/;\nconst email = /^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$/i;`,
    },
    {
      name: 'delimited nested loops',
      code: `const csv = /^(\\s*,\\s*\\w+)*$/;\nconst host = /^([a-z0-9]+\\.)+[a-z]{2,}$/;\nconst ip = /^(\\d{1,3}\\.){3}\\d{1,3}$/;`,
    },
    { name: 'disjoint alternation', code: `const yn = /^(yes|no)+$/;\nconst ab = /(a|b)*c/;` },
    { name: 'constant built pattern', code: `const P = '^[a-z]+(-[a-z]+)*$';\nconst re = new RegExp(P);` },
    { name: 'invalid regex source is another problem', code: `const re = new RegExp('(');` },
  ],
  invalid: [
    { name: 'nested quantifier', code: `const re = /^(a+)+$/; // vigil-expect` },
    {
      name: 'word-space loop and overlapping alternation',
      code: `const words = /^(\\w+\\s?)*$/; // vigil-expect\nconst any = /^(\\w|\\d)+$/; // vigil-expect`,
    },
    {
      name: 'RegExp constructor with a constant',
      code: `const SRC = '(.*a){12}';\nconst re = new RegExp(SRC); // vigil-expect`,
    },
    {
      name: 'OWASP example',
      code: `export const valid = (s: string) => /^(([a-z])+.)+[A-Z]([a-z])+$/.test(s); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
