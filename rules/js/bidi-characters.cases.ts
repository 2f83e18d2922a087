import type { RuleCases } from '../../src/sast/rule.ts';

/** Built from escapes: the case file itself must not hold raw bidi controls. */
const RLO = '\u202E';
const LRI = '\u2066';
const PDI = '\u2069';
const RLI = '\u2067';

export default {
  valid: [
    { name: 'escapes in strings', code: `const mark = '\\u202E';\nconst isolate = "\\u2066x\\u2069";` },
    {
      name: 'right-to-left text without controls',
      code: `const greeting = 'שלום';\nconst ar = 'مرحبا'; // Arabic`,
    },
    { name: 'left-to-right and right-to-left marks', code: `const label = 'abc\u200Fdef\u200E';` },
    { name: 'plain code', code: `if (isAdmin) { grant(); }` },
  ],
  invalid: [
    {
      name: 'comment hiding code (Trojan Source)',
      code: `const isAdmin = false;\n/*${RLO} } ${LRI}if (isAdmin)${PDI} ${LRI} begin admins only */ // vigil-expect\nconsole.log('admin');`,
    },
    {
      name: 'string literal stretched over code',
      code: `const accessLevel = 'user';\nif (accessLevel != 'user${RLO} ${LRI}// Check if admin${PDI} ${LRI}') { // vigil-expect\n  grant();\n}`,
    },
    {
      name: 'one finding per line',
      code: `const a = 1; // ${RLI}x${PDI} ${RLI}y${PDI} // vigil-expect\nconst b = 2;`,
    },
  ],
} satisfies RuleCases;
