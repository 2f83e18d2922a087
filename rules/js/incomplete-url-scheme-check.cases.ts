import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'all three schemes refused',
      code: `function safeHref(url: string) {
  const u = url.trim().toLowerCase();
  if (u.startsWith('javascript:') || u.startsWith('data:') || u.startsWith('vbscript:')) return '#';
  return url;
}`,
    },
    {
      name: 'one regex naming the three',
      code: `const unsafe = (u: string) => /^\\s*(?:javascript|vbscript|data):/i.test(u);`,
    },
    {
      name: 'javascript: and data: refused: vbscript: ran only in Internet Explorer',
      code: `if (value.startsWith('javascript:') || value.startsWith('data:text/html')) node.removeAttribute(name);`,
    },
    {
      name: 'an allow-list of schemes',
      code: `function safeHref(url: string) {
  return ['http:', 'https:'].includes(new URL(url, location.href).protocol) ? url : '#';
}`,
    },
    {
      name: 'the word in text, not a check',
      code: `const help = 'Links starting with javascript: are removed.';\nconsole.log('javascript: void(0)');`,
    },
  ],
  invalid: [
    {
      name: 'a prefix test for javascript: alone',
      code: `export function sanitizeUrl(url: string): string {
  if (url.trim().toLowerCase().startsWith('javascript:')) return 'about:blank'; // vigil-expect
  return url;
}`,
    },
    {
      name: 'a regex and a protocol comparison',
      code: `const isScript = (u: string) => /^javascript:/i.test(u); // vigil-expect
function link(a: HTMLAnchorElement, href: string) {
  if (new URL(href, location.href).protocol === 'javascript:') return; // vigil-expect
  a.href = href;
}`,
    },
    {
      name: 'javascript: and vbscript: refused, data: forgotten',
      code: `function clean(u: string) {
  return u.replace(/javascript:/gi, '').replace(/^vbscript:/i, ''); // vigil-expect
}`,
    },
  ],
} satisfies RuleCases;
