import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/resource-exhaustion',
    kind: 'sast',
    title: 'Resource exhaustion: an untrusted number sizes an allocation or a timer',
    severity: 'medium',
    cwe: ['CWE-770', 'CWE-400'],
    owasp: ['A04:2021-Insecure Design'],
    help:
      'A size from the request reaches `Buffer.alloc`, `new Array(n)`, `"x".repeat(n)` or `Array(n).fill`; ' +
      'one request asking for 2^31 exhausts memory or CPU for everyone. A delay from the request given to ' +
      '`setTimeout`/`setInterval` in server code keeps each timer, and all its callback holds, alive for as ' +
      'long as the client asks (or fires it without pause). Converting to a number does not ' +
      'help here — bound it: `const n = Math.min(Number(req.query.n) || 0, 1000);` or reject when `n > MAX`.',
    fixHint: 'Clamp the number (Math.min with a maximum) or reject values above a limit.',
  },
  {
    sinks: [
      {
        call: [
          'Buffer.alloc',
          'Buffer.allocUnsafe',
          'Buffer.allocUnsafeSlow',
          'Array',
          'ArrayBuffer',
          'Uint8Array',
          'SharedArrayBuffer',
        ],
        args: [0],
        sizeArg: true,
        label: 'an allocation size',
      },
      { call: ['*.repeat', '*.padStart', '*.padEnd'], args: [0], label: 'a repeat count' },
      // Each pending timer holds its callback and all it closes over until it fires: on a server.
      { call: ['setTimeout', 'setInterval'], args: [1], server: true, label: 'a timer delay' },
    ],
    sanitisedBy: ['bounded'],
    guards: ['bound', 'allow', 'lookup'],
  },
);
