/**
 * A function that hands back a copy of its argument (`{ ...raw }`, `cloneDeep(orig)`, the argument
 * itself through `toJSON()`) with some properties written gives a caller's property read what was
 * written there, or what the caller's own argument holds under that name; a helper's read of a
 * property of a property (`({ data }) => data.id`) is of the caller's argument, name by name. In
 * the same file and through an imported function's summary.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../src/sast/engine.ts';
import commandRule from '../../../rules/js/command-injection.ts';
import { findingsOf, treeForBlock } from '../../support/sast-tree.ts';

const head = `const { exec } = require('child_process');\nconst app = require('express')();\n`;

/** The lines of `route`'s body (from 1) where a flow reaches `exec`. */
function flagged(helpers: string, ...uses: string[]): number[] {
  const code = `${head}${helpers}\napp.get('/r', (req, res) => {\n${uses.join('\n')}\n});`;
  const result = runRules('case.js', code, [commandRule]);
  expect(result.diagnostics).toEqual([]);
  const offset = 3 + helpers.split('\n').length;
  return result.findings
    .filter((f) => f.flow)
    .map((f) => f.location.startLine - offset)
    .sort((a, b) => a - b);
}

describe('copies handed back in the same file', () => {
  it("reads the caller's argument through a helper returning its parameter", () => {
    const helpers = `function toI(doc) { return doc.toJSON(); }
const same = (o) => o;
const plain = (doc) => doc.toObject({ flattenMaps: true });
function run(d) { exec(toI(d).cmd); exec(same(d).cmd); exec(plain(d).cmd); }`;
    expect(flagged(helpers, `run({ ...req.query, cmd: 'ls' });`)).toEqual([]);
    expect(flagged(helpers, `run({ cmd: req.query.c });`)).not.toEqual([]);
  });

  it('reads a copy at a direct call of a function also handed to map as a callback', () => {
    const helpers = `function toI(doc) { return doc.toJSON(); }
function all(rows) { return rows.map(toI); }`;
    expect(
      flagged(
        helpers,
        `exec(all(req.query.rows)[0]);`,
        `const c = toI({ ...req.query, cmd: 'ls' });`,
        `exec(c.cmd);`,
      ),
    ).toEqual([1]);
  });

  it('reads what a copy wrote, and any other name from the argument', () => {
    const helpers = `function build(raw) { const r = { ...raw }; if (!r.id) r.id = 'x'; r.cmd = raw.other; return r; }`;
    expect(
      flagged(
        helpers,
        `const c = build({ id: 'a', cmd: 'ls', other: req.query.o, more: req.query.m });`,
        `exec(c.cmd);`,
        `exec(c.id);`,
        `exec(c.more);`,
        `exec(c.none);`,
      ),
    ).toEqual([2, 4]);
  });

  it('keeps what copies hold by name in a variable a loop writes again', () => {
    // The read comes before the loop's write: a second round works the write out again.
    const helpers = `function build(raw) { const r = { ...raw }; if (!r.id) r.id = 'x'; return r; }`;
    expect(
      flagged(
        helpers,
        `let c = build({ id: 'a', other: req.query.o });`,
        `for (const x of req.query.xs) {`,
        `  exec(c.id);`,
        `  exec(c.other);`,
        `  c = build({ id: 'b', other: x });`,
        `}`,
      ),
    ).toEqual([4]);
  });

  it('keeps a copy by name in a variable handed to another function before it is returned', () => {
    const helpers = `const mongoose = require('mongoose');
const Exp = mongoose.model('E', new mongoose.Schema({}));
function toI(doc) { return doc.toJSON(); }
async function onCreate({ context, experiment }) { await notify(context, experiment); }
async function create({ data, context }) {
  data.organization = context.org.id;
  const doc = await Exp.create({ id: newId(), ...data });
  const experiment = toI(doc);
  await onCreate({ context, experiment });
  return experiment;
}`;
    expect(
      flagged(
        helpers,
        `const exp = await create({ data: { name: req.body.name }, context: { org: { id: 1 } } });`,
        `exec(exp.id);`,
        `exec(exp.name);`,
      ),
    ).toEqual([3]);
  });

  it('follows a clone and another copying function returning it', () => {
    const helpers = `const cloneDeep = require('lodash/cloneDeep');
function up(orig) { const e = cloneDeep(orig); if (!e.goal) e.goal = e.metrics || []; return e; }
function toI(doc) { return up(doc); }`;
    expect(
      flagged(
        helpers,
        `const c = toI({ id: 'a', metrics: req.query.m });`,
        `exec(c.id);`,
        `exec(c.goal);`,
        `exec(c.metrics);`,
      ),
    ).toEqual([3, 4]);
  });

  it("keeps what a literal written before a spread holds, and the caller's writes into the copied value", () => {
    const helpers = `const mongoose = require('mongoose');
const Exp = mongoose.model('E', new mongoose.Schema({}));
async function create({ data, context }) {
  data.organization = context.org.id;
  const doc = await Exp.create({ id: newId(), ...data, dateCreated: new Date() });
  return doc.toJSON();
}`;
    expect(
      flagged(
        helpers,
        `const exp = await create({ data: { name: req.body.name, state: 'draft' }, context: req.ctx });`,
        `exec(exp.id);`,
        `exec(exp.state);`,
        `exec(exp.name);`,
      ),
    ).toEqual([4]);
    // The literal's own value comes first: the copied value may hold the name too.
    expect(
      flagged(helpers, `const exp = await create({ data: req.body, context: req.ctx });`, `exec(exp.id);`),
    ).toEqual([2]);
  });

  it('keeps the whole argument where the copy is written at a computed key or assigned again', () => {
    const computed = `function build(raw, k, v) { const r = { ...raw }; r[k] = v; return r; }`;
    expect(flagged(computed, `exec(build({ id: 1 }, req.query.k, req.query.v).id);`)).toEqual([1]);
    const reassigned = `function build(raw, other) { let r = { ...raw }; if (other.x) r = other; return r; }`;
    expect(flagged(reassigned, `exec(build({ id: 1 }, req.query).id);`)).toEqual([1]);
  });
});

describe("a helper's read of a property of a property", () => {
  const helpers = `const onUpdate = async ({ context, changeset }) => { exec(changeset.experiment); };`;

  it("takes the caller's argument name by name", () => {
    expect(
      flagged(
        helpers,
        `const changeset = { ...load(), editorUrl: req.query.e };`,
        `onUpdate({ context: 1, changeset });`,
      ),
    ).toEqual([]);
    expect(flagged(helpers, `onUpdate({ context: 1, changeset: { experiment: req.query.x } });`)).toEqual([
      -1,
    ]);
    expect(flagged(helpers, `onUpdate({ context: 1, changeset: req.query });`)).toEqual([-1]);
  });

  it("goes no further than a property the parameter's pattern binds", () => {
    // `o.a.b` reads `o.a` of the caller's argument whole: its `c` reaches.
    const deep = `const deep = (o) => { exec(o.a.b); };`;
    expect(flagged(deep, `deep({ a: { b: 'ls', c: req.query.c } });`)).toEqual([-1]);
  });
});

describe('copies handed back across files', () => {
  const tree: Record<string, string> = {
    'migrations.js': `const cloneDeep = require('lodash/cloneDeep');
exports.upgrade = (orig) => {
  const e = cloneDeep(orig);
  if (!e.goal) e.goal = e.metrics || [];
  return e;
};`,
    'model.js': `const mongoose = require('mongoose');
const { upgrade } = require('./migrations.js');
const Exp = mongoose.model('E', new mongoose.Schema({}));
exports.create = async ({ data, context }) => {
  const doc = await Exp.create({ id: newId(), ...data, organization: context.org });
  return upgrade(doc.toJSON());
};`,
    'app.js': `const app = require('express')();
const { exec } = require('child_process');
const { create } = require('./model.js');
app.post('/e', async (req, res) => {
  const exp = await create({ data: { name: req.body.name, kind: 'ab' }, context: { org: 'o1' } });
  exec(exp.organization);
  exec(exp.kind);
  exec(exp.name);
  exec(exp.goal);
});`,
  };
  const dir = treeForBlock(tree);

  it('reports the property holding request data, not the ones the server or the caller set', async () => {
    const found = await findingsOf(dir(), tree, 'js/command-injection');
    const lines = found
      .filter((f) => f.flow && f.location.path.endsWith('app.js'))
      .map((f) => f.location.startLine)
      .sort((a, b) => a - b);
    expect(lines).toEqual([8]);
  });
});
