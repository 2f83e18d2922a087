import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { extractText, find } from './helpers.ts';

const lockText = readFileSync(new URL('../../../examples/package-lock.json', import.meta.url), 'utf8');
const manifest = readFileSync(new URL('../../../examples/package.json', import.meta.url), 'utf8');

describe('examples/package-lock.json', () => {
  it('is internally consistent: every dependency installed where Node finds it, in its declared range', () => {
    const lock = JSON.parse(lockText) as {
      packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
    };
    const pkgs = lock.packages;
    const resolve = (from: string, dep: string): string | undefined => {
      for (let dir = from; ; dir = dir.slice(0, Math.max(dir.lastIndexOf('/node_modules/'), 0))) {
        const key = dir === '' ? `node_modules/${dep}` : `${dir}/node_modules/${dep}`;
        if (pkgs[key]) return key;
        if (dir === '') return undefined;
      }
    };
    for (const [key, entry] of Object.entries(pkgs)) {
      for (const [dep, range] of Object.entries(entry.dependencies ?? {})) {
        const at = resolve(key, dep);
        expect(at, `${key} → ${dep}`).toBeDefined();
        expect(semver.satisfies(pkgs[at as string]?.version ?? '', range), `${key} → ${dep}@${range}`).toBe(
          true,
        );
      }
    }
    expect(pkgs['']?.dependencies).toEqual((JSON.parse(manifest) as { dependencies: unknown }).dependencies);
  });

  it('pins old versions with advisories in the corpus, direct and transitive', () => {
    const inv = extractText('examples/package-lock.json', lockText, { 'examples/package.json': manifest });
    expect(find(inv, 'lodash')).toMatchObject({ version: '4.17.15', direct: true });
    expect(find(inv, 'minimist')).toMatchObject({ version: '1.2.5', direct: true });
    expect(find(inv, 'path-to-regexp')).toMatchObject({ version: '0.1.7', direct: false });
    expect(find(inv, 'qs').paths[0]).toEqual(['vigil-vulnerable-example', 'express', 'qs']);
    expect(inv.declared?.express).toBe('4.17.1');
  });
});
