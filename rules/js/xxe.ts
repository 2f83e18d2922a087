import { XML_SINKS } from '../../src/sast/models/xml.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/xxe',
    kind: 'sast',
    title: 'XML external entities: untrusted XML parsed with entity expansion on',
    severity: 'high',
    cwe: ['CWE-611', 'CWE-776'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      'Request XML is parsed with entity expansion on: libxmljs/libxmljs2 with `noent` or `dtdload` ' +
      '(`libxmljs.parseXml(xml, { noent: true })`), or node-expat and xml2json, which expand internal ' +
      'entities with no limit on nesting. A `<!ENTITY x SYSTEM "file:///etc/passwd">` then reads files or ' +
      'reaches internal URLs, and nested entities ("billion laughs") exhaust memory. Parse without ' +
      '`noent` (the default), or use a parser that ignores DTD entities (sax, fast-xml-parser, xml2js).',
    fixHint: 'Do not enable noent/dtdload on untrusted XML; keep entity expansion off.',
  },
  {
    sinks: XML_SINKS,
    sanitisedBy: [],
    guards: [],
  },
);
