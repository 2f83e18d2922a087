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
      'Request XML is parsed with external entity expansion enabled (`libxmljs.parseXml(xml, { noent: true })`, ' +
      'libxmljs2, `xmldom` with entity options). A `<!ENTITY x SYSTEM "file:///etc/passwd">` then reads ' +
      'files or reaches internal URLs, and nested entities exhaust memory. Parse without `noent` (the ' +
      'default), or use a parser without DTD support: `libxmljs.parseXml(xml)`.',
    fixHint: 'Do not enable noent/dtdload on untrusted XML; keep entity expansion off.',
  },
  {
    sinks: [
      {
        call: [
          'libxmljs.parseXml',
          'libxmljs.parseXmlString',
          'libxmljs2.parseXml',
          'libxmljs2.parseXmlString',
          'libxmljs.parseXmlAsync',
          'libxmljs2.parseXmlAsync',
        ],
        args: [0],
        when: [{ arg: 1, key: 'noent', present: true }],
        label: 'an XML parser expanding entities',
      },
      {
        call: ['libxmljs.parseXml', 'libxmljs2.parseXml', 'libxmljs.parseXmlString'],
        args: [0],
        when: [{ arg: 1, key: 'dtdload', present: true }],
        label: 'an XML parser loading DTDs',
      },
      {
        call: ['node-expat.Parser().parse', 'xml2json.toJson'],
        args: [0],
        when: [{ arg: 1, key: 'entities', present: true }],
        label: 'an XML parser expanding entities',
      },
    ],
    sanitisedBy: [],
    guards: [],
  },
);
