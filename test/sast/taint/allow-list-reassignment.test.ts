/**
 * A variable replaced unless it is allowed (src/sast/taint/reaching.ts with guards.ts's
 * allowedWhen): `if (!LANGS.includes(lang)) lang = 'en'` leaves `lang` one of the program's own
 * values or the replacement, so the earlier definition brings no taint past the `if`.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../src/sast/engine.ts';
import requireRule from '../../../rules/js/tainted-require.ts';
import commandRule from '../../../rules/js/command-injection.ts';

function flows(body: string, rule = requireRule): number {
  const code = `const { exec } = require('child_process');
const LANGS = ['en', 'fr', 'de'];
const TABLE = { en: 1, fr: 2 };
app.get('/t', async (req, res) => {
  let lang = req.query.lang;
  ${body}
  res.end();
});
`;
  const result = runRules('case.js', code, [rule]);
  expect(result.diagnostics).toEqual([]);
  return result.findings.filter((f) => f.precision === 'very-high').length;
}

describe('a value replaced unless allowed', () => {
  it.each([
    [`if (!LANGS.includes(lang)) { lang = 'en'; } await import(\`./t/\${lang}.js\`);`],
    [`if (!LANGS.includes(lang)) lang = 'en'; require('./t/' + lang);`],
    [`if (LANGS.includes(lang)) console.log('known'); else lang = 'en'; require('./t/' + lang);`],
    [`if (LANGS.indexOf(lang) === -1) lang = 'en'; require('./t/' + lang);`],
    [`if (!Object.hasOwn(TABLE, lang)) lang = 'en'; require('./t/' + lang);`],
    [`if (!LANGS.find((l) => l === lang)) lang = LANGS[0]; require('./t/' + lang);`],
    [`if (lang !== 'en' && lang !== 'fr') lang = 'en'; require('./t/' + lang);`],
  ])('%s', (body) => {
    expect(flows(body)).toBe(0);
  });

  it('holds for any rule: the value is one of the program’s own', () => {
    expect(flows(`if (!LANGS.includes(lang)) lang = 'en'; exec('locale ' + lang);`, commandRule)).toBe(0);
  });

  it.each([
    // The replacement is itself request data.
    [`if (!LANGS.includes(lang)) lang = req.query.other; require('./t/' + lang);`],
    // The list is the client's.
    [`if (!req.query.list.includes(lang)) lang = 'en'; require('./t/' + lang);`],
    // The branch does not always replace it.
    [`if (!LANGS.includes(lang)) { if (req.query.x) lang = 'en'; } require('./t/' + lang);`],
    // The wrong polarity: replaced exactly when allowed.
    [`if (LANGS.includes(lang)) lang = 'en'; require('./t/' + lang);`],
    // A check of a property says nothing of the whole value.
    [`if (!LANGS.includes(lang.code)) lang = 'en'; require('./t/' + lang);`],
  ])('still reports: %s', (body) => {
    expect(flows(body)).toBe(1);
  });
});
