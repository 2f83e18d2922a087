import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'reading it',
      code: `const d = document.domain;\nif (window.document.domain === 'a.acme.io') init();`,
    },
    {
      name: 'a local object called document',
      code: `function f(document: { domain: string }) { document.domain = 'x'; }\nconst cfg = { domain: '' };\ncfg.domain = 'acme.io';`,
    },
    {
      name: 'cookie domain option',
      code: `res.cookie('sid', id, { domain: '.acme.io', secure: true, httpOnly: true });`,
    },
    {
      name: 'computed member',
      code: `document['dom' + 'ain'] === x;\nconst site = { document: {} };\nsite['document'];`,
    },
  ],
  invalid: [
    { name: 'plain', code: `document.domain = 'acme.io'; // vigil-expect` },
    {
      name: 'through window, a popup and a constant',
      code: `window.document.domain = parent; // vigil-expect\npopup.document.domain = 'acme.io'; // vigil-expect\nconst doc = window.document;\ndoc.domain = 'acme.io'; // vigil-expect`,
    },
    {
      name: 'through a local accessor',
      code: `function getDoc() { return document; }\ngetDoc().domain = base; // vigil-expect`,
    },
  ],
} satisfies RuleCases;
