/**
 * A parameter read at a property (`settings.logMessage`) takes its caller's argument at that
 * property: an options object whose other fields hold request data does not reach the sink,
 * in the same file and through an imported helper's summary.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRules } from '../../../src/sast/engine.ts';
import { sastRules } from '../../../rules/index.ts';
import commandRule from '../../../rules/js/command-injection.ts';
import { scanJsFiles } from '../../../src/sast/workers/index.ts';

function flows(code: string): number[] {
  const result = runRules('case.js', code, [commandRule]);
  expect(result.diagnostics).toEqual([]);
  return result.findings.filter((f) => f.flow).map((f) => f.location.startLine);
}

const head = `const { exec } = require('child_process');\nconst app = require('express')();\n`;

describe('parameter fields in the same file', () => {
  it('reaches the sink only through the field the helper reads', () => {
    const helper = `function run(opts) { exec(opts.command); }\n`;
    expect(
      flows(head + helper + `app.get('/a', (req, res) => run({ command: 'ls', title: req.query.t }));`),
    ).toEqual([]);
    expect(
      flows(head + helper + `app.get('/b', (req, res) => run({ command: req.query.c, title: 't' }));`),
    ).toEqual([3]);
  });

  it('follows the field through a variable, a nested read and a returned value', () => {
    const helper =
      `function run(s) { const inner = s.job; exec(inner.cmd); }\n` + `function pick(o) { return o.name; }\n`;
    const safe = `app.get('/a', (req, res) => { const job = { cmd: 'ls' }; run({ job, who: req.query.u }); exec(pick({ name: 'x', other: req.query.o })); });`;
    const unsafe = `app.get('/b', (req, res) => { run({ job: req.body.job }); exec(pick({ name: req.query.n })); });`;
    expect(flows(head + helper + safe)).toEqual([]);
    expect(flows(head + helper + unsafe).sort()).toEqual([3, 5]);
  });

  it('takes each of two fields that meet at one sink from its own field of the argument', () => {
    const helper = `function run(params) { const { context, id } = params; exec(context.org + ' ' + id); }\n`;
    const safe = `app.get('/a', (req, res) => run({ context: { org: 'o' }, id: 'x', extra: req.body.e }));`;
    const unsafe = `app.get('/b', (req, res) => run({ context: { org: 'o' }, id: req.body.id }));`;
    const whole = `app.get('/c', (req, res) => { function all(p) { exec(p.cmd + p); } all({ cmd: 'ls', note: req.body.n }); });`;
    expect(flows(head + helper + safe)).toEqual([]);
    expect(flows(head + helper + unsafe)).toEqual([3]);
    // The parameter reaching the sink whole takes the whole argument, fields and all.
    expect(flows(head + whole)).toEqual([3]);
  });

  it('takes nothing from an object literal without the field, nor from a destructured one', () => {
    const helper =
      `function run(opts) { exec(opts.command); }\n` +
      `function start({ command, title }) { exec(command); return title; }\n`;
    expect(
      flows(
        head +
          helper +
          `app.get('/a', (req, res) => { run({ title: req.query.t }); start({ title: req.query.t }); });`,
      ),
    ).toEqual([]);
    // A spread or a computed key may hold the field.
    expect(
      flows(
        head +
          helper +
          `app.get('/b', (req, res) => { run({ ...req.query }); start({ [req.query.k]: req.query.v }); });`,
      ),
    ).toEqual([3, 4]);
  });

  it('takes a record held in a variable or spread from one at its own properties only', () => {
    const helper =
      `function run(opts) { exec(opts.command); }\n` + `function defaults() { return { title: 'guest' }; }\n`;
    const safe = [
      `app.get('/a', (req, res) => { const role = { title: req.body.r }; run({ command: 'ls', ...role }); });`,
      `app.get('/b', (req, res) => { let role = defaults(); if (req.body.r) role = { title: req.body.r }; run({ command: 'ls', ...role }); });`,
      `app.get('/c', (req, res) => { const o = { title: req.query.t }; exec(o.command); });`,
    ];
    expect(flows(head + helper + safe.join('\n'))).toEqual([]);
    const unsafe = [
      `app.get('/a', (req, res) => { const role = { command: req.body.c }; run({ command: 'ls', ...role }); });`,
      `app.get('/b', (req, res) => { let role = defaults(); if (req.body.r) role = { title: req.body.r }; exec(role.title); });`,
    ];
    expect(flows(head + helper + unsafe.join('\n')).sort()).toEqual([3, 6]);
  });

  it('keeps the whole argument when it is not an object literal the code can read', () => {
    const helper = `function run(opts) { exec(opts.command); }\n`;
    expect(flows(head + helper + `app.get('/a', (req, res) => run(req.body));`)).toEqual([3]);
    expect(flows(head + helper + `app.get('/b', (req, res) => run(Object.assign({}, req.query)));`)).toEqual([
      3,
    ]);
  });
});

describe('parameter fields across files', () => {
  let dir: string;
  const files: Record<string, string> = {
    'mailer.js': `exports.send = (settings) => {
  console.log(settings.errorText);
  require('child_process').exec(settings.command);
};`,
    'app.js': `const app = require('express')();
const mailer = require('./mailer.js');
app.post('/contact', (req, res) => {
  mailer.send({ errorText: 'could not send', body: req.body.message, command: 'true' });
  mailer.send({ errorText: req.body.note, command: req.body.cmd });
});`,
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-fields-'));
    for (const [path, text] of Object.entries(files)) await writeFile(join(dir, path), text);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a field only for the call whose field holds request data', async () => {
    const result = await scanJsFiles(
      Object.keys(files).map((path) => ({ path, absPath: join(dir, path) })),
      { rules: sastRules, root: dir, workers: 0 },
    );
    const taint = result.findings.filter((f) => f.flow?.length);
    expect(taint.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`).sort()).toEqual([
      'js/command-injection mailer.js:3',
      'js/log-injection mailer.js:2',
    ]);
    // Each flow starts at the second call's field, never at the first call's body.
    for (const f of taint) expect(f.flow![0]!.location.startLine).toBe(5);
  });
});
