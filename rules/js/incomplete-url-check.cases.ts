import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'exact host comparisons and checks that end where the host does',
      code: `const { hostname, origin } = new URL(target);
if (hostname === 'example.com' || hostname.endsWith('.example.com')) allow();
if (origin === 'https://app.example.com') allow();
if (target.startsWith('https://example.com/')) allow();
if (target.indexOf('https://example.com/') === 0) allow();
const trusted = /^https:\\/\\/(?:www\\.)?example\\.com(?:\\/|$)/.test(target);`,
    },
    {
      name: 'not a check that decides anything, or no host in it',
      code: `const parts = [url.includes('example.com')];
log(url.includes('example.com'));
if (file.endsWith('.min.js')) skip();
if (name.includes('socket.io')) skip();
if (/jquery.min.js/.test(src)) skip();
if (path.includes('/api/v1')) route();`,
    },
    {
      name: 'an e-mail domain with its @, a host suffix with its leading dot',
      code: `if (email.endsWith('@example.com')) staff();
if (host.endsWith('.example.com')) allow();`,
    },
    {
      name: 'in a test file',
      filename: 'url.test.ts',
      code: `expect(url.includes('example.com')).toBe(true);\nif (url.includes('example.com')) done();`,
    },
  ],
  invalid: [
    {
      name: 'a substring test over each entry of a constant allow-list',
      code: `export const redirectAllowlist = new Set(['https://github.com/acme/shop', 'https://blog.acme.io/']);
const HOSTS = ['acme.io', 'cdn.acme.net'];
export function isRedirectAllowed(url: string) {
  let allowed = false;
  for (const allowedUrl of redirectAllowlist) {
    allowed = allowed || url.includes(allowedUrl); // vigil-expect
  }
  return allowed || HOSTS.some((h) => url.includes(h)); // vigil-expect
}`,
    },
    {
      name: 'a substring test for a host',
      code: `app.get('/go', (req, res) => {
  const next = String(req.query.next);
  if (next.includes('example.com')) return res.redirect(next); // vigil-expect
  if (next.indexOf('https://trusted.example.org') !== -1) return res.redirect(next); // vigil-expect
  if (next.indexOf('cdn.example.net') > -1) return res.redirect(next); // vigil-expect
  res.sendStatus(400);
});`,
    },
    {
      name: 'a prefix without the slash after the host, a suffix without the dot before it',
      code: `function allowedOrigin(origin: string) {
  return origin.startsWith('https://example.com'); // vigil-expect
}
const fromUs = (host: string) => host.endsWith('example.com'); // vigil-expect
if (origin.indexOf('https://example.com:8443') === 0) accept(); // vigil-expect`,
    },
    {
      name: 'host regexes: an unescaped dot, no start anchor',
      code: `window.addEventListener('message', (e) => {
  if (!/^https:\\/\\/www.example.com$/.test(e.origin)) return; // vigil-expect
  run(e.data);
});
const isOurs = (u: string) => /https?:\\/\\/(www\\.)?example\\.com\\//.test(u); // vigil-expect
if (referer.match(/^https:\\/\\/[a-z]+.example.co.uk\\//)) ok(); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
