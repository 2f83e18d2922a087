import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'an HTML escaper that does & first',
      code: `export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');`,
    },
    {
      name: 'an unescaper that does &amp; last',
      code: `export const unescapeHtml = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');`,
    },
    {
      name: 'backslashes first, then quotes',
      code: `const quoted = '"' + s.replace(/\\\\/g, '\\\\\\\\').replace(/"/g, '\\\\"') + '"';`,
    },
    {
      name: 'replacements that make no entity, and separate statements',
      code: `const slug = title.replace(/ /g, '-').replace(/&/g, 'and');
const a = s.replace(/</g, '&lt;');
const b = t.replace(/&/g, '&amp;');`,
    },
  ],
  invalid: [
    {
      name: '& escaped after < and >',
      code: `function escape(s: string) {
  return s.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/&/g, '&amp;'); // vigil-expect
}`,
    },
    {
      name: '&amp; unescaped first, over several lines',
      code: `const decode = (s: string) =>
  s
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<') // vigil-expect
    .replaceAll('&gt;', '>');`,
    },
    {
      name: 'a backslash doubled after quotes were escaped with one',
      code: `const js = s.replace(/'/g, "\\\\'").replace(/\\\\/g, '\\\\\\\\'); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
