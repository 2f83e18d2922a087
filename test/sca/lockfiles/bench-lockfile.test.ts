import { describe, expect, it } from 'vitest';
import { makeLockfile } from '../../../bench/sca/make-lockfile.ts';
import { extractText } from './helpers.ts';

describe('the synthesised 5,000-package benchmark lockfile', () => {
  it('is a consistent package-lock v3 of real package names, every package reachable or hoisted', () => {
    const text = makeLockfile(5000);
    const inv = extractText('package-lock.json', text);
    expect(inv.format).toBe('package-lock v3');
    expect(inv.packages).toHaveLength(5000);
    expect(inv.packages.filter((p) => p.direct)).toHaveLength(60);
    expect(inv.packages.some((p) => p.dev)).toBe(true);
    expect(inv.packages.filter((p) => (p.dependsOn?.length ?? 0) > 0).length).toBeGreaterThan(1000);
    expect(inv.packages.filter((p) => p.paths[0]!.length > 2).length).toBeGreaterThan(1000);
    expect(text).not.toMatch(/"integrity"/);
    expect(makeLockfile(5000)).toBe(text);
  });
});
