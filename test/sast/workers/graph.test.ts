import { describe, expect, it } from 'vitest';
import { buildImportGraph, DependencyScheduler } from '../../../src/sast/workers/graph.ts';

const graphOf = (files: Record<string, string>) => buildImportGraph(new Map(Object.entries(files)));

describe('DependencyScheduler', () => {
  it('hands out a file after the files it imports', () => {
    const g = graphOf({ 'a.js': "import './b.js'", 'b.js': "import './c.js'", 'c.js': '' });
    const s = new DependencyScheduler(g, g.imports.keys());
    expect(s.next()).toBe('c.js');
    expect(s.next()).toBeUndefined();
    s.complete('c.js');
    expect(s.next()).toBe('b.js');
    s.complete('b.js');
    expect(s.next()).toBe('a.js');
    s.complete('a.js');
    expect(s.remaining).toBe(0);
  });

  it('breaks a cycle once what it imports from outside is done, one file at a time, while other files run', () => {
    const g = graphOf({
      'x.js': "import './y.js'; import './lib.js'",
      'y.js': "import './x.js'",
      'lib.js': "import './slow.js'",
      'slow.js': '',
      'other.js': "import './slow.js'",
    });
    const s = new DependencyScheduler(g, g.imports.keys());
    expect(s.next()).toBe('slow.js');
    expect(s.next()).toBeUndefined(); // the cycle waits for lib.js
    s.complete('slow.js');
    const two = [s.next(), s.next()].sort();
    expect(two).toEqual(['lib.js', 'other.js']);
    s.complete('lib.js');
    // x.js and y.js now wait only on each other: x.js first (fewest unfinished, listed first),
    // while other.js is still running.
    expect(s.next()).toBe('x.js');
    expect(s.next()).toBeUndefined();
    s.complete('x.js');
    expect(s.next()).toBe('y.js');
    s.complete('y.js');
    s.complete('other.js');
    expect(s.next()).toBeUndefined();
    expect(s.remaining).toBe(0);
  });

  it('handles an import chain longer than the call stack', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20_000; i++) files[`f${i}.js`] = `import './f${(i + 1) % 20_000}.js'`;
    const g = graphOf(files);
    const s = new DependencyScheduler(g, g.imports.keys());
    let n = 0;
    for (let f = s.next(); f !== undefined; f = s.next()) {
      s.complete(f);
      n++;
    }
    expect(n).toBe(20_000);
  });
});

describe('buildImportGraph', () => {
  it('resolves a folder named with a trailing slash to its index file', () => {
    const g = graphOf({
      'index.js': "module.exports = require('./lib/')",
      'lib/index.js': "require('../'); require('./rules/')",
      'lib/rules/index.js': "require('..')",
    });
    expect(g.imports.get('index.js')).toEqual(new Map([['./lib/', 'lib/index.js']]));
    expect(g.imports.get('lib/index.js')).toEqual(
      new Map([
        ['../', 'index.js'],
        ['./rules/', 'lib/rules/index.js'],
      ]),
    );
    expect(g.imports.get('lib/rules/index.js')).toEqual(new Map([['..', 'lib/index.js']]));
  });

  it('resolves nothing for a folder with no index file or one outside the root', () => {
    const g = graphOf({ 'a.js': "require('./empty/'); require('../../')" });
    expect(g.imports.get('a.js')).toEqual(new Map());
  });
});
