import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    { name: 'explicit origin', code: `frame.contentWindow.postMessage(msg, 'https://widget.acme.io');` },
    {
      name: 'own origin',
      code: `window.parent.postMessage(msg, location.origin);\nworker.postMessage(msg, [buf]);`,
    },
    {
      name: 'a local class with its own postMessage',
      code: `class Bus { postMessage(m: unknown, o: string) {} }\nconst bus = new Bus();\nbus.postMessage('x', '*');`,
    },
    { name: 'not a call with a target', code: `window.postMessage(1);\nconst star = '*';\nlog(star);` },
  ],
  invalid: [
    { name: 'literal star', code: `window.parent.postMessage({ token }, '*'); // vigil-expect` },
    {
      name: 'popup and frames, star through a constant',
      code: `const ANY = '*';\nconst w = window.open(url);\nw.postMessage(data, ANY); // vigil-expect\nwindow.frames[0].postMessage(data, '*', 'x'); // vigil-expect`,
    },
    { name: 'options form', code: `opener.postMessage(data, { targetOrigin: '*' }); // vigil-expect` },
  ],
} satisfies RuleCases;
