import { describe, expect, it } from 'vitest';
import { extractLockfile, extractorFor } from '../../../src/sca/lockfiles/index.ts';
import { LockfileError, type LockfileExtractor } from '../../../src/sca/types.ts';
import { expectLinear, shaped, type Adversary } from '../../support/linear-time.ts';

/**
 * Every lockfile extractor, fed 1 MiB of text built against its parser (deep nesting, long runs of
 * near-matches, one huge line), must stay within a ratio of a plain lockfile of the same size. A
 * refusal (LockfileError naming the file) is an answer; any other exception fails the test.
 */

/** `head`, then `entry(i)` for i = 0, 1, … while they fit, newlines, then `tail`: exactly `n` characters. */
function entries(head: string, entry: (i: number) => string, tail = ''): (n: number) => string {
  return (n) => {
    const parts = [head];
    let length = head.length + tail.length;
    for (let i = 0; ; i++) {
      const e = entry(i);
      if (length + e.length > n) break;
      parts.push(e);
      length += e.length;
    }
    return parts.join('') + '\n'.repeat(Math.max(0, n - length)) + tail;
  };
}

function runner(path: string): (text: string) => void {
  const extractor = extractorFor(path) as LockfileExtractor;
  expect(extractor, path).toBeDefined();
  return (text) => {
    try {
      extractLockfile(extractor, path, text, { readFile: () => undefined, files: [] });
    } catch (e) {
      if (!(e instanceof LockfileError)) throw e;
      expect(e.message).toContain(path);
    }
  };
}

interface Case {
  path: string;
  benign: (n: number) => string;
  adversaries: Adversary[];
}

const NPM_HEAD = '{"lockfileVersion":3,"packages":{"":{"dependencies":{"a":"1"}}';
const YARN1_HEAD = '# yarn lockfile v1\n\n';
const BERRY_HEAD = '__metadata:\n  version: 8\n\n';
const PNPM_HEAD = "lockfileVersion: '9.0'\n\npackages:\n\n";
const GEM_HEAD = 'GEM\n  remote: https://rubygems.org/\n  specs:\n';

const cases: Record<string, Case> = {
  'package-lock.json': {
    path: 'package-lock.json',
    benign: entries(
      NPM_HEAD,
      (i) =>
        `,"node_modules/p${i}":{"version":"1.0.${i}","resolved":"https://registry.npmjs.org/p/-/p-1.0.0.tgz"}`,
      '}}',
    ),
    adversaries: [
      // `^https?:\/\/.*\.git(#.*)?$` backtracked over every `.git#` when the line failed late.
      shaped(
        'a version of `.git#` runs',
        `${NPM_HEAD},"node_modules/a":{"version":"https://`,
        '.git#',
        '\\n"}}}',
      ),
      shaped(
        'a resolved URL of `.git#` runs',
        `${NPM_HEAD},"node_modules/a":{"resolved":"http://`,
        '.git#',
        ' "}}}',
      ),
      {
        name: 'package keys spelt with escapes',
        text: entries(NPM_HEAD, (i) => `,"node_modules/\\u0070${i}":{"version":"1.0.0"}`, '}}'),
      },
      shaped('deep arrays', '', '['),
      shaped('one long key', `${NPM_HEAD},"node_modules/`, 'a', '":{}}}'),
    ],
  },
  'yarn.lock v1': {
    path: 'yarn.lock',
    benign: entries(
      YARN1_HEAD,
      (i) =>
        `p${i}@^1.0.0:\n  version "1.0.${i}"\n  resolved "https://registry.yarnpkg.com/p/-/p-1.0.0.tgz"\n\n`,
    ),
    adversaries: [
      shaped('one key of many descriptors', YARN1_HEAD, 'a@1, ', 'a@1:\n  version "1"\n'),
      shaped('an unterminated string of escapes', `${YARN1_HEAD}a "`, '\\"'),
      shaped('colons', `${YARN1_HEAD}a:\n  version `, ':'),
      { name: 'deepening indentation', text: entries(YARN1_HEAD, (i) => `${' '.repeat(i % 512)}a${i}:\n`) },
      shaped('git specifiers', `${YARN1_HEAD}a@https://`, '.git#', ':\n  version "1"\n'),
    ],
  },
  'yarn.lock berry': {
    path: 'yarn.lock',
    benign: entries(
      BERRY_HEAD,
      (i) =>
        `"p${i}@npm:^1.0.0":\n  version: 1.0.${i}\n  resolution: "p${i}@npm:1.0.${i}"\n  checksum: 10c0/abc\n\n`,
    ),
    adversaries: [
      shaped('explicit keys', BERRY_HEAD, '? '),
      shaped('flow openers', `${BERRY_HEAD}a: `, '['),
      shaped('colons', `${BERRY_HEAD}a: `, ':'),
      shaped('a long line of words', `${BERRY_HEAD}a: `, 'b '),
      shaped('one key of many descriptors', `${BERRY_HEAD}"`, 'a@npm:1, ', 'a@npm:1":\n  version: 1\n'),
    ],
  },
  'pnpm-lock.yaml': {
    path: 'pnpm-lock.yaml',
    benign: entries(PNPM_HEAD, (i) => `  p${i}@1.0.${i}:\n    resolution: {integrity: sha512-abc${i}}\n\n`),
    adversaries: [
      // `toJS` prints a collection key into a string, again at every level: one line of 240
      // nested `? ` took 16 s, so lines 128 deep cost far beyond the budget.
      shaped('lines of explicit keys 128 deep', PNPM_HEAD, `  ${'? '.repeat(128)}a\n`),
      shaped('explicit keys nested to the end', `${PNPM_HEAD}  `, '? '),
      shaped('flow mappings as keys, 60 deep', PNPM_HEAD, `  ${'{'.repeat(60)}${'}'.repeat(60)}: 1\n`),
      shaped('aliases of one anchor', `${PNPM_HEAD}  x@1: &a {resolution: {integrity: a}}\n`, '  y: *a\n'),
      shaped('one key repeated', PNPM_HEAD, '  a@1:\n    b: 1\n'),
      shaped('one long plain scalar', `${PNPM_HEAD}  a@1: `, 'b '),
    ],
  },
  'bun.lock': {
    path: 'bun.lock',
    benign: entries(
      '{"lockfileVersion":1,"workspaces":{"":{}},"packages":{',
      (i) => `"p${i}":["p${i}@1.0.0","",{},"sha512-x"],\n`,
      '"z":["z@1.0.0","",{},"sha512-x"]}}',
    ),
    adversaries: [
      shaped('trailing-comma near-misses', '{"a":[', ', ', '1]}'),
      shaped('commas before spaces', '{"a":[1', ',  ', ']}'),
      shaped('git specifiers', '{"lockfileVersion":1,"packages":{"a":["a@https://', '.git#', '\\n"]}}'),
    ],
  },
  'requirements.txt': {
    path: 'requirements.txt',
    benign: entries('', (i) => `pkg${i}==1.0.${i} --hash=sha256:abcdef${i}\n`),
    adversaries: [
      shaped('blanks before a comment', 'a', ' ', '#'),
      shaped('options', 'a==1 ', ' --a=', ''),
      shaped('unclosed extras', 'a', '['),
      shaped('an include of blanks', '-r', ' '),
      shaped('hash options', 'a==1', ' --hash=', ''),
      shaped('equals signs', 'a', '==='),
    ],
  },
  'poetry.lock': {
    path: 'poetry.lock',
    benign: entries('', (i) => `[[package]]\nname = "p${i}"\nversion = "1.0.${i}"\noptional = false\n\n`),
    adversaries: [
      shaped('dotted keys', 'a', '.a', ' = 1\n'),
      shaped('nested arrays', 'a = ', '['),
      shaped('nested inline tables', 'a = ', '{b='),
      shaped('package headers with blanks', '', '[[ package ]]\n'),
      shaped('a string of escapes', 'a = "', '\\u00e9', '"\n'),
    ],
  },
  'uv.lock': {
    path: 'uv.lock',
    benign: entries(
      'version = 1\n',
      (i) =>
        `[[package]]\nname = "p${i}"\nversion = "1.0.${i}"\nsource = { registry = "https://pypi.org/simple" }\n\n`,
    ),
    adversaries: [
      shaped('header near-misses', 'version = 1\n', '[[package ]'),
      shaped('tables', '', '[t]\n'),
    ],
  },
  'Cargo.lock': {
    path: 'Cargo.lock',
    benign: entries(
      'version = 3\n\n',
      (i) =>
        `[[package]]\nname = "p${i}"\nversion = "1.0.${i}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n\n`,
    ),
    adversaries: [
      shaped('a source of parentheses', '[[package]]\nname = "a"\nversion = "1"\nsource = "', '(', '"\n'),
      { name: 'keys of one table', text: entries('[a]\n', (i) => `k${i} = 1\n`) },
      shaped('header openers', 'version = 3\n', '[[ '),
    ],
  },
  'Pipfile.lock': {
    path: 'Pipfile.lock',
    benign: entries(
      '{"_meta":{},"default":{',
      (i) => `"p${i}":{"version":"==1.0.${i}"},`,
      '"z":{"version":"==1"}},"develop":{}}',
    ),
    adversaries: [
      shaped('a version of comparators', '{"default":{"a":{"version":"==', '<>', '"}}}'),
      shaped('a version of equals signs', '{"default":{"a":{"version":"', '=', '"}}}'),
    ],
  },
  'go.mod': {
    path: 'go.mod',
    benign: entries(
      'module x\n\ngo 1.21\n\nrequire (\n',
      (i) => `\tgithub.com/p/q${i} v1.0.${i} // indirect\n`,
      ')\n',
    ),
    adversaries: [
      shaped('unterminated quotes of escapes', 'module x\nrequire ', '"\\'),
      shaped('comment markers', 'module x\nrequire a v1 ', '// '),
      shaped('backquotes', 'module x\nrequire ', '`a` '),
      shaped('one long token', 'module x\nrequire ', 'a', ' v1\n'),
      shaped('toolchain digits', 'module x\ntoolchain go', '1.', '\n'),
    ],
  },
  'Gemfile.lock': {
    path: 'Gemfile.lock',
    benign: entries(
      GEM_HEAD,
      (i) => `    rack${i} (2.2.${i})\n      dep${i} (>= 1)\n`,
      '\nDEPENDENCIES\n  rack0\n',
    ),
    adversaries: [
      shaped('unclosed version parentheses', `${GEM_HEAD}    a`, ' (', ''),
      shaped('one long name', `${GEM_HEAD}    `, 'a', ' x'),
      shaped('blanks before a parenthesis', `${GEM_HEAD}    a`, ' ', '(1'),
    ],
  },
  'composer.lock': {
    path: 'composer.lock',
    benign: entries(
      '{"packages":[',
      (i) => `{"name":"v/p${i}","version":"1.0.${i}"},`,
      '{"name":"a/b","version":"1"}],"packages-dev":[]}',
    ),
    adversaries: [
      shaped('name keys without colons', '{"packages":[', '"name" ', ']}'),
      shaped('escaped name keys', '{"packages":["', '\\"name\\":\\"', '"]}'),
      shaped('a name of escapes', '{"packages":[{"name":"', '\\\\', '"}]}'),
      shaped('blanks after a name key', '{"packages":[{"name"', ' ', ']}'),
    ],
  },
};

describe('lockfile extractors run in time linear in their input', () => {
  for (const [what, c] of Object.entries(cases)) {
    it(`${what}: adversarial 1 MiB within budget`, { timeout: 600_000 }, () => {
      const run = runner(c.path);
      const benign = c.benign(64 * 1024);
      expect(benign.length).toBe(64 * 1024);
      // the plain text is a lockfile the extractor reads without complaint
      expect(() => extractLockfile(extractorFor(c.path)!, c.path, benign)).not.toThrow();
      expectLinear(what, run, c.benign, c.adversaries);
    });
  }
});
