import { DESERIALISE_SINKS } from '../../src/sast/models/code.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/unsafe-deserialization',
    kind: 'sast',
    title: 'Unsafe deserialisation: untrusted data is deserialised by a code-executing format',
    severity: 'critical',
    cwe: ['CWE-502'],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    help:
      '`node-serialize.unserialize`, `funcster`, `serialize-to-js`, `cryo` and js-yaml with the full ' +
      'schema can rebuild functions from their input, and an immediately invoked one runs on load — ' +
      'remote code execution from a cookie or a body. Exchange plain data: `JSON.parse(text)`, or ' +
      "`yaml.load(text)` with js-yaml 4's default (safe) schema.",
    fixHint: 'Use JSON.parse or a safe YAML schema; never deserialise functions from input.',
  },
  {
    sinks: DESERIALISE_SINKS,
    sanitisedBy: [],
    guards: [],
  },
);
