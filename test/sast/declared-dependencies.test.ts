/**
 * Version-gated sinks: js-yaml's `load` ran `!!js/function` tags before 4.0, so it is a sink only
 * in a package whose package.json admits js-yaml 3 or older; simple-git's `clone` passed the
 * repository where git reads options before 3.33; passport logged in without a new session id
 * before 0.6. The nearest manifest decides.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sastRules } from '../../rules/index.ts';
import { admitsBelow, declaredRangesOf, lowestMajor } from '../../src/sast/declared-dependencies.ts';
import { scanJsFiles } from '../../src/sast/workers/index.ts';
import { findingsOf, treeForBlock } from '../support/sast-tree.ts';

describe('lowestMajor', () => {
  it.each([
    ['^3.14.0', 3],
    ['~3.13', 3],
    ['3.x', 3],
    ['3', 3],
    ['v3.1.0', 3],
    ['>=3.0.0 <5', 3],
    ['>= 2.1', 2],
    ['4.1.0 || 2.0.0', 2],
    ['=4.0.0', 4],
    ['3.0.0-beta.1', 3],
  ])('%s admits major %i', (range, major) => {
    expect(lowestMajor(range)).toBe(major);
  });

  it.each(['*', 'latest', '', 'github:nodeca/js-yaml', 'file:../js-yaml', 'workspace:*', 'x'])(
    '%j names no version',
    (range) => {
      expect(lowestMajor(range)).toBeUndefined();
    },
  );
});

describe('admitsBelow', () => {
  it.each([
    ['^3.14.0', 4, true],
    ['^4.1.0', 4, false],
    ['^3.20.0', '3.33', true],
    ['~3.32.3', '3.33', true],
    ['^3.33.0', '3.33', false],
    ['3.x', '3.33', true],
    ['4.1.0 || 3.40.0', '3.33', false],
    ['^4.0.0', '3.33', false],
    ['latest', '3.33', false],
    ['^4.17.4', '4.17.12', true],
    ['^4.17.21', '4.17.12', false],
    ['4.18.1', '4.17.12', false],
    ['~4.17', '4.17.12', true],
  ])('%s below %s: %s', (range, below, admits) => {
    expect(admitsBelow(range, below)).toBe(admits);
  });
});

describe('declaredRangesOf', () => {
  const manifests = new Map([
    ['package.json', JSON.stringify({ dependencies: { 'js-yaml': '^3.14.0', express: '4' } })],
    ['packages/new/package.json', JSON.stringify({ devDependencies: { 'js-yaml': '^4.1.0' } })],
    ['packages/none/package.json', JSON.stringify({ name: 'none' })],
    ['packages/broken/package.json', '{ "dependencies": '],
    [
      'packages/huge/package.json',
      JSON.stringify({ dependencies: { 'js-yaml': '^3.0.0' }, description: 'x'.repeat(2 * 1024 * 1024) }),
    ],
    ['node_modules/x/package.json', JSON.stringify({ dependencies: { 'js-yaml': '2' } })],
  ]);
  const of = declaredRangesOf(manifests, new Set(['js-yaml']));

  it('reads the nearest package.json, and only the modules asked for', () => {
    expect(of('src/app.js')).toEqual({ 'js-yaml': '^3.14.0' });
    expect(of('packages/new/lib/deep/load.ts')).toEqual({ 'js-yaml': '^4.1.0' });
  });

  it('lets the nearest manifest decide even when it names none, or does not parse', () => {
    expect(of('packages/none/index.js')).toBeUndefined();
    expect(of('packages/broken/index.js')).toBeUndefined();
    // Over a mebibyte: not read, and not replaced by the root's either.
    expect(of('packages/huge/index.js')).toBeUndefined();
  });

  it('ignores installed packages', () => {
    expect(of('node_modules/x/index.js')).toEqual({ 'js-yaml': '^3.14.0' });
  });
});

describe('js-yaml load by declared version', () => {
  const route = `const yaml = require('js-yaml');\napp.post('/import', (req, res) => res.json(yaml.load(req.body.doc)));\n`;
  const tree: Record<string, string> = {
    'old/package.json': JSON.stringify({ private: true, dependencies: { 'js-yaml': '^3.14.0' } }),
    'old/app.js': route,
    'old/safe.js': `const yaml = require('js-yaml');\napp.post('/s', (req, res) => res.json(yaml.safeLoad(req.body.doc)));\n`,
    'new/package.json': JSON.stringify({ private: true, dependencies: { 'js-yaml': '^4.1.0' } }),
    'new/app.js': route,
    'unknown/app.js': route,
  };

  const dir = treeForBlock(tree);

  it('is unsafe deserialisation where js-yaml 3 may be installed, medium where no version is declared', async () => {
    const findings = await findingsOf(dir(), tree, 'js/unsafe-deserialization');
    const found = findings.map((f) => `${f.location.path}:${f.location.startLine} ${f.precision}`);
    expect(found.sort()).toEqual(['old/app.js:2 very-high', 'unknown/app.js:2 medium']);
    expect(findings.find((f) => f.location.path === 'old/app.js')?.message).toContain("js-yaml 3's load");
  });
});

describe('math.js evaluation by declared version', () => {
  const route = `const mathjs = require('mathjs');\napp.post('/calc', (req, res) => res.json({ out: mathjs.eval(req.body.eqn) }));\n`;
  const tree: Record<string, string> = {
    'old/package.json': JSON.stringify({ private: true, dependencies: { mathjs: '3.10.1' } }),
    'old/app.js': route,
    'new/package.json': JSON.stringify({ private: true, dependencies: { mathjs: '^11.8.0' } }),
    'new/app.js': route,
    'unknown/app.js': route,
  };

  const dir = treeForBlock(tree);

  it('is code injection unless only versions with the sandbox fixed may be installed', async () => {
    const findings = await findingsOf(dir(), tree, 'js/code-injection');
    expect(findings.map((f) => f.location.path).sort()).toEqual(['old/app.js', 'unknown/app.js']);
  });
});

describe('lodash merge by declared version', () => {
  const route = `const { merge } = require('lodash');\napp.put('/settings', (req, res) => res.json(merge({}, defaults, req.body)));\n`;
  const tree: Record<string, string> = {
    'old/package.json': JSON.stringify({ private: true, dependencies: { lodash: '^4.17.4' } }),
    'old/app.js': route,
    'new/package.json': JSON.stringify({ private: true, dependencies: { lodash: '^4.17.21' } }),
    'new/app.js': route,
    'unknown/app.js': route,
  };

  const dir = treeForBlock(tree);

  it('is prototype pollution unless only versions that skip __proto__ may be installed', async () => {
    const findings = await findingsOf(dir(), tree, 'js/prototype-pollution');
    expect(findings.map((f) => f.location.path).sort()).toEqual(['old/app.js', 'unknown/app.js']);
  });
});

describe('simple-git clone by declared version', () => {
  const route = `const { simpleGit } = require('simple-git');\napp.post('/clone', (req, res) => simpleGit().clone(req.body.repo, '/srv/site').then(() => res.end()));\n`;
  const tree: Record<string, string> = {
    'old/package.json': JSON.stringify({ private: true, dependencies: { 'simple-git': '^3.20.0' } }),
    'old/app.js': route,
    'new/package.json': JSON.stringify({ private: true, dependencies: { 'simple-git': '^3.33.0' } }),
    'new/app.js': route,
  };

  const dir = treeForBlock(tree);

  it('is argument injection only where the repository is not put after --', async () => {
    const manifests = new Map(Object.entries(tree).filter(([p]) => p.endsWith('package.json')));
    const r = await scanJsFiles(
      ['old/app.js', 'new/app.js'].map((path) => ({ path, absPath: join(dir(), path) })),
      { rules: sastRules, root: dir(), workers: 0, library: { manifests } },
    );
    const found = r.findings
      .filter((f) => f.ruleId === 'js/argument-injection')
      .map((f) => `${f.location.path}:${f.location.startLine}`);
    expect(found).toEqual(['old/app.js:2']);
  });
});

describe('passport login by declared version', () => {
  const routes = `const passport = require('passport');
router.post('/login', passport.authenticate('local', { failureRedirect: '/login' }), (req, res) => res.redirect('/'));
router.post('/token', passport.authenticate('bearer', { session: false }), (req, res) => res.json(req.user));
router.post('/signup', (req, res, next) => createUser(req.body).then((user) => req.logIn(user, next)));
router.post('/join', (req, res, next) => req.session.regenerate(() => req.login(req.user, next)));
module.exports = (passport) => router.post('/signin', passport.authenticate('local'));
`;
  const tree: Record<string, string> = {
    'old/package.json': JSON.stringify({ private: true, dependencies: { passport: '^0.5.2' } }),
    'old/routes.js': routes,
    'new/package.json': JSON.stringify({ private: true, dependencies: { passport: '^0.6.0' } }),
    'new/routes.js': routes,
    'none/package.json': JSON.stringify({ private: true, dependencies: { express: '^4.21.0' } }),
    'none/routes.js': routes,
    'cookie/package.json': JSON.stringify({
      private: true,
      dependencies: { passport: '0.4.1', 'cookie-session': '^2.0.0' },
    }),
    'cookie/routes.js': routes,
    'cookie/login.js': `app.post('/login', (req, res) => {
  if (bcrypt.compareSync(req.body.password, hash)) req.session.user = req.body.name;
  res.end();
});`,
    'both/package.json': JSON.stringify({
      private: true,
      dependencies: { 'express-session': '^1.18.0', 'cookie-session': '^2.0.0' },
    }),
    'both/login.js': `app.post('/login', (req, res) => {
  if (bcrypt.compareSync(req.body.password, hash)) req.session.user = req.body.name;
  res.end();
});`,
  };

  const dir = treeForBlock(tree);

  it('is session fixation only where passport may be older than 0.6, and not with sessions kept in the cookie', async () => {
    const found = (await findingsOf(dir(), tree, 'js/session-fixation')).map(
      (f) => `${f.location.path}:${f.location.startLine}`,
    );
    expect(found.sort()).toEqual([
      'both/login.js:2',
      'old/routes.js:2',
      'old/routes.js:4',
      'old/routes.js:6',
    ]);
  });
});
