import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sastRules } from '../../../rules/index.ts';
import { libraryPackages, resolveEntry } from '../../../src/sast/library/packages.ts';
import { scanJsFiles } from '../../../src/sast/workers/index.ts';

const code: Record<string, string> = {
  'index.js': `const { run } = require('./lib/run');
const path = require('path');
const fs = require('fs');
function readIt(name) {
  return fs.readFileSync(path.join(__dirname, name), 'utf8');
}
function safe(n) {
  return run('ls ' + Number(n));
}
module.exports = { run, readIt, safe };
`,
  'lib/run.js': `const cp = require('child_process');
function helper(cmd) {
  return cp.execSync('sh -c ' + cmd);
}
exports.run = function run(what) {
  return helper(what);
};
`,
};

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function scan(manifest: string, setting?: boolean | 'auto', sources: Record<string, string> = code) {
  dir = mkdtempSync(join(tmpdir(), 'vigil-library-'));
  const files = { ...sources, 'package.json': manifest };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const js = Object.keys(sources).map((path) => ({ path, absPath: join(dir!, path) }));
  const result = await scanJsFiles(js, {
    rules: sastRules,
    root: dir,
    workers: 0,
    library: {
      manifests: new Map([['package.json', manifest]]),
      ...(setting === undefined ? {} : { setting }),
    },
  });
  lastFindings = result.findings;
  return result.findings.filter((f) => f.message.includes('A caller of `'));
}

/** Every finding of the last scan, library-worded or not. */
let lastFindings: Awaited<ReturnType<typeof scanJsFiles>>['findings'] = [];

describe('library mode', () => {
  it('takes the arguments of the exported API as untrusted, through helpers and re-exports', async () => {
    const found = await scan('{ "name": "runit", "main": "index.js" }');
    const lines = found.map((f) => `${f.location.path}:${f.location.startLine} ${f.message}`).sort();
    expect(lines).toEqual([
      'index.js:5 A caller of `runit.readIt` controls a file system path: its argument 1 reaches it unchecked.',
      expect.stringMatching(/^lib\/run\.js:3 .*A caller of `runit\.run` controls a shell command/),
    ]);
    // The numeric path (safe) is no finding; one finding per sink whatever the paths to it.
    expect(found.filter((f) => f.location.path === 'lib/run.js')).toHaveLength(1);
  });

  it('gives applications (private packages, or no main/exports/bin) no library findings', async () => {
    expect(await scan('{ "name": "app", "private": true, "main": "index.js" }')).toEqual([]);
    expect(await scan('{ "name": "app", "dependencies": {} }')).toEqual([]);
  });

  it('follows the sast.library setting over the package.json', async () => {
    expect(await scan('{ "name": "app", "private": true }', true)).not.toEqual([]);
    expect(await scan('{ "name": "runit", "main": "index.js" }', false)).toEqual([]);
  });
});

const objects = {
  'index.js': `function isPlain(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }
function merge(into, from) {
  Object.keys(from).forEach((k) => {
    if (isPlain(from[k])) merge(into[k] || (into[k] = {}), from[k]);
    else into[k] = from[k];
  });
  return into;
}
function setIn(obj, keys, value) {
  let at = obj;
  for (const key of keys.slice(0, -1)) at = at[key] = at[key] || {};
  at[keys[keys.length - 1]] = value;
  return obj;
}
function safeMerge(into, from) {
  for (const k in from) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    if (isPlain(from[k])) safeMerge(into[k] || (into[k] = {}), from[k]);
    else into[k] = from[k];
  }
  return into;
}
function Store() { this.spaces = {}; }
Store.prototype.load = function (space, entries) {
  for (const k in entries) this.spaces[space][k] = entries[k];
};
function stripComment(line) {
  return line.replace(/\\s*#.*$/, '');
}
function tally(words) {
  const seen = {};
  for (const w of words) seen[w] = (seen[w] || 0) + 1;
  return seen;
}
module.exports = { merge, setIn, safeMerge, tally, stripComment };
`,
};

describe('prototype pollution and slow regexes in a library', () => {
  it('flags the write of a recursive merge and of a set-by-path loop, a nested write in a prototype method, not a guarded merge or a flat tally; and a slow regex over an argument', async () => {
    const found = await scan('{ "name": "objs", "main": "index.js" }', undefined, objects);
    const lines = found.map((f) => `${f.ruleId} ${f.location.startLine} ${f.message}`).sort();
    expect(lines).toEqual([
      expect.stringMatching(
        /^js\/polynomial-redos 28 A caller of `objs\.stripComment` controls .*many repetitions of ' '/,
      ),
      expect.stringMatching(/^js\/prototype-pollution 12 A caller of `objs\.setIn` controls/),
      expect.stringMatching(
        /^js\/prototype-pollution 25 A caller of `objs\.Store\.prototype\.load` controls/,
      ),
      expect.stringMatching(/^js\/prototype-pollution 5 A caller of `objs\.merge` controls/),
    ]);
  });
});

const helperMerges = {
  'index.js': `function isObj(v) { return v !== null && typeof v === 'object'; }
function put(object, key, value) { object[key] = value; }
function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    const own = target[key];
    const next = own && isObj(own) ? own : {};
    if (isObj(source[key])) deepMerge(next, source[key]);
    else put(target, key, source[key]);
  }
  return target;
}
function assign() {
  let target = arguments[0] || {};
  for (let i = 1; i < arguments.length; i++) {
    const from = arguments[i];
    for (const name in from) {
      const was = target[name];
      const copy = from[name];
      if (isObj(copy)) target[name] = assign(was && isObj(was) ? was : {}, copy);
      else target[name] = copy;
    }
  }
  return target;
}
function putChecked(object, key, value) {
  if (key === '__proto__' || key === 'constructor') return;
  object[key] = value;
}
function checkedMerge(target, source) {
  for (const key of Object.keys(source)) {
    const own = target[key];
    if (isObj(source[key])) checkedMerge(own || {}, source[key]);
    else putChecked(target, key, source[key]);
  }
  return target;
}
function record(counts, key) { put(counts, key, 1); return counts; }
module.exports = { deepMerge, assign, checkedMerge, record };
`,
};

describe('prototype pollution through helpers and arguments', () => {
  it('follows a merge that writes through a helper or recurses on `arguments`, not a guarded helper or a flat write', async () => {
    const found = await scan('{ "name": "merges", "main": "index.js" }', undefined, helperMerges);
    const lines = found.map((f) => `${f.ruleId} ${f.location.startLine} ${f.message}`).sort();
    expect(lines).toEqual([
      expect.stringMatching(/^js\/prototype-pollution 19 A caller of `merges\.assign` controls/),
      expect.stringMatching(/^js\/prototype-pollution 20 A caller of `merges\.assign` controls/),
      expect.stringMatching(/^js\/prototype-pollution 8 A caller of `merges\.deepMerge` controls/),
    ]);
  });
});

const lexer = {
  'index.js': `const rules = { trailing: /\\s+$/, word: /^\\w+/ };
function Lexer(src) { this.src = src; }
Lexer.prototype.strip = function () { return this.src.replace(rules.trailing, ''); };
module.exports = { Lexer };
`,
};

describe('variadic library functions', () => {
  it('takes what a caller passes through `arguments` as untrusted', async () => {
    const variadic = {
      'index.js': `const cp = require('child_process');
function run() {
  const cmd = arguments[0];
  return cp.execSync('sh -c ' + cmd);
}
function shadowed(arguments_) {
  const arguments = ['ls'];
  return cp.execSync(arguments[0]);
}
module.exports = { run, shadowed };
`,
    };
    const found = await scan('{ "name": "varargs", "main": "index.js" }', undefined, variadic);
    expect(found.map((f) => `${f.location.startLine} ${f.message}`)).toEqual([
      '4 A caller of `varargs.run` controls a shell command: its argument 1 reaches it unchecked.',
    ]);
  });
});

describe('backtracking regexes in library code', () => {
  it('reports a polynomial regex literal of a library, not of an application, at medium precision', async () => {
    const manifest = '{ "name": "lex", "main": "index.js" }';
    const all = async (text: string) => {
      await scan(text, undefined, lexer);
      return lastFindings.filter((f) => f.ruleId === 'js/polynomial-redos');
    };
    const inLibrary = await all(manifest);
    expect(inLibrary.map((f) => [f.location.startLine, f.precision])).toEqual([[1, 'medium']]);
    expect(inLibrary[0]!.message).toMatch(/many repetitions of/);
    expect(await all('{ "name": "app", "private": true, "main": "index.js" }')).toEqual([]);
  });
});

describe('library packages', () => {
  const files = new Set(['index.js', 'src/api.ts', 'bin/cli.js', 'pkg/a/main.mjs']);

  it('resolves main, exports conditions, bin and unbuilt dist/ entries', () => {
    const manifest = JSON.stringify({
      name: 'x',
      main: './dist/api.js',
      exports: { '.': { types: './dist/api.d.ts', require: './index.js' }, './*': './dist/*.js' },
      bin: { x: 'bin/cli.js' },
    });
    const { packages } = libraryPackages(new Map([['package.json', manifest]]), files);
    expect(packages).toEqual([{ name: 'x', root: '', entries: ['src/api.ts', 'index.js', 'bin/cli.js'] }]);
    expect(resolveEntry('pkg/a', './main', files)).toBe('pkg/a/main.mjs');
    expect(resolveEntry('pkg/a', '../../../etc/passwd', files)).toBeUndefined();
  });

  it('names a malformed, non-object or huge package.json and goes on', () => {
    const manifests = new Map([
      ['a/package.json', '{ "main": '],
      ['b/package.json', '[1]'],
      ['c/package.json', `{"main":"index.js","x":"${'a'.repeat(1024 * 1024)}"}`],
    ]);
    const { packages, diagnostics } = libraryPackages(manifests, files);
    expect(packages).toEqual([]);
    expect(diagnostics.map((d) => d.path)).toEqual(['a/package.json', 'b/package.json', 'c/package.json']);
    expect(diagnostics[2]!.message).toMatch(/larger than/);
  });
});

const pathSetters = {
  'index.js': `module.exports = require('./lib/');
`,
  'lib/index.js': `function setPath(root, path, value) {
  const parts = path.split('.');
  let at = root;
  for (const part of parts.slice(0, -1)) at = at[part] = at[part] || {};
  at[parts[parts.length - 1]] = value;
}
function setPathReset(root, path, value) {
  const parts = path.split('.');
  let at = root;
  for (const part of parts.slice(0, -1)) {
    if (at[part] === undefined) at[part] = {};
    at = at[part];
  }
  if (at === Object.prototype) at = {};
  at[parts[parts.length - 1]] = value;
}
module.exports = { setPath, setPathReset };
`,
};

describe('set-by-path writes behind a folder entry', () => {
  // Comparing the target with Object.prototype is no guard: `constructor.constructor.prototype`
  // reaches Function.prototype (the bypass of minimist 1.2.5, whose guard was this comparison).
  it("follows `require('./lib/')` to the folder's index, and does not trust a target compared with Object.prototype", async () => {
    const found = await scan('{ "name": "paths", "main": "index.js" }', undefined, pathSetters);
    expect(found.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`)).toEqual([
      'js/prototype-pollution lib/index.js:5',
      'js/prototype-pollution lib/index.js:15',
    ]);
    expect(found[0]!.message).toMatch(/^A caller of `paths\.setPath` controls/);
  });
});

const durations = {
  'index.js': `function parse(str) {
  const m = /^((?:\\d+)?\\.?\\d+) *(ms|s|m|h)?$/i.exec(str);
  return m && parseFloat(m[1]);
}
function parseBounded(str) {
  if (str.length > 100) return undefined;
  const m = /^((?:\\d+)?\\.?\\d+) *(ms|s|m|h)?$/i.exec(str);
  return m && parseFloat(m[1]);
}
function trimLines(str, options) {
  let result = (options.indent || '') + str;
  if (options.trim === true) result = result.replace(/[ \t]*$/gm, '');
  return result;
}
module.exports = { parse, parseBounded, trimLines };
`,
};

describe('slow regexes behind a length bound', () => {
  it('reports an optional loop beside another over an argument, not when the function bounds the length first, even behind an option check', async () => {
    await scan('{ "name": "dur", "main": "index.js" }', undefined, durations);
    const slow = lastFindings.filter((f) => f.ruleId === 'js/polynomial-redos');
    // A check of an option the text was built with is no bound: the slow regex stays reported.
    const at = (line: number) => slow.find((f) => f.location.startLine === line);
    expect(slow.map((f) => f.location.startLine).sort((a, b) => a - b)).toEqual([2, 12]);
    expect(at(2)!.message).toMatch(/^A caller of `dur\.parse` controls .*\(\(\?:\\d\+\)\?\\\.\?\\d\+\)/);
  });
});

const variadicExtend = {
  'index.js': `function extend() {
  let deep = false;
  let target = arguments[0] || {};
  let i = 1;
  if (typeof target === 'boolean') {
    deep = target;
    target = arguments[i] || {};
    i++;
  }
  for (; i < arguments.length; i++) {
    const from = arguments[i];
    for (const name in from) {
      const have = target[name];
      const next = from[name];
      if (deep && next && typeof next === 'object') {
        target[name] = extend(deep, have && typeof have === 'object' ? have : {}, next);
      } else target[name] = next;
    }
  }
  return target;
}
module.exports = { extend };
`,
};

describe('a variadic merge that picks its target with a computed `arguments` index', () => {
  it('follows `target = arguments[i]` to every position the merge passes itself', async () => {
    const found = await scan('{ "name": "ext", "main": "index.js" }', undefined, variadicExtend);
    expect(found.map((f) => `${f.ruleId} ${f.location.startLine}`)).toEqual([
      'js/prototype-pollution 16',
      'js/prototype-pollution 17',
    ]);
  });
});

// A UMD bundle: the factory passed to the wrapper returns a function whose static members are the
// API; a sibling helper names `constructor` without guarding the merge.
const umdBundle = {
  'index.js': `(function (root, factory) {
  if (typeof module === 'object') module.exports = factory(root);
  else root.Kit = factory(root);
})(this, function (root) {
  var Kit = function (x) { return x; };
  Kit.isPlain = function (o) { return Object.getPrototypeOf(o).hasOwnProperty('constructor'); };
  Kit.copy = function () {
    var target = arguments[0], i = 1, name, from, have, next;
    for (; i < arguments.length; i++) {
      from = arguments[i];
      for (name in from) {
        have = target[name];
        next = from[name];
        if (next && typeof next === 'object') target[name] = Kit.copy(have || {}, next);
        else target[name] = next;
      }
    }
    return target;
  };
  Kit.memo = function (table, key, value) {
    var slot = table[key];
    slot[key + ' '] = value;
    slot['$' + key] = undefined;
    slot[key] = void 0;
  };
  return Kit;
});
`,
};

describe('static members of an exported function, inside a UMD wrapper', () => {
  it("takes `Kit.copy = function …` as API, a sibling's `'constructor'` as no guard, not a key with constant text around it or a write of undefined", async () => {
    const found = await scan('{ "name": "kit", "main": "index.js" }', undefined, umdBundle);
    expect(found.map((f) => `${f.ruleId} ${f.location.startLine}`)).toEqual([
      'js/prototype-pollution 14',
      'js/prototype-pollution 15',
    ]);
    expect(found[0]!.message).toMatch(/^A caller of `kit\.copy` controls/);
  });
});

// A bundle exporting through a local that holds `module`, with a set-by-path loop writing through a
// chain of helpers; the first helper's own-property test only skips a write of an equal value.
const helperChain = {
  'index.js': `(function () {
  var hasExports = typeof exports == 'object' && exports;
  var hasModule = hasExports && typeof module == 'object' && module;
  function storeKey(obj, prop, val) { obj[prop] = val; }
  function putKey(obj, prop, val) {
    if (!(Object.prototype.hasOwnProperty.call(obj, prop) && obj[prop] === val)) storeKey(obj, prop, val);
  }
  function putOwn(obj, prop, val) {
    if (!Object.prototype.hasOwnProperty.call(obj, prop)) return;
    storeKey(obj, prop, val);
  }
  function setPath(root, path, val, own) {
    var parts = path.split('/'), at = root;
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i];
      if (i < parts.length - 1) at[part] = at[part] ? at[part] : (/^\\d+$/.test(parts[i + 1]) ? [] : {});
      else if (own) putOwn(at, part, val);
      else putKey(at, part, val);
      at = at[part];
    }
    return root;
  }
  function api(x) { return x; }
  api.setPath = setPath;
  if (hasModule) hasModule.exports = api;
})();
`,
};

describe('a set-by-path loop writing through a helper chain, exported through a local holding `module`', () => {
  it('reports the helper call, not one behind a guarding own-property check, nor a write building a level', async () => {
    const found = await scan('{ "name": "chain", "main": "index.js" }', undefined, helperChain);
    expect(found.map((f) => `${f.ruleId} ${f.location.startLine}`)).toEqual(['js/prototype-pollution 18']);
    expect(found[0]!.message).toMatch(/^A caller of `chain\.setPath` controls/);
  });
});

const regexTables = {
  'index.js': `const parts = ['\\\\s+', '$'];
const trailing = new RegExp(parts.join(''), 'g');
const words = new RegExp(['^\\\\w+$', '^\\\\d+$'].join('|'));
function strip(text) { return text.replace(trailing, ''); }
function kind(text) { return words.test(text); }
module.exports = { strip, kind };
`,
};

describe('regexes built from constant parts', () => {
  it('judges `new RegExp(parts.join(sep))` as the literal it spells: a slow one reported, no injection', async () => {
    await scan('{ "name": "tables", "main": "index.js" }', undefined, regexTables);
    const lines = lastFindings.map((f) => `${f.ruleId} ${f.location.startLine}`);
    expect(lines).toEqual(['js/polynomial-redos 2']);
  });
});

const exportsAlias = {
  'index.js': `var api = module.exports = {};
api.tools = require('./tools');
`,
  'tools.js': `var tools = module.exports = require('./base');
tools.assignPath = function assignPath(dst, path, value) {
  function step(into, parts) {
    var part = parts.shift();
    if (parts.length) into[part] = step(into[part] || {}, parts);
    else into[part] = value;
    return into;
  }
  return step(dst, path.split('.'));
};
`,
  'base.js': `exports.version = '1';
`,
};

describe('members written on a local declared as module.exports', () => {
  it('exports `x.fn = …` after `var x = module.exports = …`, through a re-export', async () => {
    const found = await scan('{ "name": "alias", "main": "index.js" }', undefined, exportsAlias);
    expect(found.map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual([
      'tools.js:5',
      'tools.js:6',
    ]);
    expect(found[0]!.message).toMatch(/^A caller of `alias\.tools\.assignPath` controls/);
  });
});

const prototypeWrites = {
  'index.js': `function makeClass(methods) {
  function Made() {}
  Object.keys(methods).forEach(function (name) {
    Made.prototype[name] = methods[name];
    Made.prototype[name + 'Async'] = methods[name];
  });
  return Made;
}
function makeCheckedClass(methods) {
  function Made() {}
  for (const name of Object.keys(methods)) {
    if (name === '__proto__') continue;
    Made.prototype[name] = methods[name];
  }
  return Made;
}
module.exports = { makeClass, makeCheckedClass };
`,
};

describe('writes into a prototype with a caller-chosen key', () => {
  it('reports `Ctor.prototype[name] = …` unless `__proto__` is rejected or the key has a constant end', async () => {
    const found = await scan('{ "name": "classes", "main": "index.js" }', undefined, prototypeWrites);
    expect(found.map((f) => `${f.ruleId} ${f.location.startLine}`)).toEqual(['js/prototype-pollution 4']);
    expect(found[0]!.message).toMatch(/^A caller of `classes\.makeClass` controls property of a prototype/);
  });
});

const plainMerges = {
  'index.js': `function isPlainObject(o) { return !!o && Object.getPrototypeOf(o) === Object.prototype; }
function deepPlain(target, source) {
  for (const key in source) {
    if (key === '__proto__') continue;
    const have = target[key];
    const next = isPlainObject(have) ? have : {};
    if (isPlainObject(source[key])) target[key] = deepPlain(next, source[key]);
    else target[key] = source[key];
  }
  return target;
}
function deepAny(target, source) {
  for (const key in source) {
    if (key === '__proto__') continue;
    const have = target[key];
    const next = have && typeof have === 'object' ? have : {};
    if (source[key] && typeof source[key] === 'object') target[key] = deepAny(next, source[key]);
    else target[key] = source[key];
  }
  return target;
}
function deepSourcePlain(target, source) {
  for (const key in source) {
    if (key === '__proto__') continue;
    if (isPlainObject(source[key])) target[key] = deepSourcePlain(target[key] || {}, source[key]);
    else target[key] = source[key];
  }
  return target;
}
module.exports = { deepPlain, deepAny, deepSourcePlain };
`,
};

describe('a merge that rejects `__proto__` and descends only into levels of the target that are objects', () => {
  it('is guarded (`constructor` leads to a function), unlike one testing only the source', async () => {
    const found = await scan('{ "name": "plain", "main": "index.js" }', undefined, plainMerges);
    expect(found.map((f) => `${f.ruleId} ${f.location.startLine}`)).toEqual([
      'js/prototype-pollution 25',
      'js/prototype-pollution 26',
    ]);
  });
});

const runners = {
  'index.js': `const cp = require('child_process');
function runProgram(program, args) {
  return cp.spawn(program, args);
}
function notify(program, message) {
  return cp.exec(program + ' "' + message + '"');
}
function launch(options) {
  const tool = options.exec || 'notify-send';
  return cp.spawn(tool, [options.message]);
}
module.exports = { runProgram, notify, launch };
`,
  'server.js': `const { runProgram } = require('./index');
require('express')().get('/run', (req, res) => { runProgram(req.query.tool, []); res.end(); });
`,
};

describe('an API whose argument names the program it runs', () => {
  it('is its purpose, not a library finding; text built into a shell command is, and request data naming the program still is', async () => {
    const found = await scan('{ "name": "runner", "main": "index.js" }', undefined, runners);
    expect(found.map((f) => `${f.ruleId} ${f.location.startLine}`)).toEqual(['js/command-injection 6']);
    const fromRequest = lastFindings.filter(
      (f) => f.ruleId === 'js/command-injection' && !f.message.includes('A caller of'),
    );
    expect(fromRequest.map((f) => `${f.location.path}:${f.location.startLine} ${f.precision}`)).toContain(
      'index.js:3 very-high',
    );
  });
});
