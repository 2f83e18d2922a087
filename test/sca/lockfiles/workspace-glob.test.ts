import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { globMatcher } from '../../../src/core/glob.ts';
import { extractText } from './helpers.ts';

const GLOBS = [
  'packages/*',
  'apps/**',
  'libs/*/src',
  '{tools,scripts}/*',
  'p?g',
  'a/**/b',
  '**/x*y',
  'exact',
];
const PATHS = [
  'packages/a',
  'packages/a/b',
  'packages/.hidden',
  'apps',
  'apps/web',
  'apps/web/deep/er',
  'apps/.cache/x',
  'libs/core/src',
  'libs/core/lib',
  'tools/a',
  'scripts/b',
  'other/c',
  'pkg',
  'pxg',
  'pg',
  'a/b',
  'a/c/d/b',
  'a/c/d/e',
  'q/r/xzzy',
  'xy',
  'exact',
  'exactly',
];

describe('workspace globs', () => {
  it('match as picomatch does on the globs projects write', () => {
    for (const glob of GLOBS) {
      const ours = globMatcher([glob]);
      const theirs = picomatch(glob);
      for (const path of PATHS) expect(ours(path), `${glob} ~ ${path}`).toBe(theirs(path));
    }
  });

  it('stay fast on globs that make a regex backtrack (`*a*a*…b` against a long name)', () => {
    const glob = `${'*a'.repeat(40)}*b`;
    const match = globMatcher([glob, `${'**/'.repeat(40)}b`]);
    const started = performance.now();
    expect(match('a'.repeat(255))).toBe(false);
    expect(match('a/'.repeat(2000) + 'c')).toBe(false);
    expect(match(`${'a'.repeat(100)}b`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('a package-lock whose workspaces glob backtracks is still read at once', () => {
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { workspaces: [`${'*a'.repeat(12)}*b`] },
        [`${'a'.repeat(300)}`]: { version: '1.0.0' },
        'node_modules/x': { version: '1.0.0' },
      },
    });
    const started = performance.now();
    const inv = extractText('package-lock.json', lock);
    expect(inv.packages.map((p) => p.name)).toContain('x');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
