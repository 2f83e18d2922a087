import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLanguageFile } from '../../src/container/language.ts';

const aliasLock = readFileSync(new URL('../sca/fixtures/alias/package-lock.json', import.meta.url));

describe('language packages in an image', () => {
  it('keeps npm aliases from a lockfile, under their real name, so advisories can match them', () => {
    const { packages, issue } = parseLanguageFile('app/package-lock.json', aliasLock, () => undefined);
    expect(issue).toBeUndefined();
    const semvers = packages.filter((p) => p.name === 'semver').map((p) => [p.version, p.kind]);
    expect(semvers).toContainEqual(['5.7.1', 'alias']);
    expect(semvers).toContainEqual(['7.5.4', 'registry']);
  });

  it('names the file when a lockfile in the image is malformed', () => {
    const { packages, issue } = parseLanguageFile(
      'app/package-lock.json',
      Buffer.from('{"lockfileVersion": 3,'),
      () => undefined,
    );
    expect(packages).toEqual([]);
    expect(issue?.path).toBe('app/package-lock.json');
  });
});
