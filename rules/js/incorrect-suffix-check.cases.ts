import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'endsWith, and the index checked against -1 first',
      code: `const ok = host.endsWith('.example.com');
const i = host.lastIndexOf(suffix);
if (i !== -1 && i === host.length - suffix.length) allow();
if (host.indexOf(suffix) >= 0 && host.indexOf(suffix) === host.length - suffix.length) allow();`,
    },
    {
      name: 'other arithmetic: a prefix test, a length of something else',
      code: `if (s.indexOf(t) === 0) start();
if (s.indexOf(t) === other.length - t.length) odd();
if (s.indexOf('.js') === s.length - 4) odd();`,
    },
    {
      name: 'the index compared with something that is not a length difference',
      code: `if (list.indexOf(item) === list.length - 1) last();
if (s.indexOf(t) === n - t.length) odd();`,
    },
    {
      name: 'an ordering, not an equality',
      code: `if (s.indexOf(t) > s.length - t.length) never();`,
    },
  ],
  invalid: [
    {
      name: 'the suffix by its length',
      code: `function endsWith(str: string, suffix: string) {
  return str.indexOf(suffix) === str.length - suffix.length; // vigil-expect
}`,
    },
    {
      name: 'a literal suffix by its own length, lastIndexOf, either side',
      code: `if (host.lastIndexOf('.example.com') == host.length - 12) allow(); // vigil-expect
if (name.length - ext.length !== name.indexOf(ext)) reject(); // vigil-expect`,
    },
    {
      name: 'in a longer condition that does not rule out -1',
      code: `const trusted = origin.startsWith('https://') && origin.indexOf(domain) === origin.length - domain.length; // vigil-expect`,
    },
  ],
} satisfies RuleCases;
