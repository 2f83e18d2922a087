import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IgnoreFileError, ignoredBy, packageIgnoredBy, parseOsvScannerToml } from '../../src/sca/ignores.ts';

const TOML = `# comment
[[IgnoredVulns]]
id = "GO-2022-0968"
ignoreUntil = 2022-11-09
reason = "No ssh servers are connected to or hosted in Go lang"

[[IgnoredVulns]]
id = "GHSA-c3h9-896r-86jm"
ignoreUntil = 2030-01-01T00:00:00Z
reason = "waiting on upstream"

[[IgnoredVulns]]
id = "CVE-2020-0001"

[[PackageOverrides]]
ecosystem = "npm"
ignore = true
reason = "This is an intentionally vulnerable test project"

[[PackageOverrides]]
name = "lodash"
license.override = ["MIT"]
`;

describe('osv-scanner.toml', () => {
  it('reads IgnoredVulns and ignoring PackageOverrides with their lines', () => {
    const parsed = parseOsvScannerToml('osv-scanner.toml', TOML);
    expect(parsed.vulns).toEqual([
      {
        id: 'GO-2022-0968',
        reason: 'No ssh servers are connected to or hosted in Go lang',
        expires: '2022-11-09',
      },
      { id: 'GHSA-c3h9-896r-86jm', reason: 'waiting on upstream', expires: '2030-01-01' },
      { id: 'CVE-2020-0001', reason: '(no reason given)' },
    ]);
    expect(parsed.packages).toEqual([
      { ecosystem: 'npm', reason: 'This is an intentionally vulnerable test project', line: 15 },
    ]);
    expect(parsed.source.lineOf('ignore[1]')).toBe(7);
  });

  it('honours live entries by any alias and not expired ones', () => {
    const parsed = parseOsvScannerToml('osv-scanner.toml', TOML);
    expect(ignoredBy(parsed, ['GHSA-xxxx', 'ghsa-c3h9-896r-86jm'], '2026-01-01')).toMatchObject({ line: 7 });
    expect(ignoredBy(parsed, ['GO-2022-0968'], '2026-01-01')).toBeUndefined();
    expect(ignoredBy(parsed, ['GO-2022-0968'], '2022-11-09')).toMatchObject({ line: 2 });
    expect(ignoredBy(parsed, ['CVE-2020-0001'], '2099-01-01')).toMatchObject({ line: 12 });
    expect(
      packageIgnoredBy(parsed, { ecosystem: 'npm', name: 'x', version: '1' }, '2026-01-01'),
    ).toMatchObject({ line: 15 });
    expect(
      packageIgnoredBy(parsed, { ecosystem: 'PyPI', name: 'x', version: '1' }, '2026-01-01'),
    ).toBeUndefined();
  });

  it('names the file and line for bad input', () => {
    expect(() => parseOsvScannerToml('a/osv-scanner.toml', '[[IgnoredVulns]]\nid = ')).toThrow(
      /^a\/osv-scanner\.toml:\d+: not valid TOML/,
    );
    expect(() => parseOsvScannerToml('osv-scanner.toml', '[[IgnoredVulns]]\nreason = "x"')).toThrow(
      'osv-scanner.toml:1: IgnoredVulns entry without an id',
    );
    expect(() =>
      parseOsvScannerToml('osv-scanner.toml', '[[IgnoredVulns]]\nid = "X"\nignoreUntil = "soon"'),
    ).toThrow(/ignoreUntil must be a date/);
    expect(() => parseOsvScannerToml('osv-scanner.toml', 'IgnoredVulns = 3')).toThrow(
      /must be an array of tables/,
    );
  });

  it('fuzz: any text either parses or fails with IgnoreFileError naming the file', () => {
    const lines = fc.constantFrom(
      '[[IgnoredVulns]]',
      'id = "GHSA-1"',
      'ignoreUntil = 2024-01-01',
      'reason = "r"',
      'id = 3',
      '[[PackageOverrides]]',
      'ignore = true',
      '[x',
      '"',
      'a.b.c = [1, 2',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.array(lines, { maxLength: 12 }).map((l) => l.join('\n')),
        ),
        (text) => {
          try {
            parseOsvScannerToml('fuzz/osv-scanner.toml', text);
          } catch (error) {
            expect(error).toBeInstanceOf(IgnoreFileError);
            expect((error as Error).message.startsWith('fuzz/osv-scanner.toml')).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
