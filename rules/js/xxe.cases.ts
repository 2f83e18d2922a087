import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
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
  ],
  valid: [
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
