import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'a section found by a lookup or an in test on a plain object (true of __proto__), or in the request',
      code: `const settings = { ui: {}, mail: {} };
app.post('/a', (req, res) => {
  const { section, key, value } = req.body;
  if (!settings[section]) return res.status(404).end();
  settings[section][key] = value; // vigil-expect
});
app.post('/b', (req, res) => {
  const { section, key, value } = req.body;
  if (!(section in settings)) return res.status(404).end();
  settings[section][key] = value; // vigil-expect
});
app.post('/c', (req, res) => {
  const { section, key, value } = req.body;
  if (!Object.hasOwn(req.body.sections, section)) return res.end();
  settings[section][key] = value; // vigil-expect
});`,
    },
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
    {
      name: 'lodash per-method imports and its ES build',
      code: `import { defaultsDeep as fillIn } from 'lodash-es';
import mergeAll from 'lodash/merge.js';
import assignPath from 'lodash/set';
const setWith = require('lodash.setwith');
const compat = require('es-toolkit/compat');
export const patchProfile = (req, res) => {
  fillIn(profiles, req.body.profile); // vigil-expect
  mergeAll({}, defaults, req.body); // vigil-expect
  assignPath(profiles, req.body.field, req.body.to); // vigil-expect
  setWith(profiles, req.query.field, req.query.to, Object); // vigil-expect
  compat.merge(profiles, req.body.extra); // vigil-expect
};
app.post('/profile', patchProfile);`,
    },
    {
      name: 'deep merges and path writers of other packages',
      code: `const deepmerge = require('deepmerge');
const merge = require('merge');
const extend = require('extend');
const objectPath = require('object-path');
const { dset } = require('dset');
const { unflatten } = require('flat');
const _ = require('lodash');
app.post('/import', (req, res) => {
  const a = deepmerge.all([base, req.body.layer]); // vigil-expect
  const b = merge.recursive(true, base, req.body); // vigil-expect
  const c = extend(true, {}, base, req.body.options); // vigil-expect
  objectPath.push(store, req.body.at, req.body.item); // vigil-expect
  objectPath.withInheritedProps.set(store, req.body.at, req.body.item); // vigil-expect
  dset(store, req.body.at, req.body.item); // vigil-expect
  const d = unflatten(req.body.flat); // vigil-expect
  _.update(store, req.body.at, () => req.body.item); // vigil-expect
  const e = _.zipObjectDeep(req.body.keys, req.body.vals); // vigil-expect
  _.set(store, ['tenants', req.params.tenant, 'plan'], req.body.plan); // vigil-expect
  res.json({ a, b, c, d, e });
});`,
    },
    {
      name: 'a deep merge of text the client sent, parsed',
      code: `import _ from 'lodash';
app.post('/layout', (req, res) => {
  _.merge(layout, JSON.parse(req.body.layoutJson.trim())); // vigil-expect
  _.merge(layout, { widgets: req.body.widgets }); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'properties copied into a section the client names',
      code: `const registry = { mail: {}, ui: {} };
app.patch('/registry', (req, res) => {
  Object.assign(registry[req.body.area], req.body.changes); // vigil-expect
  for (const area of Object.keys(req.body)) Object.assign(registry[area], req.body[area]); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'a set-by-path helper written as a fold',
      code: `function putAt(root, dotted, value) {
  const parts = dotted.split('.');
  const leaf = parts.pop();
  const holder = parts.reduce((node, part) => (node[part] = node[part] || {}), root);
  holder[leaf] = value; // vigil-expect
}
app.post('/put', (req, res) => { putAt(tree, req.body.where, req.body.what); res.end(); });`,
    },
    {
      name: 'merges whose only checks are a plain-object test or their own name',
      code: `function fold(dst, src) {
  for (const k in src) {
    const v = src[k];
    if (v && Object.getPrototypeOf(v) === Object.prototype) {
      if (!dst[k]) dst[k] = {};
      fold(dst[k], v);
    } else {
      dst[k] = v; // vigil-expect
    }
  }
}
function protoAwareCopy(dst, src) {
  Object.keys(src).forEach((k) => {
    if (typeof src[k] === 'object') {
      dst[k] = dst[k] || {};
      protoAwareCopy(dst[k], src[k]);
    } else dst[k] = src[k]; // vigil-expect
  });
}
app.post('/m', (req, res) => { fold(state, req.body); protoAwareCopy(state, req.body); res.end(); });`,
    },
    {
      name: 'a dangerous key noticed but written all the same',
      code: `function walkSet(root, segments, value) {
  let at = root;
  for (const s of segments.slice(0, -1)) {
    if (s === '__proto__' || s === 'constructor' || s === 'prototype') console.warn('suspicious', s);
    at[s] = at[s] || {};
    at = at[s];
  }
  at[segments[segments.length - 1]] = value; // vigil-expect
}
app.post('/w', (req, res) => { walkSet(tree, req.body.route.split('/'), req.body.v); res.end(); });`,
    },
    {
      name: 'recursive merges of a library: for…in, Object.keys().forEach, for…of Object.entries (no caller in view)',
      code: `export function merge(dst, src) {
  for (const key in src) {
    if (isObject(src[key])) {
      merge(dst[key], src[key]);
    } else {
      dst[key] = src[key]; // vigil-expect
    }
  }
}
export function mergeEach(dst, src) {
  Object.keys(src).forEach((key) => {
    if (isObject(src[key])) {
      if (!dst[key]) dst[key] = {};
      mergeEach(dst[key], src[key]);
    } else dst[key] = src[key]; // vigil-expect
  });
}
export const mergeEntries = (dst, src) => {
  for (const [key, value] of Object.entries(src)) {
    if (isObject(value)) dst[key] = mergeEntries(dst[key] || {}, value);
    else dst[key] = value; // vigil-expect
  }
  return dst;
};
function isObject(v) { return v !== null && typeof v === 'object'; }`,
    },
    {
      name: 'set-by-path helpers: a loop, a recursion, a method walking a field, keys given as an array',
      code: `export function set(obj, path, value) {
  const parts = path.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    cur = cur[parts[i]] = cur[parts[i]] || {};
  }
  cur[parts[parts.length - 1]] = value; // vigil-expect
}
export function setDeep(obj, path, value) {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) {
    obj[head] = value; // vigil-expect
    return;
  }
  if (!obj[head]) obj[head] = {};
  setDeep(obj[head], rest.join('.'), value);
}
export class Tree {
  constructor() { this.data = {}; }
  put(route, value) {
    const keys = route.split('/');
    let node = this.data;
    while (keys.length > 1) {
      const k = keys.shift();
      if (!node[k]) node[k] = {};
      node = node[k];
    }
    node[keys[0]] = value; // vigil-expect
  }
}
export function setKeys(obj, keys, value) {
  let o = obj;
  for (let i = 0; i < keys.length - 1; i++) o = o[keys[i]] || (o[keys[i]] = {});
  o[keys[keys.length - 1]] = true; // vigil-expect
}`,
    },
    {
      name: 'a recursive merge that rejects __proto__ only: {"constructor": {"prototype": …}} reaches Object.prototype in two steps',
      code: `export function deepMerge(dst, src) {
  for (const key of Object.keys(src)) {
    if (key === '__proto__') continue;
    if (src[key] && typeof src[key] === 'object') {
      dst[key] = dst[key] || {};
      deepMerge(dst[key], src[key]);
    } else {
      dst[key] = src[key]; // vigil-expect
    }
  }
}`,
    },
    {
      name: 'an own-property check that does not keep the descent to own properties (its && lets a missing key through)',
      code: `export function expand(into, from) {
  for (const [key, next] of Object.entries(from)) {
    const here = into[key];
    if (!Object.prototype.hasOwnProperty.call(into, key) && typeof next !== 'object') {
      into[key] = next; // vigil-expect
    } else if (typeof next === 'object') {
      expand(here, next);
    }
  }
}`,
    },
    {
      name: 'a jQuery-style extend over arguments, once per function; a path parser of the program in between',
      code: `export function extend() {
  var options, name, src, copy, clone, target = arguments[0] || {}, i = 1, deep = false;
  if (typeof target === 'boolean') { deep = target; target = arguments[i] || {}; i++; }
  for (; i < arguments.length; i++) {
    if ((options = arguments[i]) != null) {
      for (name in options) {
        src = target[name];
        copy = options[name];
        if (deep && copy && typeof copy === 'object') {
          clone = src && typeof src === 'object' ? src : {};
          target[name] = extend(deep, clone, copy);
        } else if (copy !== undefined) {
          target[name] = copy; // vigil-expect
        }
      }
    }
  }
  return target;
}
function toPath(p) { return p.replace(/\\[(\\w+)\\]/g, '.$1').split('.'); }
export function setIn(obj, path, value) {
  const parts = toPath(path);
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) cur = cur[parts[i]] ??= {};
  cur[parts[parts.length - 1]] = value; // vigil-expect
}`,
    },
    {
      name: 'a path setter whose one caller in view vets the path: its other callers need not',
      code: `export function assignAt(target, dotted, value) {
  const steps = dotted.split('.');
  let at = target;
  for (let i = 0; i < steps.length - 1; i++) {
    if (!at[steps[i]]) at[steps[i]] = {};
    at = at[steps[i]];
  }
  at[steps[steps.length - 1]] = value; // vigil-expect
}
app.put('/opt', (req, res) => {
  const where = String(req.body.where);
  if (/__proto__|constructor|prototype/.test(where)) return res.status(400).end();
  assignAt(options, where, req.body.value);
  res.end();
});`,
    },
    {
      name: 'a merge that goes down only into object levels of the target, with __proto__ (an object) let through or only the source tested',
      code: `export function overlay(base, patch) {
  for (const name in patch) {
    if (base[name] !== null && typeof base[name] === 'object') overlay(base[name], patch[name]);
    else base[name] = patch[name]; // vigil-expect
  }
}
export function layer(base, patch) {
  for (const name of Object.keys(patch)) {
    if (name === '__proto__') continue;
    if (typeof patch[name] === 'object') layer((base[name] ??= {}), patch[name]);
    else base[name] = patch[name]; // vigil-expect
  }
}
export function plant(root, route, leaf) {
  const hops = route.split('/');
  let node = root;
  for (const hop of hops.slice(0, -1)) {
    const next = node[hop];
    node = typeof next === 'object' ? next : (node[hop] = {});
  }
  node[hops[hops.length - 1]] = leaf; // vigil-expect
}
export function layerPlain(base, patch) {
  for (const name of Object.keys(patch)) {
    if (name === '__proto__') continue;
    if (isPlainObject(patch[name])) layerPlain(base[name] || (base[name] = {}), patch[name]);
    else base[name] = patch[name]; // vigil-expect
  }
}`,
    },
    {
      name: 'a table looked up by the request in one branch and written there; a fresh one in the other',
      code: `app.post('/usage', (req, res) => {
  let data;
  if (req.query.region) {
    data = regions[req.query.region];
    data[req.body.browser] = req.body.share; // vigil-expect
  } else {
    data = {};
    for (const browser in req.body.stats) data[browser] = req.body.stats[browser];
  }
  res.json(data);
});`,
    },
  ],
  valid: [
    {
      name: 'a section found among the own names of a table of the program, or in one without a prototype',
      code: `const settings = { ui: {}, mail: {} };
const bare = Object.create(null);
app.post('/a', (req, res) => {
  const { section, key, value } = req.body;
  if (!Object.hasOwn(settings, section)) return res.status(404).end();
  settings[section][key] = value;
});
app.post('/b', (req, res) => {
  const { section, key, value } = req.body;
  if (!bare[section]) return res.status(404).end();
  bare[section][key] = value;
});`,
    },
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
      name: 'a set-by-path loop over parts a helper vetted (it maps the dangerous keys to nothing), called only in its module',
      code: `const app = require('express')();
function splitPath(path) {
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
    {
      name: 'one level fixed by the program, the other named by the client',
      code: `const AREAS = ['mail', 'ui'];
app.post('/prefs', (req, res) => {
  for (const area of AREAS) prefs[area][req.body.name] = req.body.value;
  prefs[req.user.homeArea][req.body.name] = req.body.value;
  prefs[parseInt(req.body.slot, 10)][req.body.name] = req.body.value;
  prefs[req.body.area].updatedAt = Date.now();
  res.end();
});`,
    },
    {
      name: 'deep merges of text and numbers, and into request data',
      code: `import _ from 'lodash';
app.post('/prefs', (req, res) => {
  _.merge(prefs, { label: String(req.body.label) });
  _.merge(prefs, { size: Number(req.body.size), mode: req.body.mode === 'dense' ? 'dense' : 'loose' });
  _.merge(prefs, { title: req.body.title.trim(), tag: \`#\${req.body.tag}\` });
  _.defaultsDeep(req.body, { page: 1 });
  res.end();
});`,
    },
    {
      name: 'shallow extends and assigns of the body, and a path ending at the one untrusted segment',
      code: `const merge = require('merge');
const extend = require('extend');
const _ = require('lodash');
app.post('/shallow', (req, res) => {
  const a = merge(true, base, req.body);
  const b = extend({}, base, req.body);
  Object.assign(profiles.current, req.body);
  _.set(profiles, ['current', req.body.field], req.body.to);
  res.json({ a, b });
});`,
    },
    {
      name: 'deny-lists kept in a Set, a regex, or a helper passed by reference',
      code: `const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
function copyA(dst, src) {
  for (const k of Object.keys(src)) {
    if (FORBIDDEN.has(k)) continue;
    if (src[k] && typeof src[k] === 'object') copyA((dst[k] ??= {}), src[k]);
    else dst[k] = src[k];
  }
}
function copyB(dst, src) {
  for (const k of Object.keys(src)) {
    if (/^(?:__proto__|constructor|prototype)$/.test(k)) continue;
    if (src[k] && typeof src[k] === 'object') copyB((dst[k] ??= {}), src[k]);
    else dst[k] = src[k];
  }
}
const isForbiddenKey = (k) => FORBIDDEN.has(k);
function putAt(root, dotted, value) {
  const parts = dotted.split('.');
  if (parts.some(isForbiddenKey)) throw new Error('bad path');
  let node = root;
  for (let i = 0; i < parts.length - 1; i++) node = node[parts[i]] = node[parts[i]] || {};
  node[parts[parts.length - 1]] = value;
}
app.post('/c', (req, res) => { copyA(state, req.body); copyB(state, req.body); putAt(state, req.body.p, req.body.v); res.end(); });`,
    },
    {
      name: 'a key check that returns, or writes only in its else branch',
      code: `function walkSet(root, segments, value) {
  let at = root;
  for (const s of segments.slice(0, -1)) {
    if (s === '__proto__' || s === 'constructor') {
      console.warn('suspicious', s);
      return;
    }
    at = at[s] = at[s] || {};
  }
  const last = segments[segments.length - 1];
  if (last === '__proto__' || last === 'constructor') console.warn('suspicious', last);
  else at[last] = value;
}
app.post('/w', (req, res) => { walkSet(tree, req.body.route.split('/'), req.body.v); res.end(); });`,
    },
    {
      name: 'flat copies: each key is set on the target itself (a __proto__ key re-parents that one object, no shared prototype)',
      code: `export function assign(dst, src) {
  for (const k in src) dst[k] = src[k];
  return dst;
}
export function pick(dst, src) {
  Object.keys(src).forEach((k) => { dst[k] = src[k]; });
}
export function clone(src) {
  const out = {};
  for (const k in src) out[k] = src[k] && typeof src[k] === 'object' ? clone(src[k]) : src[k];
  return out;
}`,
    },
    {
      name: 'merges and path setters that reject __proto__ and constructor, or descend only into own properties',
      code: `export function merge(dst, src) {
  for (const key in src) {
    if (key === '__proto__' || key === 'constructor') continue;
    if (isObject(src[key])) merge((dst[key] ??= {}), src[key]);
    else dst[key] = src[key];
  }
}
export function mergeOwn(dst, src) {
  for (const key in src) {
    if (isObject(src[key]) && Object.hasOwn(dst, key)) mergeOwn(dst[key], src[key]);
    else dst[key] = src[key];
  }
}
export function expand(into, from) {
  for (const [key, next] of Object.entries(from)) {
    const here = into[key];
    if (!into.hasOwnProperty(key) || typeof next !== typeof here) {
      into[key] = next;
    } else if (typeof next === 'object') {
      expand(here, next);
    }
  }
}
export function setOwn(root, dotted, value) {
  const parts = dotted.split('.');
  let obj = root;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!Object.prototype.hasOwnProperty.call(obj, parts[i])) obj[parts[i]] = {};
    obj = obj[parts[i]];
  }
  obj[parts[parts.length - 1]] = value;
}
function isObject(v) { return v !== null && typeof v === 'object'; }`,
    },
    {
      name: 'walks over objects without a prototype, or over a Map',
      code: `export function unflatten(flat) {
  const root = Object.create(null);
  for (const path of Object.keys(flat)) {
    const parts = path.split('.');
    let cur = root;
    for (const p of parts.slice(0, -1)) cur = cur[p] ??= Object.create(null);
    cur[parts[parts.length - 1]] = flat[path];
  }
  return root;
}
export function setInMap(map, path, value) {
  let cur = map;
  for (const p of path.split('.')) cur = cur.get(p) ?? cur.set(p, new Map()).get(p);
  cur.set('value', value);
}`,
    },
    {
      name: "keys of the program's own list, a counter, or the own keys of the object descended into",
      code: `export function touch(obj, value) {
  let cur = obj;
  for (const k of ['meta', 'stats']) cur = cur[k] = cur[k] || {};
  cur[value.name] = value;
}
export function mark(rows, col) {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    row[col] = 1;
  }
}
export function fillDefaults(defaults, given) {
  for (const key of Object.keys(defaults)) {
    if (defaults[key] && typeof defaults[key] === 'object') fillDefaults(defaults[key], given[key] || {});
    else if (given[key] !== undefined) defaults[key] = given[key];
  }
}
export function wrapAll(module) {
  const keys = Object.keys(module);
  keys.forEach((key) => {
    if (typeof module[key] === 'function') module[key] = wrap(module[key]);
    else if (typeof module[key] === 'object') wrapAll(module[key]);
  });
}`,
    },
    {
      name: 'merges and path setters that reject __proto__ and go down only into levels of the target that are objects (constructor is a function)',
      code: `export function overlay(base, patch) {
  for (const name in patch) {
    if (name === '__proto__') continue;
    if (base[name] !== null && typeof base[name] === 'object') overlay(base[name], patch[name]);
    else base[name] = patch[name];
  }
}
export function plant(root, route, leaf) {
  const hops = route.split('/');
  let node = root;
  for (const hop of hops.slice(0, -1)) {
    if (hop === '__proto__') throw new Error('bad route');
    const next = node[hop];
    if (typeof next !== 'object') node = node[hop] = {};
    else node = next;
  }
  node[hops[hops.length - 1]] = leaf;
}`,
    },
    {
      name: 'a walk that copies each level before it goes down into it: no value of the input is written',
      code: `export function copyAlong(source, steps) {
  const top = { ...source };
  let here = top;
  for (let i = 0; here != null && i < steps.length; i++) {
    const step = steps[i];
    const found = here[step];
    if (found != null && typeof found !== 'function') here[step] = duplicate(i === steps.length - 1 ? found : Object(found));
    here = here[step];
  }
  return top;
}
function duplicate(v) { return Array.isArray(v) ? v.slice() : Object.assign({}, v); }`,
    },
    {
      name: 'a table walked by character codes: a number is never __proto__ or constructor',
      code: `export function addSequence(table, text, start, last, code) {
  let node = table;
  for (let at = start; at < last; at++) {
    const unit = text.charCodeAt(at);
    node = node[unit] = node[unit] || {};
  }
  node[text.codePointAt(last)] = code;
}
export function addBytes(table, bytes, code) {
  let node = table;
  for (let i = 0; i < bytes.length - 1; i++) node = node[bytes[i] & 0xff] ??= {};
  node[bytes[bytes.length - 1] & 0xff] = code;
}`,
    },
    {
      name: 'a write into an object made just before, though another branch looks the variable up by the request',
      code: `app.post('/usage', (req, res) => {
  let data;
  if (req.query.region) {
    data = regions[req.query.region];
  } else {
    data = {};
    for (const browser in req.body.stats) data[browser] = req.body.stats[browser];
  }
  res.json(data);
});`,
    },
    {
      name: 'a merge helper in a test file',
      filename: 'test/merge.test.ts',
      code: `function merge(dst, src) {
  for (const key in src) {
    if (typeof src[key] === 'object') merge((dst[key] ??= {}), src[key]);
    else dst[key] = src[key];
  }
}
it('merges', () => { expect(merge({}, { a: { b: 1 } })).toBeUndefined(); });`,
    },
  ],
} satisfies RuleCases;
