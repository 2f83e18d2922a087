import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'js-yaml load with no package.json in view to say its version (medium)',
      code: `import yaml from 'js-yaml';
app.post('/cfg', (req, res) => { yaml.load(req.body.yaml); }); // vigil-expect`,
    },
    {
      name: 'a code-executing deserialiser given a value from elsewhere (pattern half)',
      code: `const serialize = require('node-serialize');
export function restore(saved) {
  return serialize.unserialize(saved); // vigil-expect
}
export const load = (text) => require('serialize-to-js').deserialize(text); // vigil-expect`,
    },
    {
      name: 'js-yaml 4 extended with the JavaScript types',
      code: `const yaml = require('js-yaml');
app.post('/cfg', (req, res) => {
  res.json(yaml.load(req.body.yaml, { schema: yaml.DEFAULT_SCHEMA.extend(require('js-yaml-js-types').all) })); // vigil-expect
});`,
    },
    {
      name: 'node-serialize of a cookie',
      code: `const serialize = require('node-serialize');
app.get('/', (req, res) => {
  const prefs = serialize.unserialize(Buffer.from(req.cookies.profile, 'base64').toString()); // vigil-expect
});`,
    },
    {
      name: 'js-yaml full schema',
      code: `import yaml from 'js-yaml';
app.post('/cfg', (req, res) => {
  yaml.load(req.body.yaml, { schema: yaml.DEFAULT_FULL_SCHEMA }); // vigil-expect
});`,
    },
    {
      name: 'funcster from a WebSocket message',
      code: `const funcster = require('funcster');
wss.on('connection', (ws) => ws.on('message', (data) => {
  funcster.deepDeserialize(JSON.parse(data)); // vigil-expect
}));`,
    },
  ],
  valid: [
    {
      name: "js-yaml's safeLoad and the default schema named",
      code: `import yaml from 'js-yaml';
app.post('/cfg', (req, res) => { yaml.safeLoad(req.body.yaml); yaml.load(req.body.other, { schema: yaml.CORE_SCHEMA }); });`,
    },
    { name: 'JSON.parse', code: `app.post('/x', (req, res) => { JSON.parse(req.body.data); });` },
    {
      name: 'node-serialize of a constant',
      code: `const serialize = require('node-serialize');
serialize.unserialize('{"a":1}');`,
    },
    {
      name: 'a local unserialize',
      code: `const store = { unserialize: (s: string) => s.split(',') };
app.get('/x', (req, res) => { store.unserialize(req.query.list); });`,
    },
  ],
} satisfies RuleCases;
