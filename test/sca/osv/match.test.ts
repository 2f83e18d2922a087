import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packageLock } from '../../../src/sca/lockfiles/npm.ts';
import {
  affectingEntries,
  fixesFor,
  groupAliases,
  groupIds,
  isAffected,
  rangeIncludes,
  sortEvents,
} from '../../../src/sca/osv/match.ts';
import { parseRecord, parseRecordText, type OsvRange } from '../../../src/sca/osv/schema.ts';
import fc from 'fast-check';
import { schemeFor } from '../../../src/sca/versions/index.ts';
import { corpusPath, corpusRecordFiles, loadRecord, santatrackerRecords } from '../support/corpus.ts';

const npm = (name: string, version: string) => ({ ecosystem: 'npm', name, version });

describe('OSV range matching on real records', () => {
  it('parses every corpus record', () => {
    const files = corpusRecordFiles();
    expect(files.length).toBeGreaterThan(480);
    for (const f of files) expect(() => parseRecordText(readFileSync(f, 'utf8'), f)).not.toThrow();
  });

  it('last_affected includes the named version and nothing after (GHSA-p8p7-x288-28g6)', () => {
    const r = loadRecord('osv/npm/GHSA-p8p7-x288-28g6.json');
    expect(isAffected(r, npm('request', '2.88.2'))).toBe(true);
    expect(isAffected(r, npm('request', '2.88.0'))).toBe(true);
    expect(isAffected(r, npm('request', '2.88.3'))).toBe(false);
    expect(isAffected(r, npm('@cypress/request', '2.88.11'))).toBe(true);
    expect(isAffected(r, npm('@cypress/request', '2.88.12'))).toBe(false);
    expect(fixesFor(r, npm('request', '2.88.2'))).toEqual({ fixedVersions: [], lastAffected: '2.88.2' });
  });

  it('evaluates several affected entries and ranges of one package (GHSA-c2qf-rxjj-qqgw)', () => {
    const r = loadRecord('osv/npm/GHSA-c2qf-rxjj-qqgw.json');
    const cases: Array<[string, boolean, string | undefined]> = [
      ['5.7.1', true, '5.7.2'],
      ['5.7.2', false, undefined],
      ['6.0.0', true, '6.3.1'],
      ['6.3.1', false, undefined],
      ['7.5.1', true, '7.5.2'],
      ['7.5.2', false, undefined],
      ['7.0.0-rc.1', false, undefined],
    ];
    for (const [v, affected, fix] of cases) {
      expect(isAffected(r, npm('semver', v)), v).toBe(affected);
      if (fix) expect(fixesFor(r, npm('semver', v)).lowestClearing, v).toBe(fix);
    }
    // below 6: every fix above 5.5.1 is listed, and the lowest one clears it
    expect(fixesFor(r, npm('semver', '5.5.1'))).toEqual({
      fixedVersions: ['5.7.2', '6.3.1', '7.5.2'],
      lowestClearing: '5.7.2',
    });
  });

  it('matches explicit versions lists (GHSA-cj88-88mr-972w)', () => {
    const r = loadRecord('osv/npm/GHSA-cj88-88mr-972w.json');
    expect(isAffected(r, npm('glob-parent', '6.0.0'))).toBe(true);
    expect(isAffected(r, npm('glob-parent', '6.0.1'))).toBe(false);
    const onlyList = parseRecord(
      { ...r, affected: r.affected!.map((a) => ({ ...a, ranges: [] })) },
      'derived',
    );
    expect(isAffected(onlyList, npm('glob-parent', '6.0.0'))).toBe(true);
  });

  it('orders 4-part RubyGems versions (GHSA-c6qg-cjj8-47qp)', () => {
    const r = loadRecord('osv/RubyGems/GHSA-c6qg-cjj8-47qp.json');
    const rack = (version: string) => ({ ecosystem: 'RubyGems', name: 'rack', version });
    expect(isAffected(r, rack('2.2.6.3'))).toBe(true);
    expect(isAffected(r, rack('2.2.6.4'))).toBe(false);
    expect(isAffected(r, rack('3.0.6'))).toBe(true);
    expect(isAffected(r, rack('3.0.6.1'))).toBe(false);
    expect(isAffected(r, rack('1.6.13'))).toBe(false);
  });

  it('never matches an npm package against a GitHub Actions record of the same name (GHSA-j8xg-fqg3-53r7)', () => {
    const r = loadRecord('osv/npm/GHSA-j8xg-fqg3-53r7.json');
    expect(isAffected(r, npm('word-wrap', '1.2.3'))).toBe(false);
    expect(isAffected(r, { ecosystem: 'GitHub Actions', name: 'word-wrap', version: '1.2.3' })).toBe(false); // no version order: ranges unevaluated
  });

  it('skips withdrawn records (osv/Go)', () => {
    const files = corpusRecordFiles().filter((f) => f.includes('/osv/Go/'));
    const withdrawn = files
      .map((f) => parseRecordText(readFileSync(f, 'utf8'), f))
      .filter((r) => r.withdrawn);
    expect(withdrawn.length).toBe(8);
    for (const r of withdrawn) {
      const entry = r.affected?.find((a) => a.package && a.ranges?.length);
      if (!entry?.package) continue;
      const opened = entry.ranges![0]!.events.find((e) => e.introduced)!.introduced!;
      const pkg = { ...entry.package, version: opened === '0' ? '0.0.1' : opened };
      expect(isAffected(parseRecord({ ...r, withdrawn: undefined }, 'derived'), pkg), r.id).toBe(true);
      expect(isAffected(r, pkg), r.id).toBe(false);
    }
  });

  it('uses SemVer for SEMVER ranges of Go records, with or without the v prefix', () => {
    const records = corpusRecordFiles()
      .filter((f) => f.includes('/osv/Go/'))
      .map((f) => parseRecordText(readFileSync(f, 'utf8'), f))
      .filter((r) => !r.withdrawn);
    let checked = 0;
    for (const r of records) {
      for (const a of r.affected ?? []) {
        const range = a.ranges?.find((x) => x.type === 'SEMVER');
        const fixed = range?.events.find((e) => e.fixed)?.fixed;
        if (!a.package || !range || !fixed) continue;
        const pkg = { ...a.package, version: `v${fixed}` };
        expect(affectingEntries({ ...r, affected: [a] }, pkg), `${r.id} v${fixed}`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('honours limit events (a real record given a limit)', () => {
    const r = loadRecord('osv/npm/GHSA-c2qf-rxjj-qqgw.json');
    const range = { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { limit: '5.0.0' }] };
    const scheme = schemeFor('npm')!;
    expect(rangeIncludes(range, '4.9.9', scheme)).toBe(true);
    expect(rangeIncludes(range, '5.0.0', scheme)).toBe(false);
    const limited = parseRecord(
      { ...r, affected: [{ package: { ecosystem: 'npm', name: 'semver' }, ranges: [range] }] },
      'derived',
    );
    expect(isAffected(limited, npm('semver', '5.1.0'))).toBe(false);
  });

  it('a range written fixed-then-introduced at one version reopens there, as the walk in written order does', () => {
    const scheme = schemeFor('npm')!;
    const reopened = { type: 'SEMVER', events: [{ fixed: '1.0.0' }, { introduced: '1.0.0' }] };
    expect(rangeIncludes(reopened, '2.0.0', scheme)).toBe(true);
    expect(rangeIncludes(reopened, '0.9.0', scheme)).toBe(false);
    const empty = { type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.0.0' }] };
    expect(rangeIncludes(empty, '1.0.0', scheme)).toBe(false);
    expect(rangeIncludes(empty, '2.0.0', scheme)).toBe(false);
  });

  it('reads any limit containing "*" as infinity, as the schema says (not only the bare "*")', () => {
    const scheme = schemeFor('npm')!;
    for (const limit of ['*', '5.*', '*.*.*']) {
      const range = { type: 'ECOSYSTEM', events: [{ introduced: '1.0.0' }, { limit }] };
      expect(rangeIncludes(range, '9.9.9', scheme), limit).toBe(true);
      expect(rangeIncludes(range, '0.9.0', scheme), limit).toBe(false);
    }
  });

  it("decides every corpus range as the schema's sorted walk does (the interval shortcut included)", () => {
    // the schema's pseudo-code, verbatim, as the oracle
    const walk = (range: OsvRange, v: string, scheme: NonNullable<ReturnType<typeof schemeFor>>) => {
      let vulnerable = false;
      for (const e of sortEvents(range.events, scheme)) {
        if (e.introduced !== undefined && (e.introduced === '0' || scheme.compare(v, e.introduced) >= 0))
          vulnerable = true;
        else if (e.fixed !== undefined && scheme.compare(v, e.fixed) >= 0) vulnerable = false;
        else if (e.last_affected !== undefined && scheme.compare(v, e.last_affected) > 0) vulnerable = false;
      }
      return vulnerable;
    };
    const ranges: Array<[OsvRange, string]> = [];
    for (const f of corpusRecordFiles()) {
      const r = parseRecordText(readFileSync(f, 'utf8'), f);
      for (const a of r.affected ?? [])
        for (const range of a.ranges ?? [])
          if (a.package && range.type !== 'GIT' && !range.events.some((e) => e.limit))
            ranges.push([range, a.package.ecosystem]);
    }
    expect(ranges.length).toBeGreaterThan(500);
    fc.assert(
      fc.property(
        fc.constantFrom(...ranges),
        fc.nat(),
        fc.constantFrom('0.0.1', '1.0.0', '2.0.0-rc.1', '99.0.0'),
        ([range, eco], pick, other) => {
          const scheme = range.type === 'SEMVER' ? schemeFor('crates.io')! : schemeFor(eco);
          if (!scheme) return;
          const boundaries = range.events.flatMap((e) =>
            [e.introduced, e.fixed, e.last_affected].filter((x): x is string => x !== undefined && x !== '0'),
          );
          const v = boundaries.length && pick % 3 ? boundaries[pick % boundaries.length]! : other;
          expect(rangeIncludes(range, v, scheme), `${JSON.stringify(range.events)} @ ${v}`).toBe(
            walk(range, v, scheme),
          );
          // events out of order and reversed pairs take the same answer
          const reversed = { ...range, events: [...range.events].reverse() };
          expect(rangeIncludes(reversed, v, scheme)).toBe(walk(reversed, v, scheme));
        },
      ),
      { numRuns: 3000 },
    );
    const inverted = { type: 'ECOSYSTEM', events: [{ introduced: '2.0.0' }, { fixed: '1.0.0' }] };
    expect(rangeIncludes(inverted, '3.0.0', schemeFor('npm')!)).toBe(true);
    expect(rangeIncludes(inverted, '1.5.0', schemeFor('npm')!)).toBe(false);
  });

  it('merges records that only share an alias (GHSA and PYSEC naming one CVE), transitively', () => {
    const ghsa = loadRecord('osv/npm/GHSA-p8p7-x288-28g6.json');
    const other = parseRecord(
      { id: 'OTHER-2023-1', modified: ghsa.modified, aliases: ['CVE-2023-28155'] },
      'derived',
    );
    const third = parseRecord(
      { id: 'THIRD-1', modified: ghsa.modified, aliases: ['OTHER-2023-1'] },
      'derived',
    );
    const groups = groupAliases([third, ghsa, other]);
    expect(groups.length).toBe(1);
    expect(groupIds(groups[0]!)).toEqual([
      'GHSA-p8p7-x288-28g6',
      'OTHER-2023-1',
      'THIRD-1',
      'CVE-2023-28155',
    ]);
  });

  it('matches release-suffixed ecosystems exactly, and a bare one against any release', () => {
    const r = loadRecord('osv/npm/GHSA-c2qf-rxjj-qqgw.json');
    const filedFor = (ecosystem: string) =>
      parseRecord(
        {
          id: r.id,
          modified: r.modified,
          affected: [{ package: { ecosystem, name: 'semver' }, versions: ['5.7.1'] }],
        },
        'derived',
      );
    const pkg = (ecosystem: string) => ({ ecosystem, name: 'semver', version: '5.7.1' });
    expect(isAffected(filedFor('Debian:12'), pkg('Debian:12'))).toBe(true);
    expect(isAffected(filedFor('Debian:12'), pkg('Debian:11'))).toBe(false);
    expect(isAffected(filedFor('Debian:12'), pkg('Debian'))).toBe(true);
    expect(isAffected(filedFor('Debian'), pkg('Debian:12'))).toBe(true);
    expect(isAffected(filedFor('Ubuntu:22.04:LTS'), pkg('Ubuntu:22.04:LTS'))).toBe(true);
  });

  it('merges records that alias each other into one group with every id', () => {
    const ghsa = loadRecord('osv/npm/GHSA-p8p7-x288-28g6.json');
    const cve = parseRecord({ id: 'CVE-2023-28155', modified: ghsa.modified, aliases: [] }, 'derived');
    const other = loadRecord('osv/npm/GHSA-c2qf-rxjj-qqgw.json');
    const groups = groupAliases([ghsa, other, cve, ghsa]);
    expect(groups.length).toBe(2);
    const merged = groups.find((g) => g.some((r) => r.id === ghsa.id))!;
    expect(groupIds(merged)).toEqual(['CVE-2023-28155', 'GHSA-p8p7-x288-28g6']);
  });
});

/**
 * osv-scanner's own expected result for this pair: internal/remediation/__snapshots__/in_place_test.snap
 * (google/osv-scanner @225be265), TestComputeInPlacePatches/npm-santatracker. Its `Patches` name
 * package, version and advisory; its `Unfixable` entries name the advisory.
 */
const OSV_SCANNER_PATCHED: Array<[string, string, string]> = [
  ['lodash', '4.17.20', 'GHSA-29mw-wpgm-hmr9'],
  ['lodash', '4.17.20', 'GHSA-35jh-r3h4-6jhm'],
  ['minimist', '1.2.0', 'GHSA-vh95-rmgr-6w4m'],
  ['minimist', '1.2.0', 'GHSA-xvch-5gv4-984h'],
  ['acorn', '5.7.3', 'GHSA-6chw-6frg-f759'],
  ['acorn', '6.0.2', 'GHSA-6chw-6frg-f759'],
  ['acorn', '7.1.0', 'GHSA-6chw-6frg-f759'],
  ['ansi-regex', '3.0.0', 'GHSA-93q8-gq69-wqmw'],
  ['dat.gui', '0.7.3', 'GHSA-chwr-hf3w-c984'],
  ['get-func-name', '2.0.0', 'GHSA-4q6p-r6v2-jvc5'],
  ['glob-parent', '5.0.0', 'GHSA-ww39-953v-wcq6'],
  ['json5', '2.1.0', 'GHSA-9c47-m6qq-7p4h'],
  ['minimist', '1.2.5', 'GHSA-xvch-5gv4-984h'],
  ['node-fetch', '2.6.6', 'GHSA-r683-j2x4-v87g'],
  ['path-parse', '1.0.6', 'GHSA-hj48-42vr-x3v9'],
  ['pathval', '1.1.0', 'GHSA-g6ww-v8xp-vmwg'],
  ['qs', '6.5.2', 'GHSA-hrpp-h998-j3pp'],
  ['semver', '5.5.1', 'GHSA-c2qf-rxjj-qqgw'],
  ['semver', '5.6.0', 'GHSA-c2qf-rxjj-qqgw'],
  ['semver', '6.3.0', 'GHSA-c2qf-rxjj-qqgw'],
  ['ws', '6.2.1', 'GHSA-6fc8-4gx4-v693'],
  ['ws', '7.1.2', 'GHSA-6fc8-4gx4-v693'],
  ['y18n', '4.0.0', 'GHSA-c4w7-xm78-47vh'],
];
const OSV_SCANNER_UNFIXABLE = [
  'GHSA-2r2c-g63r-vccr',
  'GHSA-4wf5-vphf-c2xc',
  'GHSA-566m-qj78-rww5',
  'GHSA-5rrq-pxf6-6jx5',
  'GHSA-67hx-6x53-jw92',
  'GHSA-72xf-g2v4-qvf3',
  'GHSA-7fh5-64p2-3v2j',
  'GHSA-896r-f27r-55mw',
  'GHSA-8fr3-hfg3-gpgp',
  'GHSA-cfm4-qjh2-4765',
  'GHSA-f4c9-cqv8-9v98',
  'GHSA-f8q6-p94x-37v3',
  'GHSA-g954-5hwp-pp24',
  'GHSA-gf8q-jrpm-jvxq',
  'GHSA-h755-8qp9-cq85',
  'GHSA-hwj9-h5mp-3pm3',
  'GHSA-p8p7-x288-28g6',
  'GHSA-p9pc-299p-vxgp',
  'GHSA-pfq8-rq6v-vf5m',
  'GHSA-r683-j2x4-v87g',
  'GHSA-v88g-cgmw-v5xw',
  'GHSA-vh5w-fg69-rc8m',
  'GHSA-vh95-rmgr-6w4m',
  'GHSA-w8qv-6jwh-64r5',
  'GHSA-x4jg-mjrx-434g',
  'GHSA-xvch-5gv4-984h',
];

describe('agreement with osv-scanner on the santatracker lockfile', () => {
  const lockPath = corpusPath('lockfiles', 'package-lock-v2', 'osv-scanner-santatracker-package-lock.json');
  const inventory = packageLock.extract('package-lock.json', readFileSync(lockPath, 'utf8'));
  const records = santatrackerRecords();
  const found = new Set<string>();
  for (const pkg of inventory.packages) {
    if (pkg.kind !== 'registry') continue;
    for (const r of records) if (isAffected(r, pkg)) found.add(`${pkg.name}@${pkg.version} ${r.id}`);
  }
  const foundIds = new Set([...found].map((f) => f.split(' ')[1]!));
  const bundleIds = new Set(records.map((r) => r.id));

  it('finds every (package, version, advisory) osv-scanner patches', () => {
    for (const [name, version, id] of OSV_SCANNER_PATCHED)
      expect(found, `${name}@${version} ${id}`).toContain(`${name}@${version} ${id}`);
  });

  it('finds every unfixable advisory osv-scanner reports that the bundle holds', () => {
    const inBundle = OSV_SCANNER_UNFIXABLE.filter((id) => bundleIds.has(id));
    expect(inBundle.length).toBe(OSV_SCANNER_UNFIXABLE.length - 1); // GHSA-f4c9-cqv8-9v98 is not in the bundle
    for (const id of inBundle) expect(foundIds, id).toContain(id);
  });

  it('reports only advisories newer than that snapshot beyond it', () => {
    const expected = new Set([...OSV_SCANNER_PATCHED.map((p) => p[2]), ...OSV_SCANNER_UNFIXABLE]);
    const extra = [...foundIds].filter((id) => !expected.has(id));
    for (const id of extra) {
      const published = records.find((r) => r.id === id)!.published!;
      expect(published >= '2024-05-01', `${id} published ${published}`).toBe(true);
    }
    expect(foundIds.size).toBe(39 + extra.length);
  });
});
