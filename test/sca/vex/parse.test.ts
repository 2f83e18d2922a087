import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_VEX_BYTES, parseVex } from '../../../src/sca/vex/parse.ts';
import { parseProductPurl, productMatches } from '../../../src/sca/vex/purl-match.ts';
import { isVexFile } from '../../../src/sca/vex/load.ts';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
const LODASH = { ecosystem: 'npm', name: 'lodash', version: '4.17.20' };

describe('parseVex', () => {
  it('reads OpenVEX statements: ids with aliases, products and subcomponents, justification', () => {
    const [first, second, third] = parseVex('.openvex.json', fixture('openvex.json'));
    expect(first).toMatchObject({
      ids: ['CVE-2021-23337'],
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path: _.template is never called',
      path: '.openvex.json',
      inRoot: true,
      line: 9,
    });
    expect(first!.products).toEqual([
      { base: 'pkg:npm/vex-app', version: '1.0.0' },
      { base: 'pkg:npm/lodash', version: '4.17.20' },
    ]);
    expect(second!.products).toEqual([{ base: 'pkg:npm/lodash', version: '4.17.19' }]);
    expect(third).toMatchObject({
      ids: ['GHSA-29mw-wpgm-hmr9', 'CVE-2020-28500'],
      status: 'under_investigation',
    });
    expect(third!.products).toEqual([{ base: 'pkg:npm/lodash' }]);
  });

  it('reads the v0.0.x string forms', () => {
    const doc = JSON.stringify({
      '@context': 'https://openvex.dev/ns',
      statements: [{ vulnerability: 'CVE-1', products: ['pkg:npm/a@1'], status: 'fixed' }],
    });
    expect(parseVex('v.json', doc)).toMatchObject([
      { ids: ['CVE-1'], status: 'fixed', products: [{ base: 'pkg:npm/a', version: '1' }] },
    ]);
  });

  it('reads CycloneDX analysis: states mapped, references as aliases, affects by bom-ref or purl', () => {
    const [fp, exploitable] = parseVex('.vex/cdx.json', fixture('cyclonedx-vex.json'));
    expect(fp).toMatchObject({
      ids: ['CVE-2020-28500', 'GHSA-29mw-wpgm-hmr9'],
      status: 'not_affected',
      justification: 'code_not_reachable: toNumber, trim and trimEnd never see user input',
      products: [{ base: 'pkg:npm/lodash', version: '4.17.20' }],
    });
    expect(exploitable).toMatchObject({ status: 'affected', products: [{ base: 'pkg:npm/lodash' }] });
  });

  it.each([
    ['truncated', fixture('openvex.json').slice(0, 200), /^x\.json: not valid JSON/],
    ['not an object', '[1, 2]', /^x\.json: not a JSON object$/],
    ['neither format', '{"statements": []}', /^x\.json: neither an OpenVEX document .* nor CycloneDX/],
    [
      'an unknown status',
      '{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"vulnerability":{"name":"X"},"status":"maybe"}]}',
      /^x\.json: statements\[0\]: status "maybe" is not an OpenVEX status$/,
    ],
    [
      'not_affected without a justification',
      '{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"vulnerability":{"name":"X"},"products":[],"status":"not_affected"}]}',
      /statements\[0\]: not_affected needs a justification or an impact_statement$/,
    ],
    [
      'no vulnerability',
      '{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"status":"fixed"}]}',
      /statements\[0\] names no vulnerability$/,
    ],
    [
      'statements not a list',
      '{"@context":"https://openvex.dev/ns/v0.2.0","statements":{}}',
      /"statements" is not a list$/,
    ],
    [
      'an unknown CycloneDX state',
      '{"bomFormat":"CycloneDX","vulnerabilities":[{"id":"X","analysis":{"state":"fine"}}]}',
      /vulnerabilities\[0\]\.analysis\.state "fine" is not a CycloneDX analysis state$/,
    ],
    ['huge', ' '.repeat(MAX_VEX_BYTES + 1), /^x\.json: over \d+ bytes; not read$/],
  ])('refuses %s with an error naming the file', (_what, text, message) => {
    expect(() => parseVex('x.json', text)).toThrow(message);
  });
});

describe('product purls', () => {
  it('compare by identity, with the version only when the statement gives one', () => {
    expect(parseProductPurl('pkg:npm/%40babel/core@7.0.0?foo=bar#sub')).toEqual({
      base: 'pkg:npm/@babel/core',
      version: '7.0.0',
    });
    expect(parseProductPurl('pkg:npm/@babel/core')).toEqual({ base: 'pkg:npm/@babel/core' });
    expect(parseProductPurl('npm/lodash')).toBeUndefined();
    expect(parseProductPurl('pkg:npm')).toBeUndefined();
    expect(productMatches({ base: 'pkg:npm/lodash' }, LODASH)).toBe(true);
    expect(productMatches({ base: 'pkg:npm/lodash', version: '4.17.20' }, LODASH)).toBe(true);
    expect(productMatches({ base: 'pkg:npm/lodash', version: '4.17.19' }, LODASH)).toBe(false);
    expect(productMatches({ base: 'pkg:pypi/lodash' }, LODASH)).toBe(false);
    expect(
      productMatches(parseProductPurl('pkg:npm/%40babel/core@7.0.0')!, {
        ecosystem: 'npm',
        name: '@babel/core',
        version: '7.0.0',
      }),
    ).toBe(true);
  });
});

describe('isVexFile', () => {
  it('takes .openvex.json and .vex/*.json at the root only', () => {
    expect(
      ['.openvex.json', '.vex/a.json', '.vex/b.txt', 'sub/.openvex.json', '.vex/x/y.json'].filter(isVexFile),
    ).toEqual(['.openvex.json', '.vex/a.json']);
  });
});
