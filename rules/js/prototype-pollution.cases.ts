import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'jQuery deep extend of request JSON',
      code: `const $ = require('jquery');
app.post('/prefs', (req, res) => {
  $.extend(true, {}, req.body.prefs); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'nested write with keys from the body',
      code: `const settings: Record<string, any> = {};
app.post('/settings', (req, res) => {
  const { section, key, value } = req.body;
  settings[section][key] = value; // vigil-expect
});`,
    },
    {
      name: 'an index whose levels are plain objects, or whose holder is',
      code: `class Store {
  constructor() { this.index = Object.create(null); }
  put(req) {
    const { group, name, value } = req.body;
    if (!this.index[group]) this.index[group] = {};
    this.index[group][name] = value; // vigil-expect
  }
}
class Aliased {
  constructor() { this.index = Object.create(null); }
  add(group) { this.index[group] = Object.create(null); }
  put(req) {
    const index = this.index;
    index[req.body.group] = {};
    this.index[req.body.group][req.body.name] = req.body.value; // vigil-expect
  }
}
const byUser = {};
app.post('/put', (req, res) => {
  new Store().put(req);
  new Aliased().put(req);
  byUser[req.body.user] = byUser[req.body.user] || Object.create(null);
  byUser[req.body.user][req.body.key] = req.body.value; // vigil-expect
});`,
    },
    {
      name: 'lodash merge of the request body',
      code: `import _ from 'lodash';
app.put('/profile', (req, res) => {
  _.merge(req.session.profile, req.body); // vigil-expect
});`,
    },
    {
      name: 'lodash set with a path from the query',
      code: `const { set } = require('lodash');
router.post('/cfg', (ctx) => { set(config, ctx.query.path, ctx.request.body.v); }); // vigil-expect`,
    },
    {
      name: 'recursive merge of the request body into a shared object',
      code: `function deepAssign(target, source) {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value && typeof value === 'object') {
      target[key] = target[key] || {};
      deepAssign(target[key], value);
    } else {
      target[key] = value; // vigil-expect
    }
  }
}
app.post('/prefs', (req, res) => { deepAssign(prefs, req.body); res.end(); });`,
    },
    {
      name: 'set-by-path loop with a dotted path from the query',
      code: `function assignPath(root, dotted, value) {
  const segments = dotted.split('.');
  let node = root;
  while (segments.length > 1) {
    const seg = segments.shift();
    node = node[seg] ?? (node[seg] = {});
  }
  node[segments[0]] = value; // vigil-expect
}
app.get('/tweak', (req, res) => { assignPath(state, req.query.at, req.query.to); });`,
    },
    {
      name: 'a set-by-path loop that rejects __proto__ only: constructor.prototype still reaches the prototype',
      code: `function setKey(obj, keys, value) {
  let o = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    if (key === '__proto__') return;
    if (o[key] === undefined) o[key] = {};
    o = o[key];
  }
  const last = keys[keys.length - 1];
  if (last === '__proto__') return;
  o[last] = value; // vigil-expect
}
app.get('/set', (req, res) => { setKey(config, String(req.query.path).split('.'), req.query.v); res.end(); });`,
    },
    {
      name: 'a set-by-path loop over parts a helper splits without vetting',
      code: `function splitPath(path) {
  return path.split('.').map((part) => ({ name: part }));
}
function setIn(obj, parts, value) {
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) cur = cur[parts[i].name] ??= {};
  cur[parts[parts.length - 1].name] = value; // vigil-expect
}
app.post('/set', (req, res) => { setIn(config, splitPath(req.body.path), req.body.value); res.end(); });`,
    },
  ],
  valid: [
    {
      name: 'jQuery shallow extend',
      code: `const $ = require('jquery');
app.post('/prefs', (req, res) => {
  res.json($.extend({}, defaults, req.body.prefs));
});`,
    },
    {
      name: 'recursive merge that skips the dangerous keys',
      code: `function deepAssign(target, source) {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor') continue;
    const value = source[key];
    if (value && typeof value === 'object') deepAssign((target[key] ??= {}), value);
    else target[key] = value;
  }
}
app.post('/prefs', (req, res) => { deepAssign(prefs, req.body); res.end(); });`,
    },
    {
      name: 'recursive merge that only descends into own properties of the target',
      code: `function deepAssign(target, source) {
  for (const key in source) {
    if (typeof source[key] === 'object' && Object.hasOwn(target, key)) deepAssign(target[key], source[key]);
    else if (!(key in target) || Object.hasOwn(target, key)) target[key] = source[key];
  }
}
app.post('/prefs', (req, res) => { deepAssign(prefs, req.body); res.end(); });`,
    },
    {
      name: 'rows indexed by a counter, columns named by the request',
      code: `app.post('/grid', (req, res) => {
  const grid = [[0, 0], [0, 0]];
  for (let i = 0; i < grid.length; i++) {
    const row = grid[i];
    row[req.body.col] = 1;
  }
});`,
    },
    {
      name: 'an index of null-prototype objects at every level',
      code: `class Store {
  constructor() { this.index = Object.create(null); }
  put(req) {
    const { group, name, value } = req.body;
    if (!this.index[group]) this.index[group] = Object.create(null);
    this.index[group][name] = value;
  }
  clear() { this.index = Object.create(null); }
  groups() { const index = this.index; return Object.keys(index); }
}
app.post('/put', (req, res) => new Store().put(req));`,
    },
    {
      name: 'a set-by-path loop over parts a helper vetted: it maps the dangerous keys to nothing',
      code: `function splitPath(path) {
  return path.split('.').map((part) => {
    if (part === '__proto__' || part === 'constructor' || part === 'prototype') return {};
    return { name: part };
  });
}
function setIn(obj, parts, value) {
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) cur = cur[parts[i].name] ??= {};
  cur[parts[parts.length - 1].name] = value;
}
app.post('/set', (req, res) => { setIn(config, splitPath(req.body.path), req.body.value); res.end(); });`,
    },
    {
      name: 'dangerous keys rejected',
      code: `const settings: Record<string, any> = {};
app.post('/s', (req, res) => {
  const { section, key, value } = req.body;
  if (section === '__proto__' || key === '__proto__' || key === 'constructor' || key === 'prototype') return res.sendStatus(400);
  settings[section][key] = value;
});`,
    },
    {
      name: 'merge of constant objects',
      code: `import _ from 'lodash';
const config = _.merge({}, { a: 1 }, { b: 2 });`,
    },
    {
      name: 'single-level write',
      code: `app.post('/s', (req, res) => { const counts: Record<string, number> = {}; counts[req.body.k] = 1; });`,
    },
    {
      name: 'allow-listed key',
      code: `const KEYS = ['theme', 'lang'];
app.post('/s', (req, res) => {
  const { key } = req.body;
  if (KEYS.includes(key)) prefs[user.id][key] = req.body.value;
});`,
    },
  ],
} satisfies RuleCases;
