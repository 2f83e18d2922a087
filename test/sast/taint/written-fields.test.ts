/**
 * A write into an object's property (`o.f = x`) taints a read of that property and of the object
 * read whole, not a read of another named property: `req.uid = req.body.uid` leaves `req.method`
 * what the server set, and `data.pagination = build(req.query)` leaves `data.posts` what the
 * database gave.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../src/sast/engine.ts';
import commandRule from '../../../rules/js/command-injection.ts';

function lines(code: string): number[] {
  const result = runRules('case.js', code, [commandRule]);
  expect(result.diagnostics).toEqual([]);
  return result.findings.filter((f) => f.flow).map((f) => f.location.startLine);
}

const head = `const { exec } = require('child_process');\nconst app = require('express')();\n`;

/** A handler that writes `req.query.c` into `data.f` of a database record, then runs `read`. */
const written = (read: string) =>
  head +
  `app.get('/', async (req, res) => {\n  const data = await db.find();\n  data.f = req.query.c;\n  ${read};\n});`;

describe('fields written into an object', () => {
  it.each([
    ['the field written', 'exec(data.f)'],
    ['a property of the field written', 'exec(data.f.g)'],
    ['an element of the field written', 'exec(data.f[0])'],
    ['the field through optional chaining', 'exec(data?.f)'],
    ['a computed key, which may name the field', 'exec(data[req.params.k])'],
    ['the object whole', "exec('x ' + JSON.stringify(data))"],
    ['the field through a spread copy', 'const copy = { ...data }; exec(copy.f)'],
    ['a spread copy whole', "const copy = { ...data }; exec('x ' + JSON.stringify(copy))"],
    ['an Object.assign copy', 'exec(Object.assign({}, data).g)'],
    ['a helper that may read any field', 'run(data, req.params.k); function run(o, k) { exec(o[k]); }'],
    ['a helper that reads the field', 'run(data); function run(o) { exec(o.f); }'],
    ['a method of the object', "exec(data.join(' '))"],
    ['the field destructured', 'const { f } = data; exec(f)'],
    ['the rest of a destructuring', 'const { g, ...rest } = data; exec(rest.f)'],
  ])('reaches the sink: %s', (_, read) => {
    expect(lines(written(read))).toEqual([6]);
  });

  it.each([
    ['another named field', 'exec(data.g)'],
    ['another field, nested', 'exec(data.posts[0].pid)'],
    ['another field destructured', 'const { g } = data; exec(g)'],
    ['another field, read by a helper', 'run(data); function run(o) { exec(o.g); }'],
    ['another field of a spread copy', 'const copy = { ...data }; exec(copy.g)'],
  ])('stays silent: %s', (_, read) => {
    expect(lines(written(read))).toEqual([]);
  });

  it('lets any named read see a write at a computed key', () => {
    const body = `app.get('/', (req, res) => { const o = {}; o[req.params.k] = req.query.c; exec(o.g); });`;
    expect(lines(head + body)).toEqual([3]);
  });

  it('takes a write over a property an object literal set', () => {
    const body = `app.get('/', (req, res) => {\n  const o = { f: 'ls', g: 'pwd' };\n  o.f = req.query.c;\n  exec(o.f);\n  exec(o.g);\n});`;
    expect(lines(head + body)).toEqual([6]);
  });

  it("keeps a URL's parts together: a host written is in its href", () => {
    const body = `app.get('/', (req, res) => {\n  const u = new URL('https://example.com');\n  u.host = req.query.h;\n  exec('curl ' + u.href);\n});`;
    expect(lines(head + body)).toEqual([6]);
  });

  it("leaves the request's other fields alone, in the handler and in a helper it passes the request to", () => {
    const body =
      `function login(req, uid) {\n  req.uid = uid;\n  exec('echo ' + req.method);\n  exec('echo ' + req.uid);\n}\n` +
      `app.post('/', (req, res) => {\n  login(req, req.body.uid);\n  req.user = req.body;\n  exec(req.user.name);\n  exec(req.session.id);\n});`;
    expect(lines(head + body).sort((a, b) => a - b)).toEqual([6, 11]);
  });

  it('follows a field a middleware wrote to the handler that reads it', () => {
    const body =
      `app.use((req, res, next) => { req.parsed = {}; req.parsed.cmd = req.body.c; next(); });\n` +
      `app.get('/', (req, res) => exec(req.parsed.cmd));`;
    expect(lines(head + body)).toEqual([4]);
  });
});

describe('a write that decides a later read of the same property', () => {
  /** A handler that takes the body, writes, runs `between`, then reads `data.org` into a sink (line 7). */
  const handler = (write: string, between = '') =>
    head +
    `app.post('/', (req, res) => {\n  const data = req.body;\n  ${write}\n  ${between}\n  exec('x ' + data.org);\n});`;

  it("reads what the server wrote over the client's field", () => {
    expect(lines(handler('data.org = getOrg().id;'))).toEqual([]);
    expect(lines(handler('data.org = getOrg().id;', 'check(data);'))).toEqual([]);
  });

  it.each([
    ['a write only one branch makes', 'if (req.query.x) data.org = getOrg().id;', ''],
    ['a write in a block the read is not in', 'if (req.query.x) { data.org = getOrg().id; }', ''],
    ['a later write at a computed key', 'data.org = getOrg().id;', 'data[req.query.k] = req.query.v;'],
    ['a copy into the object after it', 'data.org = getOrg().id;', 'Object.assign(data, req.query);'],
    ['the variable assigned again', 'data.org = getOrg().id;', 'data = req.query;'],
    ['a write of request data', 'data.org = req.query.org;', ''],
    ['a compound write', "data.org += '';", ''],
    ['a write of another property', 'data.team = getOrg().id;', ''],
  ])("keeps the client's data: %s", (_, write, between) => {
    const code = handler(write, between).replace(
      'const data',
      between.startsWith('data =') ? 'let data' : 'const data',
    );
    expect(lines(code)).toEqual([7]);
  });

  it('gives a function handed the object what was written, where it reads that property', () => {
    const helper = `function save(rec) {\n  exec('x ' + rec.org);\n}\n`;
    const call = (write: string) =>
      head +
      helper +
      `app.post('/', (req, res) => {\n  const data = req.body;\n  ${write}\n  save(data);\n});`;
    expect(lines(call('data.org = getOrg().id;'))).toEqual([]);
    // A spread copy in the callee reads the same property of its argument.
    const spread = call('data.org = getOrg().id;').replace(
      "exec('x ' + rec.org)",
      "exec('x ' + { ...rec, id: 1 }.org)",
    );
    expect(lines(spread)).toEqual([]);
    expect(lines(call('data.team = getOrg().id;'))).toEqual([4]);
    expect(lines(call('if (req.query.x) data.org = getOrg().id;'))).toEqual([4]);
  });

  it('keeps what a loop writes again', () => {
    const body = `app.post('/', (req, res) => {\n  const data = req.body;\n  data.org = getOrg().id;\n  for (const k of Object.keys(req.query)) { exec('x ' + data.org); data[k] = req.query[k]; }\n});`;
    expect(lines(head + body)).toEqual([6]);
  });
});
