import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: "a search engine's search with options (the string methods take one argument)",
      code: `app.get('/find', async (req, res) => {
  res.json(await meili.index('links').search(req.query.q, { limit: 20 }));
});`,
    },
    {
      name: "ts-pattern's imported match, which has no receiver",
      code: `import { match } from 'ts-pattern';
app.get('/f', (req, res) => res.json(match(req.query.type).with('a', () => 1).otherwise(() => 2)));`,
    },
    {
      name: "a search library's own search method (Fuse.js), on an instance the code constructs",
      code: `import Fuse from 'fuse.js';
app.get('/find', (req, res) => {
  const fuse = new Fuse(items, { keys: ['name'] });
  res.json(fuse.search(req.query.q));
  res.json(new Fuse(items).search(req.query.q));
});`,
    },
    {
      name: "a class's own static match method",
      code: `import { ApiKey } from './models/ApiKey';
app.post('/auth', (req, res) => {
  if (ApiKey.match(req.body.token) || OAuthToken.match(req.body.token)) res.sendStatus(204);
});`,
    },
    {
      name: 'literal and constant patterns',
      code: `const WORD = '\\\\w+';\nnew RegExp('^[a-z]+$', 'i');\nnew RegExp(WORD + '$');\nRegExp(/x/);`,
    },
    {
      name: 'escaped input',
      code: `import escapeStringRegexp from 'escape-string-regexp';\nnew RegExp(escapeStringRegexp(term), 'i');\nnew RegExp(\`^\${_.escapeRegExp(prefix)}\`);`,
    },
    { name: 'inline escape', code: `new RegExp(term.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&'));` },
    {
      name: 'shadowed RegExp',
      code: `class RegExp { constructor(public s: string) {} }\nnew RegExp(userInput);`,
    },
    {
      name: 'a choice between constants',
      code: `new RegExp(\`\${esc === '\\\\' ? '\\\\\\\\' : '\\\`'}[ \\\\t]*$\`);`,
    },
    { name: 'constant flags only', code: `const re = new RegExp('a|b', flags);` },
    {
      name: 'another regex source and mapped escapes',
      code: `const LB = /\\r\\n|[\\r\\n]/u;\nnew RegExp(LB.source, 'gu');\nnew RegExp(String.raw\`^(\${markers.map(escapeRegExp).join('|')})\`, 'u');`,
    },
    {
      name: 'a separator escaped into a local, then concatenated',
      code: `function split(str, sep) {\n  const safe = escapeStringRegexp(sep);\n  return str.replace(new RegExp('(' + safe + '[A-Z])', 'g'), '$1');\n}`,
    },
    {
      name: 'a chain of other regexes sources',
      code: `const A = /[a-z]+/;\nconst B = /\\d+/;\nconst AB = new RegExp('^' + A.source + '(?:,' + B.source + ')*$');`,
    },
    {
      name: 'escaped with lodash',
      code: `import _ from 'lodash';
app.get('/s', (req, res) => { new RegExp(_.escapeRegExp(req.query.q)); });`,
    },
    {
      name: 'escaped with the built-in RegExp.escape',
      code: `app.get('/s', (req, res) => { res.json(new RegExp('^' + RegExp.escape(req.query.q)).test(name)); });`,
    },
    {
      name: 'escaped with replace',
      code: `app.get('/s', (req, res) => { new RegExp(String(req.query.q).replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&')); });`,
    },
    {
      name: 'a table of pattern pieces built from its own entries, compiled in a loop',
      code: `const src = [];
const re = (exports.re = []);
let n = 0;
const DIGITS = n++;
src[DIGITS] = '0|[1-9]\\\\d*';
const VERSION = n++;
src[VERSION] = '(' + src[DIGITS] + ')\\\\.(' + src[DIGITS] + ')';
for (let i = 0; i < n; i++) re[i] = new RegExp(src[i]);`,
    },
    {
      name: 'a private helper called only with constant pieces, which it rewrites with constants',
      code: `const { MAX_LENGTH } = require('./constants');
const src = [];
const t = {};
const token = (name, value) => {
  t[name] = src.length;
  src.push(value);
  const loose = value.split('\\\\s*').join('\\\\s?');
  return [new RegExp(value), new RegExp(loose)];
};
token('NUM', \`\\\\d{1,\${MAX_LENGTH}}\`);
token('PAIR', \`\${src[t.NUM]}\\\\s*,\\\\s*\${src[t.NUM]}\`);`,
    },
    {
      name: "a constant field of each element of an array literal whose other field is the request's",
      code: `app.get('/i/:id', (req, res) => {
  let head = template;
  [
    { key: 'pageUrl', value: \`\${host}/i/\${req.params.id}\` },
    { key: 'pageId', value: req.params.id },
  ].forEach((cfg) => {
    head = head.replace(new RegExp(\`{{\${cfg.key}}}\`, 'g'), cfg.value);
  });
  res.send(head);
});`,
    },
    {
      name: 'the constant field read through for…of, destructuring, map, reduce and an index',
      code: `app.get('/i/:id', (req, res) => {
  const fields = [
    { key: 'pageUrl', value: req.query.url },
    { key: 'pageId', value: req.params.id },
  ];
  for (const field of fields) new RegExp(field.key);
  for (const { key, value } of fields) res.write(new RegExp(key).source + value);
  fields.forEach(({ key }) => new RegExp(key));
  const sources = fields.map((f) => new RegExp(\`^\${f.key}$\`).source);
  fields.reduce((text, f) => text.replace(new RegExp(f.key), ''), template);
  for (let i = 0; i < fields.length; i++) new RegExp(fields[i].key);
  res.json(sources);
});`,
    },
    { name: 'literal pattern', code: `app.get('/s', (req, res) => { req.query.q.match(/^[a-z]+$/); });` },
    {
      name: 'includes instead of a regex',
      code: `app.get('/s', (req, res) => { names.filter((n) => n.includes(req.query.q)); });`,
    },
  ],
  invalid: [
    {
      name: 'a table one entry of which comes from a caller',
      code: `const src = [];
src[0] = '\\\\d+';
export function addToken(pattern) {
  src.push(pattern);
}
export const compiled = () => src.map((_, i) => new RegExp(src[i])); // vigil-expect`,
    },
    {
      name: 'a helper that is exported, or called with a parameter',
      code: `export const token = (value) => new RegExp(value); // vigil-expect
const local = (value) => new RegExp(value); // vigil-expect
local('a+');
export function build(piece) { return local(piece); }`,
    },
    {
      name: 'user pattern',
      code: `export function search(q: string) {\n  return new RegExp(q); // vigil-expect\n}`,
    },
    {
      name: 'template and concatenation with raw input',
      code: `const re1 = new RegExp(\`^\${prefix}-\\\\d+$\`); // vigil-expect\nconst re2 = RegExp('(' + words.join('|') + ')', 'g'); // vigil-expect`,
    },
    {
      name: 'a raw separator in the middle of a concatenation',
      code: `function split(str, sep) {\n  return str.replace(new RegExp('(' + sep + '[A-Z])', 'g'), '$1'); // vigil-expect\n}`,
    },
    {
      name: 'a local that holds the raw text',
      code: `function find(str, word) {\n  const w = word.trim();\n  return new RegExp('\\\\b' + w + '\\\\b').test(str); // vigil-expect\n}`,
    },
    {
      name: 'request query',
      code: `app.get('/s', (req, res) => {\n  const re = new RegExp(req.query.pattern as string, 'i'); // vigil-expect\n  res.json(items.filter((i) => re.test(i)));\n});`,
    },
    {
      name: 'new RegExp of a query parameter',
      code: `app.get('/search', (req, res) => {
  const re = new RegExp(req.query.q, 'i'); // vigil-expect
  res.json(items.filter((i) => re.test(i.name)));
});`,
    },
    {
      name: 'String.prototype.match with a body field',
      code: `app.post('/v', (req, res) => {
  const ok = req.body.text.match(req.body.pattern); // vigil-expect
});`,
    },
    {
      name: "the element's field that holds the request's data, read as the pattern",
      code: `app.get('/i/:id', (req, res) => {
  [
    { key: 'pageUrl', value: \`/i/\${req.params.id}\` },
    { key: 'pageId', value: req.params.id },
  ].forEach((cfg) => {
    new RegExp(cfg.key);
    new RegExp(cfg.value); // vigil-expect
  });
  for (const { key, value } of [{ key: 'a', value: req.query.v }]) {
    new RegExp(key);
    new RegExp(value); // vigil-expect
  }
});`,
    },
    {
      name: "one element's key from the request, or an element spread from it",
      code: `app.get('/s', (req, res) => {
  [{ key: 'a', value: 1 }, { key: req.query.k, value: 2 }].forEach((cfg) => new RegExp(cfg.key)); // vigil-expect
  [{ key: 'a' }, { ...req.query }].forEach(({ key }) => new RegExp(key)); // vigil-expect
  [{ key: 'a', ...req.body }].map((cfg) => new RegExp(cfg.key)); // vigil-expect
  [{ key: 'a', value: req.query.v }].forEach((cfg) => new RegExp(cfg.other)); // vigil-expect
});`,
    },
    {
      name: 'an array of constant keys pushed to, written through an element, or handed to other code',
      code: `app.get('/s', (req, res) => {
  const pushed = [{ key: 'a', value: 'b' }];
  pushed.push({ key: req.query.k });
  pushed.forEach((cfg) => new RegExp(cfg.key)); // vigil-expect
  const written = [{ key: 'a', value: req.query.v }];
  written.forEach((cfg) => { cfg.key = cfg.value; });
  for (const cfg of written) new RegExp(cfg.key); // vigil-expect
  const indexed = [{ key: 'a', value: req.query.v }];
  indexed[0].key = indexed[0].value;
  new RegExp(indexed[0].key); // vigil-expect
  const handed = [{ key: 'a', value: req.query.v }];
  shuffleFields(handed);
  handed.forEach((cfg) => new RegExp(cfg.key)); // vigil-expect
});`,
    },
    {
      name: 'pattern from the URL in the browser',
      code: `const term = new URLSearchParams(location.search).get('filter') ?? '';
const rx = RegExp('^' + term); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
