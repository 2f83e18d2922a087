/**
 * Calls and parameters (src/sast/taint/calls.ts): a helper's parameters take the framework roles
 * its callers give them, so sinks on a passed response and sources on a passed request are seen.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../src/sast/engine.ts';
import redirectRule from '../../../rules/js/open-redirect.ts';
import commandRule from '../../../rules/js/command-injection.ts';
import nosqlRule from '../../../rules/js/nosql-injection.ts';

function lines(code: string, rule = redirectRule): number[] {
  const result = runRules('case.js', code, [rule]);
  expect(result.diagnostics).toEqual([]);
  return result.findings.map((f) => f.location.startLine).sort((a, b) => a - b);
}

const head = `const express = require('express');\nconst app = express();\n`;

describe('parameters filled with framework objects by their callers', () => {
  // Reported where the redirect is, with the caller's source in the flow.
  it('a response passed to a helper declaration makes its redirect a sink', () => {
    expect(
      lines(
        head +
          `function go(url, res) { res.redirect(url); }\n` +
          `app.post('/login', (req, res) => { go(req.body.next, res); });\n`,
      ),
    ).toEqual([3]);
  });

  it('the same through an arrow function bound to a const, response first', () => {
    expect(
      lines(
        head +
          `const done = (out, target) => { out.redirect(302, target); };\n` +
          `app.get('/x', (req, res) => done(res, req.query.u));\n`,
      ),
    ).toEqual([3]);
  });

  it('a request passed to a helper is request data inside it', () => {
    expect(
      lines(
        `const { exec } = require('child_process');\n` +
          head +
          `function run(request) { exec(request.query.cmd); }\n` +
          `app.get('/x', (req, res) => { run(req); res.end(); });\n`,
        commandRule,
      ),
    ).toEqual([4]);
  });

  it('a helper given a response but only constant targets stays quiet', () => {
    expect(
      lines(
        head +
          `function go(url, res) { res.redirect(url); }\n` +
          `app.get('/x', (req, res) => go('/home', res));\n`,
      ),
    ).toEqual([]);
  });

  it('a helper whose callers pass no framework object is no sink', () => {
    expect(
      lines(
        head +
          `function go(url, nav) { nav.redirect(url); }\n` +
          `app.get('/x', (req, res) => { go(req.query.u, makeRouter()); res.end(); });\n`,
      ),
    ).toEqual([]);
  });
});

describe('objects a plain function constructs', () => {
  it('reads their members from what the function gives `this` and from its prototype', () => {
    const code = `function AllocationsDAO(db) {
  const allocations = db.collection('allocations');
  this.byThreshold = (threshold) => allocations.find({ $where: 'this.stocks > ' + threshold }).toArray();
  if (db) {
    this.byOwner = function (owner) { return allocations.find({ owner: owner }).toArray(); };
  }
}
AllocationsDAO.prototype.byName = function (name) { return this.users.findOne({ name: name }); };
const dao = new AllocationsDAO(database);
app.get('/a', (req, res) => dao.byThreshold(req.query.threshold).then((r) => res.json(r)));
app.get('/b', (req, res) => dao.byOwner(req.body.owner).then((r) => res.json(r)));
app.get('/c', (req, res) => dao.byName(req.body.name).then((r) => res.json(r)));
app.get('/d', (req, res) => dao.unknown(req.body.x).then((r) => res.json(r)));
`;
    expect(lines(code, nosqlRule)).toEqual([5, 8, 10]);
  });
});
