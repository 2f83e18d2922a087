import type { SinkSpec } from '../taint/spec.ts';

/**
 * XML parsers that expand entities, per library: libxml2 bindings only when asked to (`noent`
 * substitutes entities, `dtdload` fetches external DTDs); node-expat, and xml2json which parses
 * with it, expand internal entities whatever the options, and the libexpat node-expat bundles
 * predates expat 2.4's limit on nested expansion ("billion laughs"). libxmljs's SAX parsers
 * register libxml2's default entity handlers and substitute entities whatever they are given.
 * sax, xmldom, xml2js and
 * fast-xml-parser do not read DTD entity declarations into text, so they are not here.
 * The js/xxe rule reads these.
 */
const LIBXML = [
  ...['libxmljs', 'libxmljs2', 'libxml'].flatMap((m) => [
    `${m}.parseXml`,
    `${m}.parseXmlString`,
    `${m}.parseXmlAsync`,
    `${m}.Document.fromXml`,
  ]),
  // `noent` and `dtdload` are libxml2's own options: a parseXml* method given them, on whatever
  // object (a wrapper module, a parser instance), asks libxml2 to expand entities.
  '*.parseXml',
  '*.parseXmlString',
  '*.parseXmlAsync',
];

export const XML_SINKS: SinkSpec[] = [
  {
    call: LIBXML,
    args: [0],
    when: [{ arg: 1, key: 'noent', present: true }],
    label: 'an XML parser expanding entities',
  },
  {
    call: LIBXML,
    args: [0],
    when: [{ arg: 1, key: 'dtdload', present: true }],
    label: 'an XML parser loading DTDs',
  },
  {
    call: ['libxmljs', 'libxmljs2', 'libxml'].flatMap((m) => [
      `${m}.SaxParser().parseString`,
      `${m}.SaxPushParser().push`,
    ]),
    args: [0],
    label: 'a libxml2 SAX parser, which substitutes entities',
  },
  {
    call: ['node-expat.Parser().parse', 'node-expat.Parser().write', 'node-expat.createParser().write'],
    args: [0],
    label: 'an XML parser expanding internal entities without a limit',
  },
  {
    call: ['xml2json.toJson'],
    args: [0],
    label: 'an XML parser expanding internal entities without a limit',
  },
];
