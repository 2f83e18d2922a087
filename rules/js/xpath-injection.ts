import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/xpath-injection',
    kind: 'sast',
    title: 'XPath injection: untrusted data is built into an XPath expression',
    severity: 'high',
    cwe: ['CWE-643'],
    owasp: ['A03:2021-Injection'],
    help:
      'Request data is concatenated into an XPath query (`xpath.select`, `document.evaluate`). A quote ' +
      "in it rewrites the query — `' or '1'='1` selects every node, which is an authentication bypass " +
      'when users live in XML. Use variables (`xpath.parse(expr).select({ node, variables: { name } })`) ' +
      'or check the value against a strict pattern first.',
    fixHint: 'Use XPath variables instead of concatenation, or validate the value strictly.',
  },
  {
    sinks: [
      {
        call: [
          'xpath.select',
          'xpath.select1',
          'xpath.evaluate',
          'xpath.parse',
          'document.evaluate',
          'xpath.useNamespaces()',
        ],
        args: [0],
        label: 'an XPath expression',
      },
    ],
    sanitisedBy: ['numeric', 'word'],
    guards: ['allow', 'lookup'],
  },
);
