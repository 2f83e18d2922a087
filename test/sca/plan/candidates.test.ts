import { describe, expect, it } from 'vitest';
import type { Packument } from '../../../src/sca/plan/packument.ts';
import { candidateVersions, MAX_CANDIDATES } from '../../../src/sca/plan/planner.ts';

function packument(versions: string[], deprecated: string[] = []): Packument {
  return {
    name: 'x',
    distTags: {},
    versions: new Map(
      versions.map((v) => [
        v,
        {
          version: v,
          dependencies: {},
          optionalDependencies: {},
          ...(deprecated.includes(v) ? { deprecated: 'do not use' } : {}),
        },
      ]),
    ),
  };
}

describe('candidateVersions', () => {
  it('tries the installed release first (a refresh), then newer ones, leaving out prereleases and deprecated ones', () => {
    const p = packument(['0.9.0', '1.0.0', '1.0.1', '1.1.0-beta.1', '1.1.0', '2.0.0'], ['1.0.1']);
    expect(candidateVersions(p, '1.0.0')).toEqual({ versions: ['1.0.0', '1.1.0', '2.0.0'], capped: false });
  });

  it('tries newer releases only when the installed one is no longer published', () => {
    expect(candidateVersions(packument(['1.0.1', '1.2.0']), '1.0.0').versions).toEqual(['1.0.1', '1.2.0']);
  });

  it('has nothing newer for an installed version semver cannot read', () => {
    expect(candidateVersions(packument(['1.0.0', '2.0.0']), 'github-main').versions).toEqual([]);
  });

  it(`keeps the last release of each minor line past ${MAX_CANDIDATES} newer releases`, () => {
    const versions = ['1.0.0'];
    for (let minor = 0; minor < 10; minor++)
      for (let patch = 0; patch < 10; patch++) versions.push(`2.${minor}.${patch}`);
    const { versions: tried, capped } = candidateVersions(packument(versions), '1.0.0');
    expect(capped).toBe(true);
    expect(tried).toEqual(['1.0.0', ...Array.from({ length: 10 }, (_, m) => `2.${m}.9`)]);
  });
});
