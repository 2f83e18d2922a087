import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/prototype-pollution',
    kind: 'sast',
    title: 'Prototype pollution: untrusted keys write into nested objects',
    severity: 'high',
    cwe: ['CWE-1321'],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    help:
      'A property path chosen by the request is written (`obj[a][b] = v`, `_.set(obj, path, v)`), or ' +
      'request JSON is deep-merged (`_.merge`, `_.defaultsDeep`, deepmerge, `$.extend(true, …)`). With the key ' +
      '`__proto__` or `constructor.prototype` the write lands on `Object.prototype` and every object in ' +
      "the process gains the attacker's property (often an `isAdmin` or a template option). Reject " +
      "those keys or use a Map: `if (key === '__proto__' || key === 'constructor' || key === 'prototype') return;`",
    fixHint:
      'Reject __proto__/constructor/prototype keys, use Map or Object.create(null), or avoid deep merges of input.',
  },
  {
    sinks: [
      {
        call: [
          'lodash.merge',
          'lodash.mergeWith',
          'lodash.defaultsDeep',
          'deep-extend',
          'merge-deep',
          'deepmerge',
          'mixin-deep',
          'defaults-deep',
        ],
        args: 'all',
        label: 'a deep merge',
      },
      {
        // jQuery's extend copies deeply only when told to: `$.extend(true, target, source)`.
        call: ['$.extend', 'jQuery.extend', 'jquery.extend'],
        args: 'all',
        firstLiteral: '^true$',
        label: 'a deep merge',
      },
      {
        call: [
          'lodash.set',
          'lodash.setWith',
          'set-value',
          'dot-prop.setProperty',
          'dot-prop.set',
          'object-path.set',
          'dottie.set',
        ],
        args: [1],
        label: 'a property path write',
      },
    ],
    sources: ['remote', 'cli', 'dom', 'storage', 'library'],
    sanitisedBy: ['numeric', 'json', 'key'],
    guards: ['allow', 'deny-proto'],
    taintedKeyWrite: true,
  },
);
