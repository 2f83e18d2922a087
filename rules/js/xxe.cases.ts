import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'options held in a var or a let the declaration alone writes',
      code: `const libxml = require('libxmljs');
router.post('/soap', function (req, res) {
  var options = { noent: true, dtdload: true };
  try {
    const doc = libxml.parseXml(req.body, options); // vigil-expect
  } catch (e) {}
});
router.post('/import', function (req, res) {
  let parseOptions = { noent: true };
  libxml.parseXmlString(req.body.xml, parseOptions); // vigil-expect
});`,
    },
    {
      name: 'libxmljs SAX parsers fed the request',
      code: `const libxmljs = require('libxmljs');
app.post('/sax', (req, res) => {
  const parser = new libxmljs.SaxParser();
  parser.on('characters', (t) => res.write(t));
  parser.parseString(req.body.xml); // vigil-expect
  const push = new libxmljs.SaxPushParser();
  push.push(req.query.chunk); // vigil-expect
});`,
    },
    {
      name: 'node-expat parser fed the request body',
      code: `const expat = require('node-expat');
app.post('/feed', (req, res) => {
  const parser = new expat.Parser('UTF-8');
  parser.on('text', (t) => res.write(t));
  parser.write(req.body.xml); // vigil-expect
});`,
    },
    {
      name: 'xml2json of a query parameter',
      code: `import xml2json from 'xml2json';
app.get('/convert', (req, res) => {
  res.json(xml2json.toJson(req.query.doc, { object: true })); // vigil-expect
});`,
    },
    {
      name: 'libxmljs with noent',
      code: `const libxmljs = require('libxmljs');
app.post('/import', (req, res) => {
  const doc = libxmljs.parseXml(req.body.xml, { noent: true }); // vigil-expect
  res.send(doc.root().text());
});`,
    },
    {
      name: 'libxmljs2 parseXmlString through a variable',
      code: `import * as libxml from 'libxmljs2';
router.post('/x', async (ctx) => {
  const xml = String(ctx.request.body);
  libxml.parseXmlString(xml, { noent: true, nonet: false }); // vigil-expect
});`,
    },
    {
      name: 'DTD loading',
      code: `import libxmljs from 'libxmljs';
export async function POST(request: Request) {
  libxmljs.parseXml(await request.text(), { dtdload: true }); // vigil-expect
}`,
    },
    {
      name: 'libxml2 options on a wrapper module or a parser object',
      code: `const xml = require('./lib/xml');
app.post('/upload', (req, res) => {
  const tree = xml.parseXmlString(req.files.doc.data.toString(), { noent: true }); // vigil-expect
  const parser = xml.createParser();
  parser.parseXml(req.body.feed, { dtdload: true, noblanks: true }); // vigil-expect
  res.json(tree);
});`,
    },
  ],
  valid: [
    {
      name: 'a parseXml method without libxml2 entity options',
      code: `const xml = require('./lib/xml');
app.post('/upload', (req, res) => { res.json(xml.parseXmlString(req.body.doc, { noblanks: true })); });`,
    },
    {
      name: 'sax ignores DTD entity declarations',
      code: `const sax = require('sax');
app.post('/s', (req, res) => { const p = sax.parser(true); p.write(req.body.xml).close(); });`,
    },
    {
      name: 'node-expat on a constant document',
      code: `const expat = require('node-expat');
const parser = new expat.Parser('UTF-8');
parser.write('<config><debug>false</debug></config>');`,
    },
    {
      name: 'default options keep entities off',
      code: `const libxmljs = require('libxmljs');
app.post('/i', (req, res) => { libxmljs.parseXml(req.body.xml); });`,
    },
    {
      name: 'noent false',
      code: `const libxmljs = require('libxmljs');
app.post('/i', (req, res) => { libxmljs.parseXml(req.body.xml, { noent: false }); });`,
    },
    {
      name: 'trusted local file',
      code: `import fs from 'fs'; import libxmljs from 'libxmljs';
libxmljs.parseXml(fs.readFileSync('config.xml', 'utf8'), { noent: true });`,
    },
    {
      name: 'DOMParser does not expand external entities',
      code: `app.post('/i', (req, res) => { new DOMParser().parseFromString(req.body.xml, 'text/xml'); });`,
    },
  ],
} satisfies RuleCases;
