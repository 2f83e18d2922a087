import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'case-insensitive, any end tag, any line',
      code: `const stripped = html.replace(/<script\\b[^>]*>[\\s\\S]*?<\\/script\\s*[^>]*>/gi, '');`,
    },
    {
      name: 'an opening tag alone, case-insensitive',
      code: `if (/<script/i.test(input)) reject();`,
    },
    {
      name: 'regexes about other things',
      code: `const isScriptFile = /\\.script\\.js$/;\nconst tag = /<div class="x">/;\nconst typescript = /typescript/i;`,
    },
    {
      name: 'comments with either ending',
      code: `const noComments = html.replace(/<!--[\\s\\S]*?--!?>/g, '');`,
    },
  ],
  invalid: [
    {
      name: 'a script filter without the i flag, and one whose end tag must be exact',
      code: `const a = html.replace(/<script>.*?<\\/script>/g, ''); // vigil-expect
const b = html.replace(/<script[^>]*>[\\s\\S]*?<\\/script>/gi, ''); // vigil-expect`,
    },
    {
      name: 'a dot that stops at line breaks',
      code: `export function hasScript(s: string) {
  return /<script.*>.*<\\/script.*>/i.test(s); // vigil-expect
}`,
    },
    {
      name: 'a comment filter that misses --!>',
      code: `const clean = (html: string) => html.replace(/<!--.*?-->/gs, ''); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
