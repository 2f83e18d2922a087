import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'one pass of removing a multi-character token',
      code: `export function stripScripts(html: string) {
  return html.replace(/<script\\b[^<]*(?:(?!<\\/script>)<[^<]*)*<\\/script>/gi, ''); // vigil-expect
}
const safePath = (p: string) => p.replace(/\\.\\.\\//g, ''); // vigil-expect
const noComments = text.replaceAll('<!--', ''); // vigil-expect
const link = href.replace(/javascript:/gi, ''); // vigil-expect`,
    },
    {
      name: 'a quote escaped with a string pattern before SQL text',
      code: `function byName(name) {
  return db.query("SELECT * FROM users WHERE name = '" + name.replace("'", "''") + "'"); // vigil-expect
}
function label(title) {
  return "'" + title.replace("'", "\\\\'") + "'"; // vigil-expect
}`,
    },
    {
      name: 'markup escaped by regexes without the g flag',
      code: `export function escapeHtml(text) {
  return text.replace(/&/, '&amp;').replace(/</, '&lt;').replace(/>/, '&gt;'); // vigil-expect
}`,
    },
    {
      name: 'an attribute value with its first double quote encoded',
      code: `const attr = (v) => 'title="' + v.replace('"', '&quot;') + '"'; // vigil-expect
const path = (p) => p.replace(/\\\\/, '\\\\\\\\'); // vigil-expect`,
    },
  ],
  valid: [
    {
      name: 'a removal repeated until nothing changes, a single character removed, an escape',
      code: `let prev;
do { prev = html; html = html.replace(/<script[^>]*>/gi, ''); } while (html !== prev);
const noDots = name.replace(/\\./g, '');
const shown = html.replace(/<script/gi, '&lt;script');`,
    },
    {
      name: 'global regexes and replaceAll',
      code: `const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replaceAll('"', '&quot;');`,
    },
    {
      name: 'a first occurrence removed or swapped on purpose',
      code: `const route = url.replace('/', '');
const rel = file.replace('<root>', base);
const first = line.replace(':', ' =');`,
    },
    {
      name: 'a loop that runs until none is left',
      code: `let s = input;
while (s.indexOf('<') !== -1) s = s.replace('<', '&lt;');`,
    },
    {
      name: 'a replacer function or a computed replacement',
      code: `const out = s.replace(/[<>]/, (c) => map[c]);
const q = s.replace("'", quote);`,
    },
  ],
} satisfies RuleCases;
