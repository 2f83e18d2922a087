import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'no webPreferences at all',
      code: `const win = new BrowserWindow({ width: 800, height: 600 });`,
    },
    {
      name: 'secure defaults spelled out',
      code: `new BrowserWindow({ webPreferences: { nodeIntegration: false, contextIsolation: true, sandbox: true, preload } });`,
    },
    {
      name: 'same names outside webPreferences',
      code: `const opts = { sandbox: false, webSecurity: false };\nconst vm = { nodeIntegration: true };`,
    },
    {
      name: 'blink features empty, flags read from a variable',
      code: `new BrowserWindow({ webPreferences: { enableBlinkFeatures: '', nodeIntegration: isDevTool } });`,
    },
  ],
  invalid: [
    {
      name: 'worker and sub-frames with Node',
      code: `new BrowserWindow({ webPreferences: { nodeIntegrationInWorker: true } }); // vigil-expect`,
    },
    {
      name: 'renderer given Node',
      code: `const win = new BrowserWindow({\n  webPreferences: {\n    nodeIntegration: true, // vigil-expect\n    contextIsolation: false, // vigil-expect\n    sandbox: false, // vigil-expect\n  },\n});`,
    },
    {
      name: 'web security and experimental features',
      code: `new BrowserWindow({ webPreferences: {\n  webSecurity: false, // vigil-expect\n  allowRunningInsecureContent: true, // vigil-expect\n  experimentalFeatures: true, // vigil-expect\n  enableBlinkFeatures: 'CSSVariables', // vigil-expect\n} });`,
    },
  ],
} satisfies RuleCases;
