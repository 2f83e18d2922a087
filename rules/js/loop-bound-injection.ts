import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/loop-bound-injection',
    kind: 'sast',
    title: 'Loop bound injection: a loop runs to the length of an object the client built',
    severity: 'medium',
    cwe: ['CWE-834', 'CWE-400'],
    owasp: ['A04:2021-Insecure Design'],
    help:
      'A loop counts up to `x.length` where `x` is the parsed request body or one of its fields ' +
      '(`for (let i = 0; i < req.body.items.length; i++)`). JSON and extended query strings make ' +
      'objects, not only arrays: a client sends `{ "length": 1e9 }` and one request keeps the event ' +
      'loop busy for minutes. Check the type first (`if (!Array.isArray(items)) return res.sendStatus(400)`), ' +
      'bound the length, or iterate with `for…of`, which never trusts a `length` property.',
    fixHint: 'Check Array.isArray (and a maximum length) before looping, or use for…of.',
  },
  {
    sinks: [],
    sanitisedBy: ['bounded', 'numeric', 'string'],
    guards: ['array', 'bound'],
    loopBoundInput: true,
  },
);
