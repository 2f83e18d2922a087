import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, namesHint } from '../../src/sast/rule.ts';
import { propertyKey, resolverFor } from '../../src/sast/resolve.ts';

/** webPreferences that weaken the renderer when set to this value (Electron security checklist). */
const DANGEROUS: Record<string, boolean> = {
  nodeIntegration: true,
  nodeIntegrationInWorker: true,
  nodeIntegrationInSubFrames: true,
  contextIsolation: false,
  webSecurity: false,
  allowRunningInsecureContent: true,
  experimentalFeatures: true,
  sandbox: false,
};

export default defineRule({
  meta: {
    id: 'js/electron-insecure-settings',
    kind: 'sast',
    title: 'Electron window with its security features turned off',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-16', 'CWE-94'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      'In an Electron `webPreferences` object, `nodeIntegration: true`, `contextIsolation: false` ' +
      'or `sandbox: false` give any script in the page (one XSS, one compromised dependency or ad) ' +
      'the whole of Node.js; `webSecurity: false` and `allowRunningInsecureContent: true` drop the ' +
      'same-origin policy and let http content into https pages; `experimentalFeatures` and ' +
      '`enableBlinkFeatures` switch on untested browser code. Keep the defaults and expose what the ' +
      'page needs through a preload script with `contextBridge`.',
    fixHint: 'Remove the override; expose a narrow API with contextBridge in a preload script.',
  },
  hint: namesHint([...Object.keys(DANGEROUS), 'enableBlinkFeatures']),
  create(context) {
    return {
      Property(node: TSESTree.Property) {
        const key = propertyKey(node);
        if (!key || node.parent.type !== 'ObjectExpression') return;
        // Only inside webPreferences: `sandbox: false` or `webSecurity` elsewhere mean other things.
        const holder = node.parent.parent;
        if (holder?.type !== 'Property' || propertyKey(holder) !== 'webPreferences') return;
        const v = resolverFor(context.ast).staticValue(node.value);
        if (key === 'enableBlinkFeatures') {
          if (v && typeof v.value === 'string' && v.value !== '') {
            context.report({ node, message: 'enableBlinkFeatures turns on experimental browser features.' });
          }
          return;
        }
        if (!(key in DANGEROUS) || !v || Boolean(v.value) !== DANGEROUS[key]) return;
        context.report({
          node,
          message: `webPreferences.${key}: ${String(v.value)} weakens the renderer's isolation.`,
        });
      },
    };
  },
});
