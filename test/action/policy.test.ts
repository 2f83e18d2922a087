import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOsvStandIn, type StandIn } from '../sca/support/osv-stand-in.ts';
import { leftPadAdvisory, leftPadLockfile } from '../sca/support/test-advisory.ts';
import { commit, example, git, initRepo } from '../support/fixtures.ts';
import { pullEvent, runActionAt } from './support.ts';

/**
 * The Action in-process over a real git repository, as a pull request's workflow runs it: the
 * checkout is the PR head, and the PR tries to change how it is judged through its own config.
 * No token, so everything lands in the job summary and the exit code.
 */

const work = mkdtempSync(join(tmpdir(), 'vigil-action-policy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const EVAL = 'function run(c) {\n  return eval(c);\n}\nmodule.exports = { run };\n';
/** Everything a PR could write in order to pass. */
const TURN_OFF =
  "scanners: []\nfailOn: none\nexclude: ['**']\nignore:\n  - id: js/code-injection\n    reason: trust me\n";

const run = (dir: string, sha: string, event: string, inputs: Record<string, string> = {}) =>
  runActionAt(work, dir, sha, event, inputs);

function repo(name: string, baseFiles: Record<string, string>): { dir: string; base: string } {
  const dir = join(work, name);
  initRepo(dir);
  const base = commit(dir, { 'README.md': '# app\n', ...baseFiles }, 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  return { dir, base };
}

describe('the Action judges a pull request by its base commit’s configuration', () => {
  it('a PR that turns vigil off in .vigil.yml still fails on its new finding; the summary says why', async () => {
    const { dir, base } = repo('turn-off', {});
    const head = commit(dir, { '.vigil.yml': TURN_OFF, 'src/run.js': EVAL }, 'turn vigil off');
    const result = await run(dir, head, pullEvent(head, base));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/vigil: 1 new, 0 existing, 0 suppressed; conclusion failure/);
    expect(result.summary).toContain(
      `this change edits .vigil.yml: it was judged by the configuration of its base commit ${base.slice(0, 7)}; the new one takes effect after merge`,
    );
  });

  it('the base’s own file judges (here: failOn none), even when the PR deletes it', async () => {
    const { dir, base } = repo('delete', { '.github/vigil.yml': 'failOn: none\n' });
    const head = commit(dir, { '.github/vigil.yml': null, 'src/run.js': EVAL }, 'drop config');
    const result = await run(dir, head, pullEvent(head, base));
    expect(result.code).toBe(0);
    expect(result.summary).toContain('this change edits .github/vigil.yml');
  });

  it('operator-only keys in the repository’s file are errors in the summary; the inputs decide', async () => {
    const { dir, base } = repo('operator-keys', {
      '.vigil.yml':
        'failOn: high\nmaxFileSize: 1\nsca:\n  apiUrl: http://127.0.0.1:9/\n  database: /etc/osv.db\n',
    });
    const head = commit(dir, { 'src/run.js': EVAL }, 'add code');
    // maxFileSize: 1 would have skipped every file; the input's 64 KiB applies instead.
    const result = await run(dir, head, pullEvent(head, base), {
      scanners: 'sast',
      'max-file-size': '65536',
    });
    expect(result.code).toBe(1);
    for (const [line, key] of [
      [2, 'maxFileSize'],
      [4, 'sca.apiUrl'],
      [5, 'sca.database'],
    ] as const) {
      expect(result.summary).toContain(`.vigil.yml:${line}`);
      expect(result.summary).toContain(
        `${key}: only the operator sets this (the Action's inputs), not a file in the repository; ignored`,
      );
    }
    expect(result.summary).not.toContain('takes effect after merge');
  });

  it('a PR whose .vigil.yml is a link to a device is judged by the base, without reading the device', async () => {
    const { dir, base } = repo('device-link', { '.vigil.yml': 'failOn: high\n' });
    rmSync(join(dir, '.vigil.yml'));
    symlinkSync('/dev/zero', join(dir, '.vigil.yml'));
    const head = commit(dir, { 'src/run.js': EVAL }, 'link the config to /dev/zero');
    const result = await run(dir, head, pullEvent(head, base));
    expect(result.code).toBe(1);
    expect(result.summary).toContain('this change edits .vigil.yml');
  });

  it('a bad operator input is a usage error naming the input', async () => {
    const { dir, base } = repo('bad-input', {});
    const result = await run(dir, base, pullEvent(base, base), { 'osv-api-url': 'ftp://mirror' });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      'input `osv-api-url`: sca.apiUrl: expected an http(s) URL, got "ftp://mirror"',
    );
  });

  it('a base commit that cannot be read leaves the PR to the defaults, never to its own file', async () => {
    const { dir } = repo('no-base', {});
    const head = commit(dir, { '.vigil.yml': TURN_OFF, 'src/run.js': EVAL }, 'turn vigil off');
    const result = await run(dir, head, pullEvent(head, 'b'.repeat(40)));
    expect(result.code).toBe(1);
    expect(result.summary).toContain(`the base commit bbbbbbb could not be read`);
  });

  it('a push is judged by the pushed commit’s own file', async () => {
    const { dir } = repo('push', {});
    const head = commit(dir, { '.vigil.yml': 'failOn: none\n', 'src/run.js': EVAL }, 'relax');
    const push = example('push', (e) => e.ref === 'refs/heads/master');
    push.before = '0'.repeat(40);
    push.after = head;
    const result = await run(dir, head, JSON.stringify(push));
    expect(result.code).toBe(0);
    expect(result.summary).not.toContain('takes effect after merge');
  });
});

describe('the Action judges a pull request by its base commit’s suppression files and tree', () => {
  let osv: StandIn;
  beforeAll(async () => {
    osv = await startOsvStandIn([leftPadAdvisory()]);
  });
  afterAll(() => osv.close());
  const IGNORE =
    '[[IgnoredVulns]]\nid = "VIGIL-TEST-LEFTPAD-2026-0013"\nreason = "not reachable, trust me"\n';
  // no upgrade plan: it would ask npmjs about left-pad (test/action/plan.test.ts tests the plan)
  const withOsv = () => ({ scanners: 'sca', 'osv-api-url': osv.url, 'upgrade-plan': 'false' });

  it.each<{
    attack: string;
    name: string;
    base: Record<string, string>;
    head: string | null;
    code: number;
    line: string;
  }>([
    {
      attack: 'a PR that adds an osv-scanner.toml ignoring its vulnerable dependency still gets the finding',
      name: 'osv-toml-add',
      base: {},
      head: IGNORE,
      code: 1,
      line: 'vigil: 1 new, 0 existing, 0 suppressed; conclusion failure',
    },
    {
      attack: 'the base’s own osv-scanner.toml still suppresses, even when the PR deletes it',
      name: 'osv-toml-base',
      base: { 'osv-scanner.toml': IGNORE },
      head: null,
      code: 0,
      line: 'vigil: 0 new, 0 existing, 1 suppressed; conclusion success',
    },
  ])('$attack', async ({ name, base: baseFiles, head: toml, code, line }) => {
    const { dir, base } = repo(name, baseFiles);
    const head = commit(
      dir,
      // production code imports it: the finding is not demoted as unreachable
      {
        'package-lock.json': leftPadLockfile(),
        'index.js': "require('left-pad');\n",
        'osv-scanner.toml': toml,
      },
      'add left-pad, change the ignore file',
    );
    const result = await run(dir, head, pullEvent(head, base), withOsv());
    expect(result.code).toBe(code);
    expect(result.stdout).toContain(line);
    expect(result.summary).toContain(
      `this change edits osv-scanner.toml: its ignore entries were taken from the base commit ${base.slice(0, 7)}; the new ones take effect after merge`,
    );
  });

  const VEX = `${JSON.stringify({
    '@context': 'https://openvex.dev/ns/v0.2.0',
    statements: [
      {
        vulnerability: { name: 'VIGIL-TEST-LEFTPAD-2026-0013' },
        products: [{ '@id': 'pkg:npm/left-pad' }],
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
      },
    ],
  })}\n`;

  it.each<{
    attack: string;
    name: string;
    base: Record<string, string>;
    head: string | null;
    code: number;
    line: string;
  }>([
    {
      attack:
        'a PR that adds a VEX document marking its vulnerable dependency not_affected still gets the finding',
      name: 'vex-add',
      base: {},
      head: VEX,
      code: 1,
      line: 'vigil: 1 new, 0 existing, 0 suppressed; conclusion failure',
    },
    {
      attack: 'the base’s VEX document still suppresses, even when the PR deletes it',
      name: 'vex-base',
      base: { '.vex/left-pad.json': VEX },
      head: null,
      code: 0,
      line: 'vigil: 0 new, 0 existing, 1 suppressed; conclusion success',
    },
  ])('$attack', async ({ name, base: baseFiles, head: vex, code, line }) => {
    const { dir, base } = repo(name, baseFiles);
    const head = commit(
      dir,
      { 'package-lock.json': leftPadLockfile(), '.vex/left-pad.json': vex },
      'add left-pad, change the VEX',
    );
    const result = await run(dir, head, pullEvent(head, base), withOsv());
    expect(result.code).toBe(code);
    expect(result.stdout).toContain(line);
    expect(result.summary).toContain(
      `this change edits .vex/left-pad.json: VEX statements were taken from the base commit ${base.slice(0, 7)}; the new ones take effect after merge`,
    );
  });

  it('a .gitignore the PR adds does not hide its committed files; untracked files stay out', async () => {
    const { dir, base } = repo('gitignore', {});
    const head = commit(dir, { 'src/run.js': EVAL }, 'add code');
    const hidden = commit(dir, { '.gitignore': '*.js\nsrc/\n' }, 'hide it');
    // Untracked output (as a build step leaves it) is not the PR's code: never scanned.
    writeFileSync(join(dir, 'built.js'), EVAL);
    const result = await run(dir, hidden, pullEvent(hidden, base), { scanners: 'sast' });
    expect(head).not.toBe(hidden);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/vigil: 1 new, 0 existing, 0 suppressed; conclusion failure/);
    expect(result.summary).toContain('src/run.js');
    expect(result.summary).not.toContain('built.js');
  });
});
