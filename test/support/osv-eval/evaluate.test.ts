import { describe, expect, it } from 'vitest';
import { affects, UnsupportedEcosystemError, type EvalRange, type EvalRecord } from './evaluate.ts';
import { VersionSyntaxError } from './orders.ts';

// Cases written from the OSV schema's "Evaluation" pseudocode and its examples.

function record(ranges: EvalRange[]): EvalRecord {
  return { id: 'TEST-1', affected: [{ package: { ecosystem: 'npm', name: 'pkg' }, ranges }] };
}
const npm = (version: string) => ({ ecosystem: 'npm', name: 'pkg', version });
const hits = (r: EvalRecord, versions: string[]) => versions.filter((v) => affects(r, npm(v)));
const ALL = [
  '0.0.1',
  '0.9.0',
  '1.0.0-rc.1',
  '1.0.0',
  '1.0.1',
  '1.0.2',
  '2.0.0',
  '3.0.0',
  '3.2.4',
  '3.2.5',
  '9.9.9',
];

describe('OSV range evaluation', () => {
  it('introduced "0" alone: every version', () => {
    expect(hits(record([{ type: 'SEMVER', events: [{ introduced: '0' }] }]), ALL)).toEqual(ALL);
  });

  it('fixed is exclusive, introduced inclusive, prereleases of the fix are below it', () => {
    const r = record([{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.0.2' }] }]);
    expect(hits(r, ALL)).toEqual(['1.0.0', '1.0.1']);
    const below = record([{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }]);
    expect(hits(below, ALL)).toEqual(['0.0.1', '0.9.0', '1.0.0-rc.1']);
  });

  it('several intervals in one range, events in any order', () => {
    const r = record([
      {
        type: 'ECOSYSTEM',
        events: [{ fixed: '3.2.5' }, { introduced: '3.0.0' }, { fixed: '1.0.2' }, { introduced: '1.0.0' }],
      },
    ]);
    expect(hits(r, ALL)).toEqual(['1.0.0', '1.0.1', '3.0.0', '3.2.4']);
  });

  it('last_affected is inclusive', () => {
    const r = record([{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { last_affected: '1.0.1' }] }]);
    expect(hits(r, ALL)).toEqual(['0.0.1', '0.9.0', '1.0.0-rc.1', '1.0.0', '1.0.1']);
  });

  it('limit bounds the range from above; "*" is unbounded; any one limit admits', () => {
    const limited = record([{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '2.0.0' }] }]);
    expect(hits(limited, ALL)).toEqual(['1.0.0', '1.0.1', '1.0.2']);
    const star = record([{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '*' }] }]);
    expect(hits(star, ALL)).toEqual(ALL.slice(3));
    const two = record([
      { type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '1.0.1' }, { limit: '3.0.0' }] },
    ]);
    expect(hits(two, ALL)).toEqual(['1.0.0', '1.0.1', '1.0.2', '2.0.0']);
  });

  it('a version in the versions list matches even outside every range', () => {
    const r: EvalRecord = {
      id: 'TEST-2',
      affected: [
        {
          package: { ecosystem: 'npm', name: 'pkg' },
          versions: ['9.9.9'],
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.9.0' }] }],
        },
      ],
    };
    expect(hits(r, ALL)).toEqual(['0.0.1', '9.9.9']);
  });

  it('GIT ranges never match a version query', () => {
    const r = record([{ type: 'GIT', events: [{ introduced: '0' }] }]);
    expect(hits(r, ALL)).toEqual([]);
  });

  it('matches the package by ecosystem and name (PyPI names normalised), and never a withdrawn record', () => {
    const r = record([{ type: 'SEMVER', events: [{ introduced: '0' }] }]);
    expect(affects(r, { ecosystem: 'npm', name: 'Pkg', version: '1.0.0' })).toBe(false);
    expect(affects(r, { ecosystem: 'PyPI', name: 'pkg', version: '1.0.0' })).toBe(false);
    expect(affects({ ...r, withdrawn: '2024-01-01T00:00:00Z' }, npm('1.0.0'))).toBe(false);
    const py: EvalRecord = {
      id: 'PYSEC-1',
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'zope-interface' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '5.0' }] }],
        },
      ],
    };
    expect(affects(py, { ecosystem: 'PyPI', name: 'Zope.Interface', version: '4.7.2' })).toBe(true);
    expect(affects(py, { ecosystem: 'PyPI', name: 'zope_interface', version: '5.0.0' })).toBe(false);
    expect(affects(py, { ecosystem: 'PyPI', name: 'zope-interface', version: '5.0rc1' })).toBe(true);
  });

  it('Go: SEMVER ranges without "v" match queries with it', () => {
    const go: EvalRecord = {
      id: 'GO-1',
      affected: [
        {
          package: { ecosystem: 'Go', name: 'example.com/m' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.3' }] }],
        },
      ],
    };
    expect(affects(go, { ecosystem: 'Go', name: 'example.com/m', version: 'v1.2.2' })).toBe(true);
    expect(affects(go, { ecosystem: 'Go', name: 'example.com/m', version: 'v1.2.3' })).toBe(false);
  });

  it('fails loudly on an ecosystem order it lacks or a version it cannot read', () => {
    const maven: EvalRecord = {
      id: 'GHSA-m',
      affected: [
        {
          package: { ecosystem: 'Maven', name: 'g:a' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
        },
      ],
    };
    expect(() => affects(maven, { ecosystem: 'Maven', name: 'g:a', version: '1.0' })).toThrow(
      UnsupportedEcosystemError,
    );
    // a record for another package in that ecosystem is simply not a match
    expect(affects(maven, { ecosystem: 'npm', name: 'g:a', version: '1.0.0' })).toBe(false);
    const r = record([{ type: 'SEMVER', events: [{ introduced: '1.0.x' }] }]);
    expect(() => affects(r, npm('1.0.0'))).toThrow(VersionSyntaxError);
  });
});
